using DaprShared.Core.Contract;
using System.Text.Json;
using DaprShared.Core.Patching;

namespace DaprShared.Core.Injection;

/// <summary>Adds the shared-daprd variables to every container and init container (never ephemeral containers).
/// Appends with <c>/-</c> so the user's variables keep their positions; creates <c>env</c> first when a container
/// has none; never touches a variable the user already set (a warning says so instead).</summary>
internal static class EnvPatcher
{
    // Regular containers first, then init containers: a fixed order keeps patches deterministic.
    private static readonly string[] ContainerLists = ["containers", "initContainers"];

    public static void AddOperations(
        PodJson pod, IReadOnlyList<InjectedEnv> variables, List<PatchOperation> operations, List<string> warnings)
    {
        // Variable name -> containers where the user's own value was kept; one warning per variable, not per container.
        SortedDictionary<string, List<string>>? kept = null;

        foreach (var listName in ContainerLists)
        {
            var containers = pod.Containers(listName);
            if (!PodJson.IsArray(containers))
            {
                continue;
            }

            var index = 0;
            foreach (var container in containers.EnumerateArray())
            {
                if (PodJson.IsObject(container))
                {
                    AddContainerOperations(container, $"/spec/{listName}/{index}/env", variables, operations, ref kept);
                }

                index++;
            }
        }

        if (kept is null)
        {
            return;
        }

        foreach (var (name, containerNames) in kept)
        {
            warnings.Add(WarningText.Format(
                ReasonCodes.UserEnvKept,
                $"{name} is already set in container(s) {string.Join(", ", containerNames)}; kept the existing value"));
        }
    }

    private static void AddContainerOperations(
        JsonElement container,
        string envPath,
        IReadOnlyList<InjectedEnv> variables,
        List<PatchOperation> operations,
        ref SortedDictionary<string, List<string>>? kept)
    {
        var env = PodJson.Child(container, "env"u8);
        var hasEnv = PodJson.IsArray(env);
        var parentAdded = false;
        string? appendPath = null;

        // One pass over the container's env, however long it is, instead of one pass per injected variable.
        if (variables.Count > InjectedEnv.MaxPerContainer)
        {
            throw new ArgumentException($"at most {InjectedEnv.MaxPerContainer} variables are injected", nameof(variables));
        }

        var existing = default(ExistingEntries);
        if (hasEnv)
        {
            FindAll(env, variables, ref existing);
        }

        for (var i = 0; i < variables.Count; i++)
        {
            var variable = variables[i];
            if (existing[i].ValueKind != JsonValueKind.Undefined)
            {
                if (!variable.HasSameValue(existing[i]))
                {
                    kept ??= new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
                    if (!kept.TryGetValue(variable.Name, out var names))
                    {
                        kept[variable.Name] = names = [];
                    }

                    names.Add(UserText.Quote(PodJson.StringMember(container, "name")));
                }

                continue;
            }

            if (!hasEnv && !parentAdded)
            {
                operations.Add(PatchOperation.Add(envPath, PatchValue.EmptyArray));
                parentAdded = true;
            }

            operations.Add(PatchOperation.Add(appendPath ??= envPath + "/-", variable.PatchValue));
        }
    }

    /// <summary>The first entry of each injected variable's name, in one pass.</summary>
    private static void FindAll(JsonElement env, IReadOnlyList<InjectedEnv> variables, ref ExistingEntries existing)
    {
        foreach (var entry in env.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object
                || !entry.TryGetProperty("name"u8, out var name)
                || name.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            for (var i = 0; i < variables.Count; i++)
            {
                if (existing[i].ValueKind == JsonValueKind.Undefined && name.ValueEquals(variables[i].NameUtf8))
                {
                    existing[i] = entry;
                    break;
                }
            }
        }
    }

    [System.Runtime.CompilerServices.InlineArray(InjectedEnv.MaxPerContainer)]
    private struct ExistingEntries
    {
        private JsonElement first;
    }
}
