using System.Buffers;
using System.Text.Json;
using DaprShared.Core.Injection;
using DaprShared.Core.Patching;

namespace DaprShared.Core.Admission;

/// <summary>Writes AdmissionReview v1 responses. Every response allows the pod: this webhook only mutates, and
/// must never be the reason a cluster cannot create pods.</summary>
public static class AdmissionResponseWriter
{
    public const string ApiVersion = "admission.k8s.io/v1";
    public const string Kind = "AdmissionReview";

    /// <summary>The response for a decision; <c>patchType</c> and <c>patch</c> only when there are operations.</summary>
    public static void Write(string uid, InjectionResult result, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(result);
        var writers = ResponseWriters.Rent(output);
        try
        {
            Write(writers, uid, result);
        }
        finally
        {
            ResponseWriters.Return(writers);
        }
    }

    private static void Write(ResponseWriters writers, string uid, InjectionResult result)
    {
        var writer = writers.Response;
        WriteStart(writer, uid);

        if (result.HasPatch)
        {
            JsonPatchWriter.Write(result.Operations, writers.Patch);
            writer.WriteString("patchType"u8, "JSONPatch"u8);
            writer.WriteBase64String("patch"u8, writers.PatchBytes.WrittenSpan);
        }

        if (result.Warnings.Count > 0)
        {
            writer.WriteStartArray("warnings"u8);
            foreach (var warning in result.Warnings)
            {
                writer.WriteStringValue(warning);
            }

            writer.WriteEndArray();
        }

        // Lands in the audit log as "<webhook name>/reason": why a pod was or was not changed.
        writer.WriteStartObject("auditAnnotations"u8);
        writer.WriteString("reason"u8, result.Reason);
        writer.WriteEndObject();

        WriteEnd(writer);
    }

    private static void WriteStart(Utf8JsonWriter writer, string uid)
    {
        writer.WriteStartObject();
        writer.WriteString("apiVersion"u8, ApiVersion);
        writer.WriteString("kind"u8, Kind);
        writer.WriteStartObject("response"u8);
        writer.WriteString("uid"u8, uid);
        writer.WriteBoolean("allowed"u8, true);
    }

    private static void WriteEnd(Utf8JsonWriter writer)
    {
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
    }
}
