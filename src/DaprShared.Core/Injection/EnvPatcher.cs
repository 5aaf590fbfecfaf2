using DaprShared.Core.Contract;
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
        PodFacts pod, IReadOnlyList<InjectedEnv> variables, List<PatchOperation> operations, List<string> warnings)
    {
        if (variables.Count > InjectedEnv.MaxPerContainer)
        {
            throw new ArgumentException($"at most {InjectedEnv.MaxPerContainer} variables are injected", nameof(variables));
        }

        // Variable name -> containers where the user's own value was kept; one warning per variable, not per container.
        SortedDictionary<string, List<string>>? kept = null;

        foreach (var listName in ContainerLists)
        {
            var containers = pod.ContainerListNamed(listName);
            for (var index = 0; index < containers.Items.Count; index++)
            {
                if (containers.Items[index] is { } container)
                {
                    AddContainerOperations(pod, container, EnvPaths.For(listName, index), variables, operations, ref kept);
                }
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
        PodFacts pod,
        ContainerFacts container,
        EnvPaths.Paths envPath,
        IReadOnlyList<InjectedEnv> variables,
        List<PatchOperation> operations,
        ref SortedDictionary<string, List<string>>? kept)
    {
        var hasEnv = container.EnvIsArray;
        var parentAdded = false;

        foreach (var variable in variables)
        {
            // The facts reader kept the first entry of each injected name, in its one pass over the env list.
            if (container.Existing(variable.Name) is { } existing)
            {
                if (!variable.HasSameValue(existing, pod.Source))
                {
                    kept ??= new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
                    if (!kept.TryGetValue(variable.Name, out var names))
                    {
                        kept[variable.Name] = names = [];
                    }

                    names.Add(UserText.Quote(container.Name.GetString(pod.Source)));
                }

                continue;
            }

            if (!hasEnv && !parentAdded)
            {
                operations.Add(PatchOperation.Add(envPath.Env, PatchValue.EmptyArray));
                parentAdded = true;
            }

            operations.Add(PatchOperation.Add(envPath.Append, variable.PatchValue));
        }
    }
}
