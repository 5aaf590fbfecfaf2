namespace DaprShared.Webhook.Cli;

/// <summary>The command line is wrong (unknown flag, missing value): exit code 2 with the usage.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
