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
        NameUtf8 = Utf8Name(name);
        PatchValue = patchValue;
        this.plainValue = plainValue;
        this.secretName = secretName;
    }

    /// <summary>At most this many variables are injected per container (HTTP, gRPC, API token).</summary>
    public const int MaxPerContainer = 3;

    public string Name { get; }

    /// <summary>The name as UTF-8, compared against the pod's raw JSON without transcoding on every entry.</summary>
    public byte[] NameUtf8 { get; }

    public PatchValue PatchValue { get; }

    // The names are constants: encode them once, not once per request.
    private static readonly byte[] HttpEndpointUtf8 = "DAPR_HTTP_ENDPOINT"u8.ToArray();
    private static readonly byte[] GrpcEndpointUtf8 = "DAPR_GRPC_ENDPOINT"u8.ToArray();
    private static readonly byte[] ApiTokenUtf8 = "DAPR_API_TOKEN"u8.ToArray();

    private static byte[] Utf8Name(string name) => name switch
    {
        EnvNames.HttpEndpoint => HttpEndpointUtf8,
        EnvNames.GrpcEndpoint => GrpcEndpointUtf8,
        EnvNames.ApiToken => ApiTokenUtf8,
        _ => System.Text.Encoding.UTF8.GetBytes(name),
    };

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
    public bool HasSameValue(JsonElement envEntry)
    {
        var valueFrom = PodJson.Child(envEntry, "valueFrom");
        if (plainValue is not null)
        {
            return valueFrom.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                && PodJson.Child(envEntry, "value") is { ValueKind: JsonValueKind.String } value
                && value.ValueEquals(plainValue);
        }

        var secretRef = PodJson.Child(valueFrom, "secretKeyRef");
        return PodJson.Child(secretRef, "name") is { ValueKind: JsonValueKind.String } secret && secret.ValueEquals(secretName)
            && PodJson.Child(secretRef, "key") is { ValueKind: JsonValueKind.String } key && key.ValueEquals(EnvNames.ApiTokenSecretKey);
    }
}
