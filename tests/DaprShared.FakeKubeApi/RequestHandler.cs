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

            if (!store.Types.All.Any(t => t.Group == path.Group && t.Version == path.Version))
            {
                // No such API group/version: the real server's mux answers in plain text, not with a Status.
                await WritePageNotFoundAsync(context, info, cancel).ConfigureAwait(false);
                return;
            }

            if (!store.Types.TryGet(path.Group, path.Version, path.Resource, out var type) ||
                (path.Namespace is not null && !type.Namespaced) ||
                (path.Subresource.Length > 0 && !(path.Subresource == "status" && type.HasStatusSubresource)))
            {
                throw ApiError.NoSuchResource();
            }

            if (type.Namespaced && path.Namespace is null && (path.Name is not null || info.Verb is Verbs.Create or Verbs.DeleteCollection))
            {
                throw ApiError.NoSuchResource();
            }

            var form = AcceptNegotiation.Negotiate(info.Accept, collectionRoute: request.Method == "GET" && path.Name is null);

            if (query["dryRun"].Count > 0)
            {
                throw ApiError.BadRequest("dryRun is not supported by the fake API server");
            }

            if (isWatch)
            {
                await WatchAsync(context, info, type, path, form, cancel).ConfigureAwait(false);
                return;
            }

            await DispatchAsync(context, info, type, path, form, cancel).ConfigureAwait(false);
        }
        catch (ApiError error)
        {
            info.Error = error.LogDetail ?? error.Message;
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

    private async Task DispatchAsync(HttpContext context, FakeRequest info, ResourceType type, ApiPath path, ResponseForm form, CancellationToken cancel)
    {
        var query = context.Request.Query;
        var ns = type.Namespaced ? path.Namespace ?? "" : "";
        var statusOnly = path.Subresource == "status";
        var manager = info.FieldManager ?? ManagerFromUserAgent(info.UserAgent);
        switch (info.Verb)
        {
            case Verbs.Get:
                await WriteAsync(context, info, 200, Presentation.Object(form, type, store.GetObject(type, ns, path.Name!)), cancel).ConfigureAwait(false);
                break;

            case Verbs.List:
                var labels = LabelSelector.Parse(query["labelSelector"]);
                var fields = FieldSelector.Parse(query["fieldSelector"]).CheckSupported(type);
                var (items, rv) = store.ListObjects(type, type.Namespaced ? path.Namespace : null, labels, fields);
                var (page, listMetadata) = ListPaging.Page(
                    items,
                    rv,
                    allNamespaces: type.Namespaced && path.Namespace is null,
                    query["limit"].FirstOrDefault(),
                    query["continue"].FirstOrDefault(),
                    query["resourceVersion"].FirstOrDefault(),
                    selected: query["labelSelector"].Any(v => !string.IsNullOrEmpty(v)) || query["fieldSelector"].Any(v => !string.IsNullOrEmpty(v)));
                await WriteAsync(context, info, 200, Presentation.List(form, type, page, listMetadata), cancel).ConfigureAwait(false);
                break;

            case Verbs.Create:
                var created = store.Create(type, ns, await ReadObjectAsync(context, allowYaml: false, cancel).ConfigureAwait(false), manager);
                await WriteAsync(context, info, 201, Presentation.Object(form, type, created), cancel).ConfigureAwait(false);
                break;

            case Verbs.Update:
                var replaced = store.Replace(type, ns, path.Name!, await ReadObjectAsync(context, allowYaml: false, cancel).ConfigureAwait(false), manager, statusOnly);
                await WriteAsync(context, info, 200, Presentation.Object(form, type, replaced), cancel).ConfigureAwait(false);
                break;

            case Verbs.Patch:
                var kind = PatchKindOf(context.Request.ContentType, type);
                var body = YamlJson.Parse(await ReadBodyAsync(context, cancel).ConfigureAwait(false), allowYaml: kind == PatchKind.Apply)
                    ?? throw ApiError.BadRequest("empty patch");
                var force = string.Equals(query["force"], "true", StringComparison.OrdinalIgnoreCase);
                if (force && kind != PatchKind.Apply)
                {
                    throw ApiError.InvalidPatchOptions("force", "Forbidden: may not be specified for non-apply patch", "FieldValueForbidden");
                }

                var (patched, wasCreated) = store.Patch(type, ns, path.Name!, kind, body, kind == PatchKind.Apply ? info.FieldManager : manager, force, statusOnly);
                await WriteAsync(context, info, wasCreated ? 201 : 200, Presentation.Object(form, type, patched), cancel).ConfigureAwait(false);
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
                // Still there (finalizers), or a resource that returns what it deleted: the object; else a Status.
                var kept = deleted["metadata"]?["finalizers"] is JsonArray { Count: > 0 };
                var answer = kept || type.ReturnsDeletedObject ? Presentation.Object(form, type, deleted) : Presentation.DeleteSuccess(type, deleted);
                await WriteAsync(context, info, 200, answer, cancel).ConfigureAwait(false);
                break;

            case Verbs.DeleteCollection:
                var (victims, _) = store.ListObjects(type, path.Namespace, LabelSelector.Parse(query["labelSelector"]), FieldSelector.Parse(query["fieldSelector"]).CheckSupported(type));
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

                var removedMetadata = new JsonObject { ["resourceVersion"] = store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                await WriteAsync(context, info, 200, Presentation.List(form, type, removed, removedMetadata), cancel).ConfigureAwait(false);
                break;

            default:
                throw new ApiError(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", $"the server does not allow this method on the requested resource");
        }
    }

    private async Task WatchAsync(HttpContext context, FakeRequest info, ResourceType type, ApiPath path, ResponseForm form, CancellationToken cancel)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"]).CheckSupported(type);
        var bookmarks = string.Equals(query["allowWatchBookmarks"], "true", StringComparison.OrdinalIgnoreCase);
        var subscription = store.OpenWatch(type, type.Namespaced ? path.Namespace : null, labels, fields, query["resourceVersion"].FirstOrDefault(), out var gone);

        info.StatusCode = 200;
        log.Add(info);
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        await response.StartAsync(cancel).ConfigureAwait(false);

        // The headers go out now, as kube-apiserver sends them when the watch is set up: a client waiting for the
        // response must not have to wait for the first event.
        await response.Body.FlushAsync(cancel).ConfigureAwait(false);

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

                    if (message.Type == "ERROR")
                    {
                        await WriteLineAsync(response, new JsonObject { ["type"] = message.Type, ["object"] = message.Object }, timeout.Token).ConfigureAwait(false);
                        continue;
                    }

                    JsonObject obj;
                    try
                    {
                        obj = Presentation.Object(form, type, message.Object);
                    }
                    catch (ApiError error)
                    {
                        // What kube-apiserver does when it cannot transform an event (a watch that asked for the
                        // List form): it logs "failed to transform object" and ends the stream, which the client
                        // sees as a watch that ended normally without a single event.
                        info.Error = "watch ended: " + error.Message;
                        return;
                    }

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

    private async Task WritePageNotFoundAsync(HttpContext context, FakeRequest info, CancellationToken cancel)
    {
        info.StatusCode = 404;
        info.Error = "404 page not found";
        log.Add(info);
        context.Response.StatusCode = 404;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("404 page not found\n", cancel).ConfigureAwait(false);
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

    /// <summary>The patch type of a PATCH's Content-Type, with the real server's 415s: strategic merge patch is not
    /// served for custom resources, and anything else (<c>application/json</c>, <c>application/apply-patch+json</c>)
    /// is refused before the body is read.</summary>
    private static PatchKind PatchKindOf(string? contentType, ResourceType type)
    {
        var media = (contentType ?? "").Split(';')[0].Trim();
        return media switch
        {
            "application/apply-patch+yaml" => PatchKind.Apply,
            "application/merge-patch+json" => PatchKind.Merge,
            "application/strategic-merge-patch+json" when ResourceTypeRegistry.BuiltIns.Contains(type) => PatchKind.Strategic,
            "application/strategic-merge-patch+json" => throw ApiError.UnsupportedMediaType(
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"),
            "application/json-patch+json" => PatchKind.Json,
            _ => throw ApiError.UnsupportedMediaType("415: Unsupported Media Type", emptyDetails: true),
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
