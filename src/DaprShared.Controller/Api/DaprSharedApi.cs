using System.Text.Json.Serialization.Metadata;
using DaprShared.Core.Instances;
using DaprShared.Kubernetes.Api;

namespace DaprShared.Controller.Api;

/// <summary>The product's own kind in the API, beside the built-in kinds of the kit's <see cref="ApiResources"/>.</summary>
public static class DaprSharedApi
{
    /// <summary>JSON by runtime type for every kind the controller reads and writes: the kit's, then its own.</summary>
    public static ModelJson Models { get; } = new(DaprSharedJson.Default);

    public static ApiResource<DaprSharedInstance> Instances { get; } =
        new(DaprSharedInstance.Group, DaprSharedInstance.Version, DaprSharedInstance.Plural, DaprSharedJson.Default.DaprSharedInstance);

    public static JsonTypeInfo<DaprSharedInstanceList> InstanceList => DaprSharedJson.Default.DaprSharedInstanceList;
}
