namespace DaprShared.Kubernetes.Api;

/// <summary>The Accept headers of client-go's metadata client (k8s.io/client-go/metadata/metadata.go v1.32:
/// <c>list</c> L240-242 asks for the List form, <c>Watch</c> L292-300 for the single-object form), without the
/// protobuf alternative we cannot decode. The server sends PartialObjectMetadata(List), so a pod costs its metadata,
/// not its spec and status.</summary>
/// <remarks>The two are not interchangeable: a watch that asks for <c>as=PartialObjectMetadataList</c> is refused by
/// a real kube-apiserver on every event ("you requested PartialObjectMetadataList, but the requested object is not a
/// list"), and the stream ends with no event at all.</remarks>
internal static class MetadataMediaTypes
{
    /// <summary>For a list: one PartialObjectMetadataList.</summary>
    public const string List = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

    /// <summary>For a watch and a get: each object as PartialObjectMetadata.</summary>
    public const string Single = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";
}
