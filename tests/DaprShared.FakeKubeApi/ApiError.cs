using System.Net;
using System.Text.Json.Nodes;

namespace DaprShared.FakeKubeApi;

/// <summary>A failure the fake answers with a <c>Status</c> body, exactly like the real server's error responses
/// (<c>kind: Status</c>, <c>status: Failure</c>, <c>reason</c>, <c>code</c>, <c>details</c>).</summary>
/// <remarks>The messages and <c>details</c> are kube-apiserver v1.32's, checked against a real one by
/// tests/DaprShared.Integration.Tests/FakeApiServerAgreementTests.cs: <c>details.kind</c> is the resource (plural)
/// for NotFound/AlreadyExists/Conflict but the Kind for Invalid and failed delete preconditions, and
/// <c>details.group</c> is absent for the core group.</remarks>
public sealed class ApiError : Exception
{
    public ApiError(HttpStatusCode code, string reason, string message, ResourceType? type = null, string? name = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Type = type;
        ObjectName = name;
        DetailsGroup = type?.Group;
        DetailsKind = type?.Plural;
    }

    public HttpStatusCode Code { get; }

    /// <summary>The machine-readable <c>reason</c>, e.g. <c>NotFound</c>, <c>AlreadyExists</c>, <c>Conflict</c>.</summary>
    public string Reason { get; }

    public ResourceType? Type { get; }

    public string? ObjectName { get; }

    /// <summary><c>details.group</c>; omitted when empty (the core group).</summary>
    public string? DetailsGroup { get; init; }

    /// <summary><c>details.kind</c>: the plural by default, the Kind where the real server says so.</summary>
    public string? DetailsKind { get; init; }

    /// <summary>What went wrong, for the request log (<see cref="FakeRequest.Error"/>), when the real server's
    /// message says less.</summary>
    public string? LogDetail { get; init; }

    /// <summary>Sends <c>"details": {}</c> when there is nothing to put in it, as some real answers do.</summary>
    public bool EmptyDetails { get; init; }

    /// <summary>Extra <c>details.causes</c> entries (<c>reason</c>, <c>message</c>, <c>field</c>), e.g. the fields of a
    /// server-side apply conflict.</summary>
    public IReadOnlyList<(string Reason, string Message, string Field)> Causes { get; init; } = [];

    public static ApiError NotFound(ResourceType type, string name) =>
        new(HttpStatusCode.NotFound, "NotFound", $"{type.GroupResource} \"{name}\" not found", type, name);

    /// <summary>A path no resource is served at, in a group/version the server knows.</summary>
    public static ApiError NoSuchResource() =>
        new(HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource") { EmptyDetails = true };

    public static ApiError AlreadyExists(ResourceType type, string name) =>
        new(HttpStatusCode.Conflict, "AlreadyExists", $"{type.GroupResource} \"{name}\" already exists", type, name);

    public static ApiError Conflict(ResourceType type, string name) =>
        new(HttpStatusCode.Conflict, "Conflict",
            $"Operation cannot be fulfilled on {type.GroupResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            type, name);

    /// <summary>A delete whose <c>preconditions.uid</c> or <c>preconditions.resourceVersion</c> does not hold.</summary>
    public static ApiError PreconditionFailed(ResourceType type, string name, string field, string wanted, string actual, string hint) =>
        new(HttpStatusCode.Conflict, "Conflict",
            $"Operation cannot be fulfilled on {type.Kind} \"{name}\": the {field} in the precondition ({wanted}) does not match the {field} in record ({actual}). {hint}",
            type, name)
        {
            DetailsGroup = type.Group,
            DetailsKind = type.Kind,
        };

    public static ApiError BadRequest(string message) => new(HttpStatusCode.BadRequest, "BadRequest", message);

    public static ApiError Invalid(ResourceType type, string name, string field, string detail, string causeReason = "FieldValueInvalid") =>
        new(HttpStatusCode.UnprocessableEntity, "Invalid", $"{type.Kind} \"{name}\" is invalid: {field}: {detail}", type, name)
        {
            DetailsKind = type.Kind,
            Causes = [(causeReason, detail, field)],
        };

    /// <summary>A bad query parameter of a patch (<c>fieldManager</c>, <c>force</c>): the real server validates
    /// <c>PatchOptions</c> and answers 422.</summary>
    public static ApiError InvalidPatchOptions(string field, string detail, string causeReason) =>
        new(HttpStatusCode.UnprocessableEntity, "Invalid", $"PatchOptions.meta.k8s.io \"\" is invalid: {field}: {detail}")
        {
            DetailsGroup = "meta.k8s.io",
            DetailsKind = "PatchOptions",
            Causes = [(causeReason, detail, field)],
        };

    /// <summary>A JSON patch that cannot be applied (a failed <c>test</c>, a missing path, an unknown operation): the
    /// real server says no more than this.</summary>
    public static ApiError UnprocessablePatch(string? detail = null) =>
        new(HttpStatusCode.UnprocessableEntity, "Invalid", "the server rejected our request due to an error in our request") { EmptyDetails = true, LogDetail = detail };

    public static ApiError NotAcceptable(string message, bool emptyDetails = false) =>
        new(HttpStatusCode.NotAcceptable, "NotAcceptable", message) { EmptyDetails = emptyDetails };

    public static ApiError UnsupportedMediaType(string message, bool emptyDetails = false) =>
        new(HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType", message) { EmptyDetails = emptyDetails };

    public static ApiError Gone(string message) => new(HttpStatusCode.Gone, "Expired", message);

    /// <summary>The <c>Status</c> object the server sends in the body (or in a watch <c>ERROR</c> event).</summary>
    public JsonObject ToStatus() => StatusBody(Code, Reason, Message, DetailsGroup, DetailsKind, ObjectName, Causes, EmptyDetails);

    internal static JsonObject StatusBody(
        HttpStatusCode code,
        string reason,
        string message,
        string? group = null,
        string? kind = null,
        string? name = null,
        IReadOnlyList<(string Reason, string Message, string Field)>? causes = null,
        bool emptyDetails = false)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };

        var details = new JsonObject();
        if (name is not null)
        {
            details["name"] = name;
        }

        if (!string.IsNullOrEmpty(group))
        {
            details["group"] = group;
        }

        if (kind is not null)
        {
            details["kind"] = kind;
        }

        if (causes is { Count: > 0 })
        {
            var array = new JsonArray();
            foreach (var (causeReason, causeMessage, field) in causes)
            {
                array.Add(new JsonObject { ["reason"] = causeReason, ["message"] = causeMessage, ["field"] = field });
            }

            details["causes"] = array;
        }

        if (details.Count > 0 || emptyDetails)
        {
            status["details"] = details;
        }

        status["code"] = (int)code;
        return status;
    }
}
