using System.Text.Json.Nodes;
using DaprShared.TestData;
using k8s;
using k8s.Models;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>Pods derived from the AdmissionReviews captured from a real kube-apiserver (tests/DaprShared.TestData/
/// admission): the pod a real API server sent, with what the server itself fills in removed, so it can be created
/// again under a new name and namespace.</summary>
public static class FixturePods
{
    public const string Orders = Reviews.Orders;
    public const string Checkout = Reviews.Checkout;
    public const string Thumbnailer = Reviews.Thumbnailer;
    public const string Plain = Reviews.Plain;

    /// <summary>The pod of <paramref name="fixture"/> named <paramref name="name"/>; <paramref name="annotations"/>
    /// are set on it (a null value removes the key).</summary>
    public static V1Pod Pod(string fixture, string name, IReadOnlyDictionary<string, string?>? annotations = null) =>
        KubernetesJson.Deserialize<V1Pod>(PodJson(fixture, name, annotations).ToJsonString());

    /// <summary>The pod template of <paramref name="fixture"/>'s pod (metadata labels and annotations, spec), for a
    /// Deployment, Job or StatefulSet of the test's own.</summary>
    public static V1PodTemplateSpec Template(string fixture, IReadOnlyDictionary<string, string?>? annotations = null)
    {
        var pod = Pod(fixture, "template", annotations);
        return new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta { Labels = pod.Metadata.Labels, Annotations = pod.Metadata.Annotations },
            Spec = pod.Spec,
        };
    }

    public static JsonObject PodJson(string fixture, string name, IReadOnlyDictionary<string, string?>? annotations = null)
    {
        var pod = Reviews.PodOf(Reviews.Load(fixture)).DeepClone().AsObject();
        pod.Remove("status");
        var metadata = pod["metadata"]!.AsObject();
        foreach (var serverField in new[] { "uid", "creationTimestamp", "managedFields", "generateName", "ownerReferences", "resourceVersion", "namespace" })
        {
            metadata.Remove(serverField);
        }

        metadata["name"] = name;
        metadata["labels"] ??= new JsonObject();
        if (annotations is not null)
        {
            var map = (metadata["annotations"] ??= new JsonObject()).AsObject();
            foreach (var (key, value) in annotations)
            {
                if (value is null)
                {
                    map.Remove(key);
                }
                else
                {
                    map[key] = value;
                }
            }
        }

        // The ServiceAccount admission plugin adds the token volume again; the captured one names a random suffix.
        var spec = pod["spec"]!.AsObject();
        spec.Remove("nodeName");
        if (spec["volumes"] is JsonArray volumes)
        {
            foreach (var volume in volumes.Where(v => v!["name"]!.GetValue<string>().StartsWith("kube-api-access-", StringComparison.Ordinal)).ToList())
            {
                volumes.Remove(volume);
            }
        }

        foreach (var list in new[] { "containers", "initContainers" })
        {
            foreach (var container in spec[list] as JsonArray ?? [])
            {
                if (container!["volumeMounts"] is JsonArray mounts)
                {
                    foreach (var mount in mounts.Where(m => m!["name"]!.GetValue<string>().StartsWith("kube-api-access-", StringComparison.Ordinal)).ToList())
                    {
                        mounts.Remove(mount);
                    }
                }
            }
        }

        return pod;
    }
}
