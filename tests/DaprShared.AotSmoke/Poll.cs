using System.Globalization;

namespace DaprShared.AotSmoke;

/// <summary>Waits for a condition that another process makes true, failing fast when that process has died.</summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls <paramref name="missing"/>, which returns null once the condition holds and otherwise says what
    /// is still missing (that text is the failure message on timeout).</summary>
    public static async Task UntilAsync(Func<Task<string?>> missing, TimeSpan timeout, WebhookProcess? process = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var problem = await missing().ConfigureAwait(false);
            if (problem is null)
            {
                return;
            }

            if (process is { HasExited: true })
            {
                throw new SmokeFailure(string.Create(CultureInfo.InvariantCulture, $"the binary exited with code {process.ExitCode} while still waiting: {problem}"));
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new SmokeFailure(string.Create(CultureInfo.InvariantCulture, $"timed out after {timeout.TotalSeconds:F0} s: {problem}"));
            }

            await Task.Delay(Interval).ConfigureAwait(false);
        }
    }

    public static Task UntilAsync(Func<string?> missing, TimeSpan timeout, WebhookProcess? process = null) =>
        UntilAsync(() => Task.FromResult(missing()), timeout, process);
}
