using System.Text.Json.Nodes;

namespace DaprShared.FakeKubeApi;

/// <summary>Objects and lists as the negotiated <see cref="ResponseForm"/> asks for them, as kube-apiserver v1.32
/// transforms them when it writes the answer: metadata only when asked, and a 406 when the form does not fit (the
/// List form for one object, the single form for a list). <c>Status</c> objects are never transformed.</summary>
internal static class Presentation
{
    /// <summary>One object (get, create, update, patch, delete, or a watch event's object).</summary>
    public static JsonObject Object(ResponseForm form, ResourceType type, JsonObject obj)
    {
        switch (form.As)
        {
            case null:
                return obj;
            case ResponseForm.PartialList:
                throw ApiError.NotAcceptable(Custom(type)
                    ? "content is not a list"
                    : $"you requested {ResponseForm.PartialList}, but the requested object is not a list ({GoType(type, list: false)})");
            default:
                return new JsonObject
                {
                    ["kind"] = ResponseForm.PartialObject,
                    ["apiVersion"] = form.MetaApiVersion,
                    ["metadata"] = obj["metadata"]?.DeepClone(),
                };
        }
    }

    /// <summary>A list: <paramref name="items"/> with the list's metadata (resourceVersion, and the continue token and
    /// remaining count of a page).</summary>
    public static JsonObject List(ResponseForm form, ResourceType type, List<JsonObject> items, JsonObject listMetadata)
    {
        if (form.As == ResponseForm.PartialObject)
        {
            throw ApiError.NotAcceptable($"you requested {ResponseForm.PartialObject}, but the requested object is a list ({GoType(type, list: true)})");
        }

        var metadataOnly = form.As == ResponseForm.PartialList;
        var array = new JsonArray();
        foreach (var item in items)
        {
            if (metadataOnly)
            {
                array.Add(Object(form with { As = ResponseForm.PartialObject }, type, item));
                continue;
            }

            // A real server leaves kind/apiVersion off the items of built-in lists (clients must not rely on them).
            if (!Custom(type))
            {
                item.Remove("kind");
                item.Remove("apiVersion");
            }

            array.Add(item);
        }

        return new JsonObject
        {
            ["kind"] = metadataOnly ? ResponseForm.PartialList : type.ListKind,
            ["apiVersion"] = metadataOnly ? form.MetaApiVersion : type.ApiVersion,
            ["metadata"] = listMetadata,
            ["items"] = array,
        };
    }

    /// <summary>The <c>Status</c> a DELETE answers with when the object is gone and its resource does not return
    /// deleted objects.</summary>
    public static JsonObject DeleteSuccess(ResourceType type, JsonObject deleted)
    {
        var details = new JsonObject { ["name"] = deleted["metadata"]?["name"]?.DeepClone() };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Plural;
        details["uid"] = deleted["metadata"]?["uid"]?.DeepClone();
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }

    private static bool Custom(ResourceType type) => !ResourceTypeRegistry.BuiltIns.Contains(type);

    /// <summary>The Go type the real server names in its 406 messages: the internal type of a built-in
    /// (<c>*core.ConfigMap</c>, <c>*apps.DeploymentList</c>) or the unstructured one of a custom resource.</summary>
    private static string GoType(ResourceType type, bool list)
    {
        if (Custom(type))
        {
            return list ? "*unstructured.UnstructuredList" : "*unstructured.Unstructured";
        }

        var package = type.Group.Length == 0 || type.Group == "events.k8s.io" ? "core" : type.Group.Split('.')[0];
        return $"*{package}.{type.Kind}{(list ? "List" : "")}";
    }
}
