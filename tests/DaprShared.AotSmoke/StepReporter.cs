using System.Diagnostics;
using System.Globalization;

namespace DaprShared.AotSmoke;

/// <summary>Runs the steps in order and prints one line per step: time since the start, the step's own duration,
/// ok or FAIL, and what it found. The first failure ends the run (later steps depend on earlier ones).</summary>
internal sealed class StepReporter(TextWriter output)
{
    private readonly Stopwatch total = Stopwatch.StartNew();

    public TimeSpan Elapsed => total.Elapsed;

    /// <summary>Runs <paramref name="step"/>, which returns a short detail for the report or throws
    /// <see cref="SmokeFailure"/>. Any other exception is a failure too, reported with its type.</summary>
    public async Task StepAsync(string name, Func<Task<string>> step)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var detail = await step().ConfigureAwait(false);
            Print("ok  ", name, watch.Elapsed, detail);
        }
        catch (SmokeFailure e)
        {
            Print("FAIL", name, watch.Elapsed, e.Message);
            throw;
        }
#pragma warning disable CA1031 // Whatever went wrong inside a step, the run reports it as that step's failure.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var message = $"{e.GetType().Name}: {e.Message}";
            Print("FAIL", name, watch.Elapsed, message);
            throw new SmokeFailure(message, e);
        }
    }

    public Task StepAsync(string name, Func<string> step) => StepAsync(name, () => Task.FromResult(step()));

    private void Print(string result, string name, TimeSpan took, string detail)
    {
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"[{total.Elapsed.TotalMilliseconds,7:F0} ms] {result} {name} ({took.TotalMilliseconds:F0} ms)");
        output.WriteLine(detail.Length == 0 ? line : line + ": " + detail);
        output.Flush();
    }
}
