using Microsoft.Extensions.Options;

namespace DaprShared.Webhook.Admission;

public sealed class AdmissionOptionsValidator : IValidateOptions<AdmissionOptions>
{
    public const int Minimum = 1024;
    public const int Maximum = 64 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, AdmissionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MaxRequestBodyBytes is < Minimum or > Maximum
            ? ValidateOptionsResult.Fail($"Admission:MaxRequestBodyBytes must be between {Minimum} and {Maximum}, got {options.MaxRequestBodyBytes}")
            : ValidateOptionsResult.Success;
    }
}
