using System.Text.Json;

namespace DaprShared.Core.Injection;

/// <summary>What <see cref="InjectedEnv.HasSameValue"/> needs from the first env entry named like an injected
/// variable: its <c>value</c>, the kind of its <c>valueFrom</c>, and <c>valueFrom.secretKeyRef</c>'s name and key.</summary>
internal sealed record EnvEntryFacts(JsonSlice Value, JsonTokenType ValueFrom, JsonSlice SecretName, JsonSlice SecretKey);
