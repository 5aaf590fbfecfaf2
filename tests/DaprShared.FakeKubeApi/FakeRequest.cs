namespace DaprShared.FakeKubeApi;

/// <summary>One request the fake received, as the API server's audit log would see it.</summary>
public sealed class FakeRequest
{
    public long Sequence { get; init; }

    public DateTimeOffset Time { get; init; }

    public required string Method { get; init; }

    /// <summary>The path without the query string.</summary>
    public required string Path { get; init; }

    public string Query { get; init; } = "";

    /// <summary>The Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection; "" when the
    /// path is not a resource path.</summary>
    public string Verb { get; init; } = "";

    public string Group { get; init; } = "";

    public string Version { get; init; } = "";

    /// <summary>The plural resource name, e.g. <c>services</c>.</summary>
    public string Resource { get; init; } = "";

    public string Subresource { get; init; } = "";

    public string? Namespace { get; init; }

    public string? Name { get; init; }

    public string ContentType { get; init; } = "";

    public string? FieldManager { get; init; }

    public string UserAgent { get; init; } = "";

    /// <summary>The Accept header (metadata-only requests ask for <c>as=PartialObjectMetadata</c>).</summary>
    public string Accept { get; init; } = "";

    /// <summary>The status code answered (200 for a watch that was opened).</summary>
    public int StatusCode { get; internal set; }

    /// <summary>The Status message of an error answer (null on success).</summary>
    public string? Error { get; internal set; }

    public bool IsWatch => Verb == Verbs.Watch;

    /// <summary>Whether the request asks to change something (whether or not anything actually changed).</summary>
    public bool IsWrite => Verb is Verbs.Create or Verbs.Update or Verbs.Patch or Verbs.Delete or Verbs.DeleteCollection;

    public override string ToString() =>
        $"{Verb} {Group}/{Resource}{(Subresource.Length > 0 ? "/" + Subresource : "")} {Namespace}/{Name} -> {StatusCode}{(Error is null ? "" : " " + Error)}";
}
