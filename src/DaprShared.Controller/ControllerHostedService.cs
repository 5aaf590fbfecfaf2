using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DaprShared.Controller;

/// <summary>Runs the controller in the background of the host. It never blocks start-up (the webhook must serve
/// even while the API server is unreachable) and never stops the host: every failure is retried inside.</summary>
internal sealed class ControllerHostedService : BackgroundService
{
    private readonly IServiceProvider services;

    public ControllerHostedService(IServiceProvider services) => this.services = services;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Leave StartAsync at once: resolving the connection reads files, and the controller runs for ever.
        await Task.Yield();
        var controller = services.GetRequiredService<SharedInstanceController>();
        await controller.RunAsync(stoppingToken).ConfigureAwait(false);
    }
}
