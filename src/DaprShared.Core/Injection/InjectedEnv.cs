using System.Text.Json;
using DaprShared.Core.Contract;
using DaprShared.Core.Patching;

namespace DaprShared.Core.Injection;

/// <summary>One variable the webhook adds to every container: its value, and how to recognise that a container
/// already has exactly that value (then nothing is added, which is what makes the webhook idempotent).</summary>
internal sealed class InjectedEnv
{
    private readonly string? plainValue;
    private readonly string? secretName;

    private InjectedEnv(string name, PatchValue patchValue, string? plainValue, string? secretName)
    {
        Name = name;
        PatchValue = patchValue;
        this.plainValue = plainValue;
        this.secretName = secretName;
    }

    /// <summary>At most this many variables are injected per container (HTTP, gRPC, API token).</summary>
    public const int MaxPerContainer = 3;

    public string Name { get; }

    public PatchValue PatchValue { get; }

    public static InjectedEnv Plain(string name, string value) => new(name, PatchValue.EnvVar(name, value), value, null);

    public static InjectedEnv FromSecret(string name, string secretName) =>
        new(name, PatchValue.EnvVarFromSecret(name, secretName, EnvNames.ApiTokenSecretKey), null, secretName);

    /// <summary>The variables for one pod, in the order they are appended.</summary>
    public static IReadOnlyList<InjectedEnv> For(string appId, string ns, SharedStrategy strategy, ClusterSettings settings)
    {
        var host = SharedObjectNames.ServiceHost(SharedObjectNames.EndpointService(appId, strategy), ns, settings.ClusterDomain);
        var http = Plain(EnvNames.HttpEndpoint, $"http://{host}:{DaprPorts.Http}");
        var grpc = Plain(EnvNames.GrpcEndpoint, $"http://{host}:{DaprPorts.Grpc}");
        return settings.ApiTokens
            ? [http, grpc, FromSecret(EnvNames.ApiToken, SharedObjectNames.ApiTokenSecret(appId))]
            : [http, grpc];
    }

    /// <summary>True when an existing entry of this name holds exactly what the webhook would write.</summary>
    public bool HasSameValue(EnvEntryFacts envEntry, ReadOnlyMemory<byte> source)
    {
        if (plainValue is not null)
        {
            return envEntry.ValueFrom is JsonTokenType.None or JsonTokenType.Null
                && envEntry.Value.StringEquals(source, plainValue);
        }

        return envEntry.SecretName.StringEquals(source, secretName)
            && envEntry.SecretKey.StringEquals(source, EnvNames.ApiTokenSecretKey);
    }
}
