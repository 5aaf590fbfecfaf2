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
        var env = PodJson.Child(container, "env");
        var hasEnv = PodJson.IsArray(env);
        var parentAdded = false;

        foreach (var variable in variables)
        {
            var existing = hasEnv ? Find(env, variable) : default;
            if (existing.ValueKind != JsonValueKind.Undefined)
            {
                if (!variable.HasSameValue(existing))
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

            operations.Add(PatchOperation.Add(envPath + "/-", variable.PatchValue));
        }
    }

    private static JsonElement Find(JsonElement env, InjectedEnv variable)
    {
        foreach (var entry in env.EnumerateArray())
        {
            if (variable.IsNamed(entry))
            {
                return entry;
            }
        }

        return default;
    }
}
