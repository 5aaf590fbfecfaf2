using DaprShared.Core.Contract;
using DaprShared.Core.Injection;
using System.Text.Json;

namespace DaprShared.Core.Admission;

/// <summary>Validates the AdmissionReview envelope and picks out what the decision needs, in ONE forward
/// <see cref="Utf8JsonReader"/> pass over the body: the whole body is still validated (malformed JSON throws
/// <see cref="JsonException"/>), but only the envelope fields and the pod's <see cref="PodFacts"/> are kept;
/// everything else is skipped rather than built into a document. Every way a request can be malformed yields
/// one clear sentence for the HTTP 400 body.</summary>
internal static class AdmissionRequestReader
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    internal readonly record struct Request(
        string? Error, string? Uid, string? Namespace, PodFacts? Object, bool DryRun, bool IsPodCreate);

    /// <summary>Reads and checks the review. Throws <see cref="JsonException"/> when the body is not valid JSON.</summary>
    public static Request Read(ReadOnlyMemory<byte> body)
    {
        var envelope = Scan(body);
        if (envelope.RootToken != JsonTokenType.StartObject)
        {
            return Fail($"an AdmissionReview must be a JSON object, not {Describe(envelope.RootToken)}");
        }

        // Compared as UTF-8 in place: the strings are made only for the message of a request that fails.
        if (!envelope.Kind.StringEquals(body, "AdmissionReview"u8) || !envelope.ApiVersion.StringEquals(body, "admission.k8s.io/v1"u8))
        {
            return Fail($"expected kind AdmissionReview of apiVersion {AdmissionResponseWriter.ApiVersion}, got kind {Show(envelope.Kind.GetString(body))} of apiVersion {Show(envelope.ApiVersion.GetString(body))}");
        }

        if (!envelope.RequestIsObject)
        {
            return Fail("request is missing or not an object");
        }

        var request = envelope.Request;
        var uid = request.Uid.GetString(body);
        if (string.IsNullOrEmpty(uid))
        {
            return Fail("request.uid is missing or empty");
        }

        if (!request.ObjectKind.StringEquals(body, "Pod"u8) || !request.Group.IsNullOrEmptyString)
        {
            return Fail($"only core/v1 Pods are handled, got request.kind {Show(request.Group.GetString(body))}/{Show(request.ObjectKind.GetString(body))}", uid);
        }

        if (request.Pod is not { } pod)
        {
            return Fail("request.object is missing or not an object", uid);
        }

        var ns = request.Namespace.GetString(body);
        if (string.IsNullOrEmpty(ns))
        {
            ns = pod.MetadataNamespace.GetString(body);
        }

        if (string.IsNullOrEmpty(ns))
        {
            return Fail("request.namespace is missing", uid);
        }

        var isPodCreate = (!request.Operation.IsString || request.Operation.StringEquals(body, "CREATE"u8)) && request.SubResource.IsNullOrEmptyString;
        return new Request(null, uid, ns, pod, request.DryRun, isPodCreate);
    }

    private static Request Fail(string error, string? uid = null) => new(error, uid, null, null, false, false);

    private static Envelope Scan(ReadOnlyMemory<byte> body)
    {
        var reader = new Utf8JsonReader(body.Span, ReaderOptions);
        reader.Read();
        var envelope = new Envelope { RootToken = reader.TokenType };
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
        }
        else
        {
            while (PodFactsReader.NextMember(ref reader))
            {
                if (reader.ValueTextEquals("apiVersion"u8))
                {
                    envelope.ApiVersion = JsonSlice.ReadMemberValue(ref reader);
                }
                else if (reader.ValueTextEquals("kind"u8))
                {
                    envelope.Kind = JsonSlice.ReadMemberValue(ref reader);
                }
                else if (reader.ValueTextEquals("request"u8))
                {
                    reader.Read();
                    envelope.RequestIsObject = reader.TokenType == JsonTokenType.StartObject;
                    envelope.Request = envelope.RequestIsObject ? ScanRequest(ref reader, body) : SkipRequest(ref reader);
                }
                else
                {
                    PodFactsReader.SkipValue(ref reader);
                }
            }
        }

        // Anything after the root value is malformed JSON: this read throws, as parsing a document would.
        if (reader.Read())
        {
            throw new JsonException("the body holds more than one JSON value");
        }

        return envelope;
    }

    private static RequestFields SkipRequest(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return default;
    }

    private static RequestFields ScanRequest(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body)
    {
        var request = default(RequestFields);
        while (PodFactsReader.NextMember(ref reader))
        {
            if (reader.ValueTextEquals("uid"u8))
            {
                request.Uid = JsonSlice.ReadMemberValue(ref reader);
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                reader.Read();
                (request.Group, request.ObjectKind) = ScanResourceKind(ref reader);
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    request.Pod = PodFactsReader.Read(ref reader, body);
                }
                else
                {
                    reader.Skip();
                    request.Pod = null;
                }
            }
            else if (reader.ValueTextEquals("namespace"u8))
            {
                request.Namespace = JsonSlice.ReadMemberValue(ref reader);
            }
            else if (reader.ValueTextEquals("dryRun"u8))
            {
                reader.Read();
                request.DryRun = reader.TokenType == JsonTokenType.True;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("operation"u8))
            {
                request.Operation = JsonSlice.ReadMemberValue(ref reader);
            }
            else if (reader.ValueTextEquals("subResource"u8))
            {
                request.SubResource = JsonSlice.ReadMemberValue(ref reader);
            }
            else
            {
                PodFactsReader.SkipValue(ref reader);
            }
        }

        return request;
    }

    private static (JsonSlice Group, JsonSlice Kind) ScanResourceKind(ref Utf8JsonReader reader)
    {
        var result = (Group: default(JsonSlice), Kind: default(JsonSlice));
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return result;
        }

        while (PodFactsReader.NextMember(ref reader))
        {
            if (reader.ValueTextEquals("group"u8))
            {
                result.Group = JsonSlice.ReadMemberValue(ref reader);
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                result.Kind = JsonSlice.ReadMemberValue(ref reader);
            }
            else
            {
                PodFactsReader.SkipValue(ref reader);
            }
        }

        return result;
    }

    // Values from the request are echoed into an error message: bound them.
    private static string Show(string? value) => value is null ? "<missing>" : UserText.Quote(value);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.Null => "null",
        _ => "a boolean",
    };

    private struct Envelope
    {
        public JsonTokenType RootToken;
        public JsonSlice ApiVersion;
        public JsonSlice Kind;
        public bool RequestIsObject;
        public RequestFields Request;
    }

    private struct RequestFields
    {
        public JsonSlice Uid;
        public JsonSlice Group;
        public JsonSlice ObjectKind;
        public JsonSlice Namespace;
        public JsonSlice Operation;
        public JsonSlice SubResource;
        public bool DryRun;
        public PodFacts? Pod;
    }
}
