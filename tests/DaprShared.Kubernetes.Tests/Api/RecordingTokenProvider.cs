using System.Net.Http.Headers;
using k8s.Authentication;

namespace DaprShared.Kubernetes.Tests.Api;

/// <summary>A token provider that hands out a new token on every call (like a rotated token file) and counts calls.</summary>
internal sealed class RecordingTokenProvider : ITokenProvider
{
    private int calls;

    public int Calls => Volatile.Read(ref calls);

    public Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new AuthenticationHeaderValue("Bearer", $"rotated-{Interlocked.Increment(ref calls)}"));
}
