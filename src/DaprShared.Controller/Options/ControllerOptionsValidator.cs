using Microsoft.Extensions.Options;

namespace DaprShared.Controller.Options;

/// <summary>Rejects impossible timing at start-up with the configuration key in the message.</summary>
internal sealed class ControllerOptionsValidator : IValidateOptions<ReconcilerOptions>, IValidateOptions<LeaderElectionOptions>
{
    public ValidateOptionsResult Validate(string? name, ReconcilerOptions options)
    {
        var failures = new List<string>();
        const string Section = ReconcilerOptions.SectionName + ":";
        if (options.Workers is < 1 or > 32)
        {
            failures.Add(Section + "Workers must be between 1 and 32");
        }

        Positive(options.ResyncPeriod, Section + "ResyncPeriod", failures);
        Positive(options.ReconcileTimeout, Section + "ReconcileTimeout", failures);
        Positive(options.RetryInitialDelay, Section + "RetryInitialDelay", failures);
        Positive(options.WatchRetryInitialDelay, Section + "WatchRetryInitialDelay", failures);
        Positive(options.WatchTimeout, Section + "WatchTimeout", failures);
        Positive(options.ConflictRecheckPeriod, Section + "ConflictRecheckPeriod", failures);
        if (options.RetryMaxDelay < options.RetryInitialDelay)
        {
            failures.Add(Section + "RetryMaxDelay must be at least RetryInitialDelay");
        }

        if (options.WatchRetryMaxDelay < options.WatchRetryInitialDelay)
        {
            failures.Add(Section + "WatchRetryMaxDelay must be at least WatchRetryInitialDelay");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, LeaderElectionOptions options)
    {
        var failures = new List<string>();
        const string Section = LeaderElectionOptions.SectionName + ":";
        if (string.IsNullOrWhiteSpace(options.LeaseName))
        {
            failures.Add(Section + "LeaseName must be set");
        }

        // The Lease stores whole seconds, and the leader must give up before anyone else may take over.
        if (options.LeaseDuration < TimeSpan.FromSeconds(1))
        {
            failures.Add(Section + "LeaseDuration must be at least 1s");
        }

        if (options.RenewDeadline <= TimeSpan.Zero || options.RenewDeadline >= options.LeaseDuration)
        {
            failures.Add(Section + "RenewDeadline must be positive and shorter than LeaseDuration");
        }

        if (options.RetryPeriod <= TimeSpan.Zero || options.RetryPeriod >= options.RenewDeadline)
        {
            failures.Add(Section + "RetryPeriod must be positive and shorter than RenewDeadline");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(TimeSpan value, string key, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add(key + " must be positive");
        }
    }
}
