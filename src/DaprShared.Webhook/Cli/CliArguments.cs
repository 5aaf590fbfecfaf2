using DaprShared.Core.Manifests;

namespace DaprShared.Webhook.Cli;

/// <summary>A parsed <c>inject</c> or <c>explain</c> command line.</summary>
internal sealed record CliArguments(string Verb, string? File, ManifestOptions Options, CliOutputFormat Output, bool Help);
