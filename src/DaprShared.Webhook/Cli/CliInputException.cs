namespace DaprShared.Webhook.Cli;

/// <summary>The input could not be read (missing file, permission, too large): exit code 1.</summary>
internal sealed class CliInputException(string message) : Exception(message);
