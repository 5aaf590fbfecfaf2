using k8s;
using k8s.Models;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>What the API server should have stored for a pod that was sent to it, with or without the webhook's
/// mutation. The expected values are written out from the contract (docs/design.md §3), not derived through the
/// product's own code, so a change of contract fails here.</summary>
public static class PodExpectations
{
    public const string InjectedAnnotation = "dapr-shared.io/injected";
    public const string AppIdLabel = "dapr-shared.io/app-id";

    /// <summary>The variables the webhook appends to every container and init container, in order, as
    /// <see cref="Describe"/> writes them.</summary>
    public static string[] InjectedEnv(string appId, string @namespace, string strategy)
    {
        var service = strategy switch
        {
            "daemonset" => $"{appId}-dapr-local",
            "deployment" => $"{appId}-dapr",
            _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "daemonset or deployment"),
        };
        var host = $"{service}.{@namespace}.svc.cluster.local";
        return
        [
            $"DAPR_HTTP_ENDPOINT=http://{host}:3500",
            $"DAPR_GRPC_ENDPOINT=http://{host}:50001",
            $"DAPR_API_TOKEN<-secret {appId}-dapr-api-token/token",
        ];
    }

    /// <summary>One env entry as a line that says everything that matters about it.</summary>
    public static string Describe(V1EnvVar variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return variable.ValueFrom switch
        {
            null => $"{variable.Name}={variable.Value}",
            { SecretKeyRef: { } secret } => $"{variable.Name}<-secret {secret.Name}/{secret.Key}{(secret.Optional is null ? "" : $" optional={secret.Optional}")}",
            { FieldRef: { } field } => $"{variable.Name}<-field {field.FieldPath}",
            _ => $"{variable.Name}<-{KubernetesJson.Serialize(variable.ValueFrom)}",
        };
    }

    public static string[] Env(V1Container container) => [.. (container?.Env ?? []).Select(Describe)];

    /// <summary>Regular containers, then init containers.</summary>
    public static IReadOnlyList<V1Container> Containers(V1PodSpec spec) => [.. spec?.Containers ?? [], .. spec?.InitContainers ?? []];

    /// <summary>The stored pod is <paramref name="sent"/> plus exactly the injection: in every container the sent
    /// env followed by the injected variables it did not set itself, label <c>dapr-shared.io/app-id</c>, annotation
    /// <c>dapr-shared.io/injected</c>, and <c>dapr.io/enabled</c> turned from "true" to "false".
    /// <paramref name="controllerMetadata"/>: the pod was made by a controller from <paramref name="sent"/> as a
    /// template, which adds labels and annotations of its own, so the metadata must contain, not equal, the
    /// expectation.</summary>
    public static void ShouldBeInjected(V1Pod stored, V1Pod sent, string appId, string strategy, bool controllerMetadata = false)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(sent);
        var labels = new Dictionary<string, string>(sent.Metadata.Labels ?? new Dictionary<string, string>()) { [AppIdLabel] = appId };
        var annotations = new Dictionary<string, string>(sent.Metadata.Annotations ?? new Dictionary<string, string>()) { [InjectedAnnotation] = strategy };
        if (annotations.TryGetValue("dapr.io/enabled", out var dapr) && dapr.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            annotations["dapr.io/enabled"] = "false";
        }

        if (controllerMetadata)
        {
            stored.Metadata.Labels.Should().Contain(labels);
            stored.Metadata.Annotations.Should().Contain(annotations);
        }
        else
        {
            stored.Metadata.Labels.Should().BeEquivalentTo(labels);
            stored.Metadata.Annotations.Should().BeEquivalentTo(annotations);
        }

        var injected = InjectedEnv(appId, stored.Metadata.NamespaceProperty, strategy);
        var sentContainers = Containers(sent.Spec);
        var storedContainers = Containers(stored.Spec);
        storedContainers.Select(c => c.Name).Should().Equal(sentContainers.Select(c => c.Name));
        for (var i = 0; i < sentContainers.Count; i++)
        {
            var own = Env(sentContainers[i]);
            var ownNames = (sentContainers[i].Env ?? []).Select(e => e.Name).ToHashSet();
            string[] expected = [.. own, .. injected.Where(line => !ownNames.Contains(line[..line.IndexOfAny(['=', '<'])]))];
            Env(storedContainers[i]).Should().Equal(expected, $"container {sentContainers[i].Name} keeps its own env and gets the shared daprd's");
        }
    }

    /// <summary>The stored pod carries exactly the labels, annotations and env that were sent: the webhook changed
    /// nothing (the API server's own defaults aside).</summary>
    public static void ShouldBeAsSent(V1Pod stored, V1Pod sent)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(sent);
        (stored.Metadata.Labels ?? new Dictionary<string, string>()).Should().BeEquivalentTo(sent.Metadata.Labels ?? new Dictionary<string, string>());
        (stored.Metadata.Annotations ?? new Dictionary<string, string>()).Should().BeEquivalentTo(sent.Metadata.Annotations ?? new Dictionary<string, string>());
        var sentContainers = Containers(sent.Spec);
        var storedContainers = Containers(stored.Spec);
        storedContainers.Select(c => c.Name).Should().Equal(sentContainers.Select(c => c.Name));
        for (var i = 0; i < sentContainers.Count; i++)
        {
            Env(storedContainers[i]).Should().Equal(Env(sentContainers[i]), $"container {sentContainers[i].Name} is stored as sent");
        }
    }

    /// <summary>The admission warnings kubectl printed (its <c>Warning: …</c> lines on stderr), without the prefix.</summary>
    public static string[] Warnings(string standardError) =>
        [.. (standardError ?? "").Split('\n').Where(l => l.StartsWith("Warning: ", StringComparison.Ordinal)).Select(l => l["Warning: ".Length..].TrimEnd('\r'))];
}
