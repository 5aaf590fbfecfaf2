namespace DaprShared.Core.Injection;

/// <summary>The JSON Pointers of a container's <c>env</c> and of an append to it. Pods rarely have more than a few
/// containers, so the pointers of the first ones are built once instead of twice for every container of every pod.</summary>
internal static class EnvPaths
{
    private const int Prebuilt = 16;

    private static readonly Paths[] Containers = Build("containers");
    private static readonly Paths[] InitContainers = Build("initContainers");

    public static Paths For(string listName, int index)
    {
        var prebuilt = listName switch
        {
            "containers" => Containers,
            "initContainers" => InitContainers,
            _ => null,
        };
        return prebuilt is not null && index < Prebuilt ? prebuilt[index] : Create(listName, index);
    }

    private static Paths[] Build(string listName) => [.. Enumerable.Range(0, Prebuilt).Select(index => Create(listName, index))];

    private static Paths Create(string listName, int index)
    {
        var env = $"/spec/{listName}/{index}/env";
        return new Paths(env, env + "/-");
    }

    /// <param name="Env">The container's <c>env</c>.</param>
    /// <param name="Append">An append to it (<c>/-</c>).</param>
    internal sealed record Paths(string Env, string Append);
}
