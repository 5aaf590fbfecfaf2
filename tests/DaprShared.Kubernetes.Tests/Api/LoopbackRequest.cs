namespace DaprShared.Kubernetes.Tests.Api;

/// <summary>One request as a <see cref="LoopbackServer"/> received it.</summary>
internal sealed record LoopbackRequest(string Method, string Path, string Query, string? Authorization, string? UserAgent, string? ClientCertificateSubject, string Protocol);
