namespace DaprShared.TestData.Tools;

/// <summary>What a finished external command printed and returned.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);
