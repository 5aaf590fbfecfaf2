namespace DaprShared.Webhook.Tls;

/// <summary>The background loop a certificate source runs after start-up: stopping cancels it and waits for it to
/// end, without surfacing its cancellation, so host shutdown stays orderly.</summary>
internal sealed class BackgroundPoll : IDisposable
{
    private CancellationTokenSource? stopping;
    private Task? polling;

    public void Start(Func<CancellationToken, Task> poll)
    {
        stopping = new CancellationTokenSource();
        polling = poll(stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (stopping is null || polling is null)
        {
            return;
        }

        await stopping.CancelAsync();
        await polling.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => stopping?.Dispose();
}
