namespace DaprShared.Webhook.Cli;

internal enum CliOutputFormat
{
    /// <summary><c>inject</c>: the manifests; <c>explain</c>: a table.</summary>
    Default,

    /// <summary><c>explain -o json</c>.</summary>
    Json,
}
