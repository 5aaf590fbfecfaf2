using System.Globalization;
using System.Text.RegularExpressions;
using DaprShared.Core.Contract;
using k8s.Models;

namespace DaprShared.Core.Instances;

/// <summary>Checks <see cref="ControllerSettings"/> before anything starts (wrap it in an <c>IValidateOptions</c>
/// with <c>ValidateOnStart</c>). Each failure names the configuration key, so the fix is obvious from the log.</summary>
public static partial class ControllerSettingsValidator
{
    private const string Section = ControllerSettings.SectionName + ":";

    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];
    private static readonly string[] TolerationOperators = ["Exists", "Equal"];
    private static readonly string[] TolerationEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    /// <summary>Every problem found; empty means valid.</summary>
    public static IReadOnlyList<string> Validate(ControllerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(settings.DaprdImage) || settings.DaprdImage.Any(char.IsWhiteSpace))
        {
            failures.Add(Section + "DaprdImage must be an image reference without spaces, e.g. ghcr.io/dapr/daprd:1.16.1");
        }

        if (!PullPolicies.Contains(settings.ImagePullPolicy, StringComparer.Ordinal))
        {
            failures.Add(Section + $"ImagePullPolicy must be one of {string.Join(", ", PullPolicies)} (got '{settings.ImagePullPolicy}')");
        }

        for (var i = 0; i < settings.ImagePullSecrets.Count; i++)
        {
            if (!IsDnsSubdomain(settings.ImagePullSecrets[i]))
            {
                failures.Add(Section + $"ImagePullSecrets:{i} must be a Secret name (got '{settings.ImagePullSecrets[i]}')");
            }
        }

        if (!IsDnsLabel(settings.ControlPlaneNamespace))
        {
            failures.Add(Section + $"ControlPlaneNamespace must be a namespace name (got '{settings.ControlPlaneNamespace}')");
        }

        if (string.IsNullOrWhiteSpace(settings.TrustDomain) || !ApiServerPattern.IsMatch(TrustDomainRegex(), settings.TrustDomain))
        {
            failures.Add(Section + $"TrustDomain must be a SPIFFE trust domain such as cluster.local (got '{settings.TrustDomain}')");
        }

        CheckAddresses(settings.ControlPlaneAddress, "ControlPlaneAddress", allowList: false, failures);
        CheckAddresses(settings.SentryAddress, "SentryAddress", allowList: false, failures);
        CheckAddresses(settings.PlacementAddress, "PlacementAddress", allowList: true, failures);
        CheckAddresses(settings.SchedulerAddress, "SchedulerAddress", allowList: true, failures);

        if (settings.SchedulerReplicas is < 1 or > 32)
        {
            failures.Add(Section + $"SchedulerReplicas must be between 1 and 32 (got {settings.SchedulerReplicas.ToString(CultureInfo.InvariantCulture)})");
        }

        var resources = settings.Resources ?? new DaprdResourceSettings();
        CheckQuantity(resources.CpuRequest, "Resources:CpuRequest", failures);
        CheckQuantity(resources.MemoryRequest, "Resources:MemoryRequest", failures);
        CheckQuantity(resources.CpuLimit, "Resources:CpuLimit", failures);
        CheckQuantity(resources.MemoryLimit, "Resources:MemoryLimit", failures);

        for (var i = 0; i < settings.Tolerations.Count; i++)
        {
            CheckToleration(settings.Tolerations[i], i, failures);
        }

        foreach (var (key, value) in settings.NodeSelector)
        {
            if (!ApiServerPattern.IsMatch(LabelKeyRegex(), key) || key.Length > 317 || (value.Length > 0 && (value.Length > 63 || !ApiServerPattern.IsMatch(LabelValueRegex(), value))))
            {
                failures.Add(Section + $"NodeSelector:{key} is not a valid label selector entry");
            }
        }

        if (settings.PriorityClassName.Length > 0 && !IsDnsSubdomain(settings.PriorityClassName))
        {
            failures.Add(Section + $"PriorityClassName must be a PriorityClass name (got '{settings.PriorityClassName}')");
        }

        var min = settings.PdbMinAvailable.Trim();
        var max = settings.PdbMaxUnavailable.Trim();
        if (min.Length > 0 && max.Length > 0)
        {
            failures.Add(Section + "set at most one of PdbMinAvailable and PdbMaxUnavailable (a PodDisruptionBudget takes one)");
        }

        CheckIntOrPercent(min, "PdbMinAvailable", failures);
        CheckIntOrPercent(max, "PdbMaxUnavailable", failures);

        return failures;
    }

    private static void CheckAddresses(string? value, string key, bool allowList, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return; // derived from ControlPlaneNamespace
        }

        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        if ((!allowList && parts.Length > 1) || !parts.All(IsHostPort))
        {
            failures.Add(Section + key + $" must be {(allowList ? "a comma-separated list of" : "one")} host:port (got '{value}'), or empty to derive it");
        }
    }

    private static bool IsHostPort(string value)
    {
        var colon = value.LastIndexOf(':');
        return colon > 0
            && ApiServerPattern.IsMatch(HostRegex(), value[..colon])
            && int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port is >= 1 and <= 65535;
    }

    private static void CheckQuantity(string? value, string key, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        try
        {
            _ = new ResourceQuantity(value.Trim()).ToDecimal();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            failures.Add(Section + key + $" must be a Kubernetes quantity such as 100m or 128Mi (got '{value}')");
        }
    }

    private static void CheckToleration(TolerationSettings? toleration, int index, List<string> failures)
    {
        var prefix = Section + $"Tolerations:{index}";
        if (toleration is null)
        {
            failures.Add(prefix + " is empty");
            return;
        }

        var op = string.IsNullOrEmpty(toleration.Operator) ? "Equal" : toleration.Operator;
        if (!TolerationOperators.Contains(op, StringComparer.Ordinal))
        {
            failures.Add(prefix + $":Operator must be Exists or Equal (got '{op}')");
        }

        if (op == "Exists" && !string.IsNullOrEmpty(toleration.Value))
        {
            failures.Add(prefix + ":Value must be empty when Operator is Exists");
        }

        if (string.IsNullOrEmpty(toleration.Key) && op != "Exists")
        {
            failures.Add(prefix + ":Key may be empty only with Operator Exists");
        }

        if (!string.IsNullOrEmpty(toleration.Effect) && !TolerationEffects.Contains(toleration.Effect, StringComparer.Ordinal))
        {
            failures.Add(prefix + $":Effect must be one of {string.Join(", ", TolerationEffects)} (got '{toleration.Effect}')");
        }

        if (toleration.TolerationSeconds is not null && toleration.Effect != "NoExecute")
        {
            failures.Add(prefix + ":TolerationSeconds applies to Effect NoExecute only");
        }
    }

    private static void CheckIntOrPercent(string value, string key, List<string> failures)
    {
        if (value.Length == 0)
        {
            return;
        }

        var number = value.EndsWith('%') ? value[..^1] : value;
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || (value.EndsWith('%') && parsed > 100))
        {
            failures.Add(Section + key + $" must be a non-negative integer or a percentage such as 50% (got '{value}')");
        }
    }

    private static bool IsDnsLabel(string? value) => value is { Length: > 0 and <= 63 } && ApiServerPattern.IsMatch(DnsLabelRegex(), value);

    private static bool IsDnsSubdomain(string? value) => value is { Length: > 0 and <= 253 } && InstanceValues.IsValidConfig(value);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabelRegex();

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9._]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex TrustDomainRegex();

    [GeneratedRegex(@"^([A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])$", RegexOptions.CultureInvariant)]
    private static partial Regex HostRegex();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelKeyRegex();

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValueRegex();
}
