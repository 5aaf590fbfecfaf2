namespace DaprShared.FakeKubeApi;

/// <summary>What the Accept header asked objects to be turned into: nothing (the objects as stored), or
/// <c>PartialObjectMetadata</c> / <c>PartialObjectMetadataList</c> of <c>meta.k8s.io/v1</c> (or <c>v1beta1</c>).</summary>
/// <param name="As">The <c>as</c> parameter, or null.</param>
/// <param name="MetaVersion">The <c>v</c> parameter: the version of <c>meta.k8s.io</c> the answer is in.</param>
internal sealed record ResponseForm(string? As, string MetaVersion)
{
    public const string PartialObject = "PartialObjectMetadata";
    public const string PartialList = "PartialObjectMetadataList";

    public static ResponseForm Plain { get; } = new(null, "v1");

    public string MetaApiVersion => "meta.k8s.io/" + MetaVersion;
}
