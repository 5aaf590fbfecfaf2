namespace DaprShared.Core.Contract;

/// <summary>The ports daprd listens on and the Services expose (DESIGN §4).</summary>
public static class DaprPorts
{
    public const int Http = 3500;
    public const int Grpc = 50001;
    public const int InternalGrpc = 50002;
    public const int Metrics = 9090;

    /// <summary>daprd's public port: health endpoints only, never exposed by a Service.</summary>
    public const int Public = 3501;

    public const string HttpName = "dapr-http";
    public const string GrpcName = "dapr-grpc";
    public const string InternalGrpcName = "dapr-internal";
    public const string MetricsName = "dapr-metrics";
}
