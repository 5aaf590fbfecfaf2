using System.Text.Json.Nodes;

namespace DaprShared.FakeKubeApi;

/// <summary>One <c>metadata.managedFields</c> entry: which manager owns which fields, through which operation.</summary>
internal sealed class ManagedFieldsEntry
{
    public ManagedFieldsEntry(string manager, string operation, string subresource, string apiVersion, HashSet<string> paths, string time)
    {
        Manager = manager;
        Operation = operation;
        Subresource = subresource;
        ApiVersion = apiVersion;
        Paths = paths;
        Time = time;
    }

    public const string Apply = "Apply";
    public const string Update = "Update";

    public string Manager { get; }

    public string Operation { get; }

    public string Subresource { get; }

    public string ApiVersion { get; }

    public HashSet<string> Paths { get; set; }

    public string Time { get; set; }

    public bool SameOwner(string manager, string operation, string subresource) =>
        Manager == manager && Operation == operation && Subresource == subresource;

    public ManagedFieldsEntry Clone() => new(Manager, Operation, Subresource, ApiVersion, new HashSet<string>(Paths, StringComparer.Ordinal), Time);

    public JsonObject ToJson()
    {
        var entry = new JsonObject
        {
            ["manager"] = Manager,
            ["operation"] = Operation,
            ["apiVersion"] = ApiVersion,
            ["time"] = Time,
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = FieldPaths.ToFieldsV1(Paths),
        };
        if (Subresource.Length > 0)
        {
            entry["subresource"] = Subresource;
        }

        return entry;
    }
}
