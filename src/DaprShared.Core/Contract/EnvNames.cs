namespace DaprShared.Core.Contract;

/// <summary>Environment variables the webhook injects into app containers.</summary>
public static class EnvNames
{
    public const string HttpEndpoint = "DAPR_HTTP_ENDPOINT";
    public const string GrpcEndpoint = "DAPR_GRPC_ENDPOINT";
    public const string ApiToken = "DAPR_API_TOKEN";

    /// <summary>Key of the API token inside the instance's token Secret.</summary>
    public const string ApiTokenSecretKey = "token";
}
