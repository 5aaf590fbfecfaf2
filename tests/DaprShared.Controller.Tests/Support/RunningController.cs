using DaprShared.Controller.Diagnostics;
using DaprShared.Kubernetes.Cluster;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Tests.Support;

/// <summary>A controller under test running in the background, with its own request counter, logs and metrics.</summary>
internal sealed class RunningController : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly ClusterConnection connection;
    private readonly ILoggerFactory loggers;

    public RunningController(SharedInstanceController controller, ClusterConnection connection, CountingHandler handler, TestLoggerProvider logs, ControllerMetrics metrics, ILoggerFactory loggers)
    {
        Controller = controller;
        this.connection = connection;
        Handler = handler;
        Logs = logs;
        Metrics = metrics;
        this.loggers = loggers;
        Run = Task.Run(() => controller.RunAsync(stop.Token));
    }

    public SharedInstanceController Controller { get; }

    public CountingHandler Handler { get; }

    public TestLoggerProvider Logs { get; }

    public ControllerMetrics Metrics { get; }

    public Task Run { get; }

    public bool IsLeader => Controller.IsLeader;

    public double ReconcilesWith(string result) => Metrics.Reconciles.WithLabels(result).Value;

    /// <summary>A graceful stop (SIGTERM): work cancelled, lease released.</summary>
    public async Task StopAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync();
        }

        await Run.WaitAsync(TimeSpan.FromSeconds(15));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            connection.Dispose();
            loggers.Dispose();
            stop.Dispose();
        }
    }
}
