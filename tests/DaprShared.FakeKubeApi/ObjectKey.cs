namespace DaprShared.FakeKubeApi;

/// <summary>Where an object lives: its resource, namespace ("" when cluster-scoped) and name.</summary>
internal readonly record struct ObjectKey(ResourceType Type, string Namespace, string Name);
