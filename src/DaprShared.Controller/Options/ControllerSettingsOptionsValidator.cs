using DaprShared.Core.Instances;
using Microsoft.Extensions.Options;

namespace DaprShared.Controller.Options;

/// <summary>Runs the pure <see cref="ControllerSettingsValidator"/> at start-up (ValidateOnStart).</summary>
internal sealed class ControllerSettingsOptionsValidator : IValidateOptions<ControllerSettings>
{
    public ValidateOptionsResult Validate(string? name, ControllerSettings options)
    {
        var failures = ControllerSettingsValidator.Validate(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
