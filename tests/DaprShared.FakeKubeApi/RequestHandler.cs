using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DaprShared.FakeKubeApi;

/// <summary>The HTTP side of the fake: turns requests into store operations and answers like kube-apiserver
/// (JSON bodies, Status errors, newline-delimited watch events).</summary>
internal sealed class RequestHandler
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    private readonly ObjectStore store;
    private readonly RequestLog log;
    private readonly FaultInjector faults;
    private readonly FakeKubeApiOptions options;

    public RequestHandler(ObjectStore store, RequestLog log, FaultInjector faults, FakeKubeApiOptions options)
    {
        this.store = store;
        this.log = log;
        this.faults = faults;
        this.options = options;
    }

    public async Task HandleAsync(HttpContext context, CancellationToken serverStopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, serverStopping);
        var cancel = linked.Token;
        var request = context.Request;
        var query = request.Query;
        var path = ApiPath.Parse(request.Path.Value ?? "");
        var isWatch = path is not null && (path.LegacyWatch || query["watch"] is var w && (w == "true" || w == "1"));
        var info = new FakeRequest
        {
            Sequence = log.NextSequence(),
            Time = DateTimeOffset.UtcNow,
            Method = request.Method,
            Path = request.Path.Value ?? "",
            Query = request.QueryString.Value ?? "",
            Verb = path is null ? "" : VerbOf(request.Method, path, isWatch),
            Group = path?.Group ?? "",
            Version = path?.Version ?? "",
            Resource = path?.Resource ?? "",
            Subresource = path?.Subresource ?? "",
            Namespace = path?.Namespace,
            Name = path?.Name,
            ContentType = request.ContentType ?? "",
            FieldManager = query["fieldManager"].FirstOrDefault(),
            UserAgent = request.Headers.UserAgent.ToString(),
            Accept = request.Headers.Accept.ToString(),
        };

        try
        {
            var fault = faults.Match(info);
            if (fault?.Action == FaultAction.Delay)
            {
                await Task.Delay(fault.DelayBy, cancel).ConfigureAwait(false);
                fault = null;
            }

            if (fault?.Action == FaultAction.Drop)
            {
                info.StatusCode = 0;
                context.Abort();
                return;
            }

            if (fault?.Action == FaultAction.Fail)
            {
                throw new ApiError(fault.Status, ReasonFor(fault.Status), $"injected fault: {(int)fault.Status}");
            }

            if (path is null)
            {
                await HandleNonResourceAsync(context, info, cancel).ConfigureAwait(false);
                return;
            }

            if (!store.Types.TryGet(path.Group, path.Version, path.Resource, out var type) ||
                (path.Namespace is not null && !type.Namespaced) ||
                (path.Subresource.Length > 0 && !(path.Subresource == "status" && type.HasStatusSubresource)))
            {
                throw new ApiError(HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource");
            }

            if (type.Namespaced && path.Namespace is null && (path.Name is not null || info.Verb is Verbs.Create or Verbs.DeleteCollection))
            {
                throw new ApiError(HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource");
            }

            if (query["dryRun"].Count > 0)
            {
                throw ApiError.BadRequest("dryRun is not supported by the fake API server");
            }

            if (isWatch)
            {
                await WatchAsync(context, info, type, path, cancel).ConfigureAwait(false);
                return;
            }

            await DispatchAsync(context, info, type, path, cancel).ConfigureAwait(false);
        }
        catch (ApiError error)
        {
            info.Error = error.Message;
            await WriteAsync(context, info, (int)error.Code, error.ToStatus(), cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            info.StatusCode = info.StatusCode == 0 ? 499 : info.StatusCode;
            if (!info.IsWatch)
            {
                log.Add(info);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var status = ApiError.StatusBody(HttpStatusCode.InternalServerError, "InternalError", "fake API server fault: " + e.Message);
            info.Error = e.ToString();
            await WriteAsync(context, info, 500, status, cancel).ConfigureAwait(false);
        }
    }

    private async Task DispatchAsync(HttpContext context, FakeRequest info, ResourceType type, ApiPath path, CancellationToken cancel)
    {
        var query = context.Request.Query;
        var ns = type.Namespaced ? path.Namespace ?? "" : "";
        var statusOnly = path.Subresource == "status";
        var manager = info.FieldManager ?? ManagerFromUserAgent(info.UserAgent);
        switch (info.Verb)
        {
            case Verbs.Get:
                await WriteAsync(context, info, 200, Shape(context, type, store.GetObject(type, ns, path.Name!)), cancel).ConfigureAwait(false);
                break;

            case Verbs.List:
                var (items, rv) = store.ListObjects(type, type.Namespaced ? path.Namespace : null, LabelSelector.Parse(query["labelSelector"]), FieldSelector.Parse(query["fieldSelector"]));
                await WriteAsync(context, info, 200, ListBody(context, type, items, rv), cancel).ConfigureAwait(false);
                break;

            case Verbs.Create:
                var created = store.Create(type, ns, await ReadObjectAsync(context, allowYaml: false, cancel).ConfigureAwait(false), manager);
                await WriteAsync(context, info, 201, created, cancel).ConfigureAwait(false);
                break;

            case Verbs.Update:
                var replaced = store.Replace(type, ns, path.Name!, await ReadObjectAsync(context, allowYaml: false, cancel).ConfigureAwait(false), manager, statusOnly);
                await WriteAsync(context, info, 200, replaced, cancel).ConfigureAwait(false);
                break;

            case Verbs.Patch:
                var kind = PatchKindOf(context.Request.ContentType);
                var body = YamlJson.Parse(await ReadBodyAsync(context, cancel).ConfigureAwait(false), allowYaml: kind == PatchKind.Apply)
                    ?? throw ApiError.BadRequest("empty patch");
                var force = string.Equals(query["force"], "true", StringComparison.OrdinalIgnoreCase);
                if (force && kind != PatchKind.Apply)
                {
                    throw ApiError.BadRequest("force may only be set for apply patches");
                }

                var (patched, wasCreated) = store.Patch(type, ns, path.Name!, kind, body, kind == PatchKind.Apply ? info.FieldManager : manager, force, statusOnly);
                await WriteAsync(context, info, wasCreated ? 201 : 200, patched, cancel).ConfigureAwait(false);
                break;

            case Verbs.Delete:
                var deleteBody = await ReadBodyAsync(context, cancel).ConfigureAwait(false);
                var options = deleteBody.Length > 0 ? JsonNode.Parse(deleteBody) as JsonObject : null;
                var propagation = query["propagationPolicy"].FirstOrDefault() ?? options?["propagationPolicy"]?.GetValue<string>();
                var deleted = store.DeleteObject(
                    type,
                    ns,
                    path.Name!,
                    propagation,
                    options?["preconditions"]?["resourceVersion"]?.GetValue<string>(),
                    options?["preconditions"]?["uid"]?.GetValue<string>());
                await WriteAsync(context, info, 200, deleted, cancel).ConfigureAwait(false);
                break;

            case Verbs.DeleteCollection:
                var (victims, _) = store.ListObjects(type, path.Namespace, LabelSelector.Parse(query["labelSelector"]), FieldSelector.Parse(query["fieldSelector"]));
                var removed = new List<JsonObject>();
                foreach (var victim in victims)
                {
                    try
                    {
                        removed.Add(store.DeleteObject(type, ns, victim["metadata"]!["name"]!.GetValue<string>(), query["propagationPolicy"].FirstOrDefault(), null, null));
                    }
                    catch (ApiError e) when (e.Code == HttpStatusCode.NotFound)
                    {
                    }
                }

                await WriteAsync(context, info, 200, ListBody(context, type, removed, store.ResourceVersion), cancel).ConfigureAwait(false);
                break;

            default:
                throw new ApiError(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", $"the server does not allow this method on the requested resource");
        }
    }

    private async Task WatchAsync(HttpContext context, FakeRequest info, ResourceType type, ApiPath path, CancellationToken cancel)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"]);
        var bookmarks = string.Equals(query["allowWatchBookmarks"], "true", StringComparison.OrdinalIgnoreCase);
        var subscription = store.OpenWatch(type, type.Namespaced ? path.Namespace : null, labels, fields, query["resourceVersion"].FirstOrDefault(), out var gone);

        info.StatusCode = 200;
        log.Add(info);
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        await response.StartAsync(cancel).ConfigureAwait(false);

        if (gone || subscription is null)
        {
            var status = ApiError.Gone($"too old resource version: {query["resourceVersion"]} ({store.ResourceVersion})").ToStatus();
            await WriteLineAsync(response, new JsonObject { ["type"] = "ERROR", ["object"] = status }, cancel).ConfigureAwait(false);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (int.TryParse(query["timeoutSeconds"], out var seconds) && seconds > 0)
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        try
        {
            var reader = subscription.Reader;
            while (true)
            {
                bool available;
                if (bookmarks)
                {
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
                    wait.CancelAfter(options.BookmarkInterval);
                    try
                    {
                        available = await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
                    {
                        store.RequestBookmark(subscription);
                        continue;
                    }
                }
                else
                {
                    available = await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
                }

                if (!available)
                {
                    break;
                }

                while (reader.TryRead(out var message))
                {
                    if (message.Type == "BOOKMARK" && !bookmarks)
                    {
                        continue;
                    }

                    var obj = message.Type is "ERROR" or "BOOKMARK" ? message.Object : Shape(context, type, message.Object);
                    await WriteLineAsync(response, new JsonObject { ["type"] = message.Type, ["object"] = obj }, timeout.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancel.IsCancellationRequested)
        {
            // timeoutSeconds elapsed: end the stream normally.
        }
        finally
        {
            store.CloseWatch(subscription);
        }
    }

    private static async Task HandleNonResourceAsync(HttpContext context, FakeRequest info, CancellationToken cancel)
    {
        var path = context.Request.Path.Value ?? "";
        JsonObject? body = path switch
        {
            "/version" => new JsonObject { ["major"] = "1", ["minor"] = "32", ["gitVersion"] = "v1.32.0-fake", ["platform"] = "linux/amd64" },
            "/healthz" or "/readyz" or "/livez" => null,
            _ => throw new ApiError(HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource"),
        };

        info.StatusCode = 200;
        context.Response.StatusCode = 200;
        if (body is null)
        {
            await context.Response.WriteAsync("ok", cancel).ConfigureAwait(false);
        }
        else
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body.ToJsonString(Compact), cancel).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(HttpContext context, FakeRequest info, int statusCode, JsonObject body, CancellationToken cancel)
    {
        info.StatusCode = statusCode;
        log.Add(info);
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(Compact), cancel).ConfigureAwait(false);
    }

    private static async Task WriteLineAsync(HttpResponse response, JsonObject line, CancellationToken cancel)
    {
        var bytes = Encoding.UTF8.GetBytes(line.ToJsonString(Compact) + "\n");
        await response.Body.WriteAsync(bytes, cancel).ConfigureAwait(false);
        await response.Body.FlushAsync(cancel).ConfigureAwait(false);
    }

    private static async Task<string> ReadBodyAsync(HttpContext context, CancellationToken cancel)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancel).ConfigureAwait(false);
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context, bool allowYaml, CancellationToken cancel) =>
        YamlJson.Parse(await ReadBodyAsync(context, cancel).ConfigureAwait(false), allowYaml) as JsonObject
            ?? throw ApiError.BadRequest("the request body must be an object");

    private JsonObject ListBody(HttpContext context, ResourceType type, List<JsonObject> items, long resourceVersion)
    {
        var metadataOnly = AsMetadata(context);
        var array = new JsonArray();
        foreach (var item in items)
        {
            if (metadataOnly)
            {
                array.Add(Shape(context, type, item));
                continue;
            }

            // A real server leaves kind/apiVersion off the items of built-in lists (clients must not rely on them).
            if (ResourceTypeRegistry.BuiltIns.Contains(type))
            {
                item.Remove("kind");
                item.Remove("apiVersion");
            }

            array.Add(item);
        }

        return new JsonObject
        {
            ["kind"] = metadataOnly ? "PartialObjectMetadataList" : type.ListKind,
            ["apiVersion"] = metadataOnly ? "meta.k8s.io/v1" : type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["items"] = array,
        };
    }

    /// <summary>Honours <c>Accept: application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1</c> (metadata-only
    /// reads and watches, what controller-runtime's metadata informers use).</summary>
    private static JsonObject Shape(HttpContext context, ResourceType type, JsonObject obj)
    {
        if (!AsMetadata(context))
        {
            return obj;
        }

        return new JsonObject
        {
            ["kind"] = "PartialObjectMetadata",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = obj["metadata"]?.DeepClone(),
        };
    }

    private static bool AsMetadata(HttpContext context) =>
        context.Request.Headers.Accept.Any(a => a is not null && a.Contains("as=PartialObjectMetadata", StringComparison.Ordinal));

    private static string VerbOf(string method, ApiPath path, bool watch) => method switch
    {
        "GET" when watch => Verbs.Watch,
        "GET" => path.Name is null ? Verbs.List : Verbs.Get,
        "POST" => Verbs.Create,
        "PUT" => Verbs.Update,
        "PATCH" => Verbs.Patch,
        "DELETE" => path.Name is null ? Verbs.DeleteCollection : Verbs.Delete,
        _ => "",
    };

    private static PatchKind PatchKindOf(string? contentType)
    {
        var media = (contentType ?? "").Split(';')[0].Trim();
        return media switch
        {
            "application/apply-patch+yaml" or "application/apply-patch+json" => PatchKind.Apply,
            "application/merge-patch+json" => PatchKind.Merge,
            "application/strategic-merge-patch+json" => PatchKind.Strategic,
            "application/json-patch+json" => PatchKind.Json,
            _ => throw new ApiError(HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got \"{media}\")"),
        };
    }

    // The real server names an unnamed manager after the client's user agent up to the first '/'.
    private static string ManagerFromUserAgent(string userAgent)
    {
        var name = userAgent.Split('/')[0].Trim();
        return name.Length == 0 ? "unknown" : name;
    }

    private static string ReasonFor(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => "NotFound",
        HttpStatusCode.Conflict => "Conflict",
        HttpStatusCode.Gone => "Expired",
        HttpStatusCode.TooManyRequests => "TooManyRequests",
        HttpStatusCode.ServiceUnavailable => "ServiceUnavailable",
        HttpStatusCode.GatewayTimeout => "Timeout",
        HttpStatusCode.Forbidden => "Forbidden",
        HttpStatusCode.Unauthorized => "Unauthorized",
        _ => "InternalError",
    };
}
