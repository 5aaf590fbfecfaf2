using DaprShared.Controller;
using DaprShared.Webhook.Admission;
using DaprShared.Webhook.Health;
using DaprShared.Webhook.Observability;
using DaprShared.Webhook.Tls;
using DaprShared.Webhook.Tls.SelfManaged;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace DaprShared.Webhook.Hosting;

/// <summary>The <c>serve</c> verb's composition: one <c>Add…()</c> per concern, then the endpoints. Tests start
/// exactly this, over real HTTPS.</summary>
public static class WebhookHost
{
    public const string DefaultUrl = "https://0.0.0.0:8443";

    /// <summary>Builds the server from the serve verb's command line. Throws <see cref="ArgumentException"/> for a
    /// bad command line.</summary>
    /// <param name="args">The command line, with or without the leading <c>serve</c>.</param>
    /// <param name="configure">Runs after every registration, before the app is built (tests: an isolated metrics
    /// registry, a log sink, an injected fault).</param>
    public static WebApplication Create(IReadOnlyList<string> args, Action<WebApplicationBuilder>? configure = null)
    {
        var arguments = ServeArguments.Parse(args);
        return arguments.Error is null
            ? Create(arguments, configure)
            : throw new ArgumentException(arguments.Error, nameof(args));
    }

    public static WebApplication Create(ServeArguments arguments, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);

        // Slim: no IIS, hosting startup assemblies or static assets; smaller and faster to start, also under Native AOT.
        // The content root is the binary's folder, so appsettings.json is found whatever the working directory.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.Configuration.AddCommandLine([.. arguments.ConfigurationArgs], ServeArguments.SwitchMappings.ToDictionary());
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services
            .AddClusterSettings()
            .AddServingCertificates()
            .AddSelfManagedTls()
            .AddWebhookKestrel()
            .AddAdmission()
            .AddWebhookHealthChecks()
            .AddWebhookMetrics()
            .AddDaprSharedController();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Lifetime.ApplicationStarted.Register(ReleaseStartupMemory);
        app.MapHealthEndpoints();
        app.MapWebhookMetrics();
        app.MapAdmission();
        return app;
    }

    /// <summary>Builds the server from <paramref name="arguments"/>, then runs it like
    /// <see cref="RunAsync(WebApplication, TextWriter)"/>; a problem found while building fails the same way.</summary>
    public static async Task<int> RunAsync(ServeArguments arguments, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        WebApplication app;
        try
        {
            app = Create(arguments);
        }
#pragma warning disable CA1031 // Building failed, whatever the cause: say so in one line and exit non-zero.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await stderr.WriteLineAsync($"dapr-shared: cannot start: {Describe(e)}");
            return 1;
        }

        return await RunAsync(app, stderr);
    }

    /// <summary>Starts, then runs until shutdown. Anything that stops the start (a configuration value, an unusable
    /// certificate, a port in use) becomes one line on <paramref name="stderr"/> and exit code 1; the log has the
    /// details.</summary>
    public static async Task<int> RunAsync(WebApplication app, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(stderr);
        await using (app)
        {
            try
            {
                await app.StartAsync();
            }
#pragma warning disable CA1031 // Start-up failed, whatever the cause: say so in one line and exit non-zero.
            catch (Exception e)
#pragma warning restore CA1031
            {
                await stderr.WriteLineAsync($"dapr-shared: cannot start: {Describe(e)}");
                return 1;
            }

            await app.WaitForShutdownAsync();
            return 0;
        }
    }

    /// <summary>Start-up allocates about 12 MB (configuration, DI, Kestrel, certificates) that is garbage once the
    /// server listens, and an idle webhook may not allocate enough to trigger a collection for hours: it would keep
    /// that memory resident. One compacting collection right after start hands it back to the OS (Native AOT idle
    /// RSS 45 → 38 MiB, bench/README.md) at the cost of a few milliseconds, once.</summary>
    private static void ReleaseStartupMemory() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    private static string Describe(Exception e) => e switch
    {
        AggregateException aggregate => string.Join("; ", aggregate.InnerExceptions.Select(Describe)),

        // "Failed to convert configuration value 'x' at 'Tls:Mode'..." carries the reason in the inner exception.
        InvalidOperationException { InnerException: { } inner } when e is not OptionsValidationException => $"{e.Message} {inner.Message}",
        _ => e.Message,
    };
}
