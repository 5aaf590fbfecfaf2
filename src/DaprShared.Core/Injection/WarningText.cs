namespace DaprShared.Core.Injection;

/// <summary>Admission warnings: short, one per problem, prefixed with the product and the reason code so
/// <c>kubectl</c> users can search for it. User values go through <see cref="Contract.UserText"/>.</summary>
internal static class WarningText
{
    public static string Format(string reason, string message) => $"dapr-shared: {reason}: {message}";
}
