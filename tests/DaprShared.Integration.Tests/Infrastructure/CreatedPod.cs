using k8s.Models;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>A pod as sent and as the API server stored it, with the admission warnings the client was shown.</summary>
public sealed record CreatedPod(V1Pod Sent, V1Pod Stored, IReadOnlyList<string> Warnings);
