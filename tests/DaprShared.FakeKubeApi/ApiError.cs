using System.Net;
using System.Text.Json.Nodes;

namespace DaprShared.FakeKubeApi;

/// <summary>A failure the fake answers with a <c>Status</c> body, exactly like the real server's error responses
/// (<c>kind: Status</c>, <c>status: Failure</c>, <c>reason</c>, <c>code</c>, <c>details</c>).</summary>
public sealed class ApiError : Exception
{
    public ApiError(HttpStatusCode code, string reason, string message, ResourceType? type = null, string? name = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Type = type;
        ObjectName = name;
    }

    public HttpStatusCode Code { get; }

    /// <summary>The machine-readable <c>reason</c>, e.g. <c>NotFound</c>, <c>AlreadyExists</c>, <c>Conflict</c>.</summary>
    public string Reason { get; }

    public ResourceType? Type { get; }

    public string? ObjectName { get; }

    /// <summary>Extra <c>details.causes</c> entries (server-side apply conflicts list the fields).</summary>
    public IReadOnlyList<(string Type, string Message, string Field)> Causes { get; init; } = [];

    public static ApiError NotFound(ResourceType type, string name) =>
        new(HttpStatusCode.NotFound, "NotFound", $"{type.GroupResource} \"{name}\" not found", type, name);

    public static ApiError AlreadyExists(ResourceType type, string name) =>
        new(HttpStatusCode.Conflict, "AlreadyExists", $"{type.GroupResource} \"{name}\" already exists", type, name);

    public static ApiError Conflict(ResourceType type, string name) =>
        new(HttpStatusCode.Conflict, "Conflict",
            $"Operation cannot be fulfilled on {type.GroupResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            type, name);

    public static ApiError BadRequest(string message) => new(HttpStatusCode.BadRequest, "BadRequest", message);

    public static ApiError Invalid(ResourceType type, string name, string message) =>
        new(HttpStatusCode.UnprocessableEntity, "Invalid", $"{type.Kind} \"{name}\" is invalid: {message}", type, name);

    public static ApiError Gone(string message) => new(HttpStatusCode.Gone, "Expired", message);

    /// <summary>The <c>Status</c> object the server sends in the body (or in a watch <c>ERROR</c> event).</summary>
    public JsonObject ToStatus() => StatusBody(Code, Reason, Message, Type, ObjectName, Causes);

    internal static JsonObject StatusBody(
        HttpStatusCode code,
        string reason,
        string message,
        ResourceType? type = null,
        string? name = null,
        IReadOnlyList<(string Type, string Message, string Field)>? causes = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = (int)code,
        };

        if (type is not null || name is not null || causes is { Count: > 0 })
        {
            var details = new JsonObject();
            if (name is not null)
            {
                details["name"] = name;
            }

            if (type is not null)
            {
                details["group"] = type.Group;
                details["kind"] = type.Plural;
            }

            if (causes is { Count: > 0 })
            {
                var array = new JsonArray();
                foreach (var (causeType, causeMessage, field) in causes)
                {
                    array.Add(new JsonObject { ["type"] = causeType, ["message"] = causeMessage, ["field"] = field });
                }

                details["causes"] = array;
            }

            status["details"] = details;
        }

        return status;
    }
}
