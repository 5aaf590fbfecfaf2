using System.Diagnostics;
using DaprShared.Core.Admission;
using DaprShared.Core.Contract;
using DaprShared.Core.Injection;
using DaprShared.Webhook.Observability;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaprShared.Webhook.Admission;

/// <summary>The one guarded transport behind every admission endpoint. In order: method, content type, declared
/// length, body read into one pooled buffer under the size limit, then the pure core. Every failure becomes a
/// well-formed answer with a status code; nothing a client sends can crash the process.</summary>
public sealed class AdmissionTransport(
    IAdmissionReviewer reviewer,
    IOptions<AdmissionOptions> admissionOptions,
    IOptions<ClusterSettings> clusterSettings,
    WebhookMetrics metrics,
    WarnedDecisionLogThrottle warnedLogThrottle,
    ILogger<AdmissionTransport> logger)
{
    // Responses are uid + patch + warnings: a few KiB at most for any real pod.
    private const int ResponseBufferSize = 4096;

    private readonly int limit = admissionOptions.Value.MaxRequestBodyBytes;
    private readonly ClusterSettings settings = clusterSettings.Value;

    public async Task HandleAsync(HttpContext context, AdmissionEntry entry)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        var request = context.Request;
        var aborted = context.RequestAborted;
        try
        {
            if (Precheck(request) is { } rejected)
            {
                await RejectAsync(context, rejected, uid: null);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
            {
                // Kestrel's own limit stays small for the other endpoints; ours is enforced while reading anyway.
                sizeLimit.MaxRequestBodySize = limit;
            }

            var (status, body) = await RequestBodyReader.ReadAsync(request.BodyReader, request.ContentLength, limit, aborted);
            using (body)
            {
                switch (status)
                {
                    case RequestBodyReader.Status.TooLarge:
                        await RejectAsync(context, TransportResponses.BodyTooLarge(limit), uid: null);
                        return;
                    case RequestBodyReader.Status.Empty:
                        await RejectAsync(context, TransportResponses.EmptyBody(), uid: null);
                        return;
                }

                if (entry == AdmissionEntry.Noop)
                {
                    await TransportResponses.Review(NoopReview.Body).WriteAsync(context.Response, aborted);
                    return;
                }

                await ReviewAsync(context, entry, body.Memory, started);
            }
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel could not read the body: truncated, bad chunking, too slow, or over its own size limit.
            var rejection = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TransportResponses.BodyTooLarge(limit)
                : TransportResponses.UnreadableBody(e.StatusCode, e.Message);
            await RejectAsync(context, rejection, uid: null);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            AdmissionLog.ClientGone(logger, request.Path);
        }
#pragma warning disable CA1031 // Whatever happens, answer 500 and keep serving: failurePolicy decides for the pod.
        catch (Exception e)
#pragma warning restore CA1031
        {
            AdmissionLog.HostFault(logger, request.Path, e);
            metrics.HostFault();
            await TryWriteAsync(context, TransportResponses.InternalError());
        }
    }

    private TransportResponse? Precheck(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return TransportResponses.MethodNotAllowed(request.Method);
        }

        if (!JsonContentType.IsAcceptable(request.ContentType))
        {
            return TransportResponses.UnsupportedMediaType(request.ContentType);
        }

        return request.ContentLength switch
        {
            0 => TransportResponses.EmptyBody(),
            long declared when declared > limit => TransportResponses.BodyTooLarge(limit),
            _ => null,
        };
    }

    private async Task ReviewAsync(HttpContext context, AdmissionEntry entry, ReadOnlyMemory<byte> body, long started)
    {
        using var output = new PooledBufferWriter(ResponseBufferSize);
        var result = reviewer.Review(body, entry == AdmissionEntry.NamespaceOptIn, settings, output);
        if (result.Error is { } error)
        {
            await RejectAsync(context, TransportResponses.MalformedReview(error), result.Uid);
            return;
        }

        var injection = result.Injection
            ?? throw new InvalidOperationException("the admission core returned neither an error nor a decision");
        var outcome = injection.Outcome.ToValue();
        if (injection.Outcome == InjectionOutcome.Error)
        {
            metrics.MutationFault();
            AdmissionLog.MutationFault(logger, result.Uid, entry);
        }

        var level = AnsweredLevel(injection, result.Namespace);
        AdmissionLog.Answered(
            logger, level, result.Uid, entry, result.Namespace, outcome, injection.Reason, injection.AppId, injection.Operations.Count, injection.Warnings.Count, result.DryRun);

        await TransportResponses.Review(output.WrittenMemory).WriteAsync(context.Response, context.RequestAborted);
        metrics.AdmissionAnswered(outcome, injection.Reason, Stopwatch.GetElapsedTime(started));
    }

    // A fault is always worth a line. A pod with warnings is shown to operators, but the same warned pod created
    // again and again (a Deployment's replicas, a crash-looping Job) is not one line per pod: the first time per
    // (namespace, app-id, reason), then once a minute; the repeats go to Debug. Ordinary decisions are Debug: the
    // metrics count them.
    private LogLevel AnsweredLevel(InjectionResult injection, string? @namespace)
    {
        if (injection.Outcome == InjectionOutcome.Error)
        {
            return LogLevel.Information;
        }

        return injection.Warnings.Count > 0
            && logger.IsEnabled(LogLevel.Information)
            && warnedLogThrottle.ShouldLog(@namespace, injection.AppId, injection.Reason)
                ? LogLevel.Information
                : LogLevel.Debug;
    }

    private async Task RejectAsync(HttpContext context, TransportResponse rejection, string? uid)
    {
        metrics.BadRequest(rejection.Reason!);
        AdmissionLog.Rejected(logger, context.Request.Path, uid ?? "-", rejection.StatusCode, rejection.Reason!, rejection.Message);
        await TryWriteAsync(context, rejection);
    }

    private async Task TryWriteAsync(HttpContext context, TransportResponse response)
    {
        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await response.WriteAsync(context.Response, context.RequestAborted);
        }
#pragma warning disable CA1031 // The connection is broken; there is no one left to answer.
        catch (Exception)
#pragma warning restore CA1031
        {
            AdmissionLog.ClientGone(logger, context.Request.Path);
        }
    }
}
