namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>Waits for the cluster to reach a state another process makes true.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="missing"/> until it returns null (the condition holds); otherwise its text says
    /// what is still missing and becomes the failure message on timeout.</summary>
    public static async Task HoldsAsync(Func<Task<string?>> missing, TimeSpan? timeout = null, ProductProcess? product = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        string? problem;
        while (true)
        {
            try
            {
                problem = await missing().ConfigureAwait(false);
            }
            catch (k8s.Autorest.HttpOperationException e)
            {
                problem = $"{(int)e.Response.StatusCode} {e.Response.Content}";
            }

            if (problem is null)
            {
                return;
            }

            if (product is { HasExited: true })
            {
                throw new InvalidOperationException($"the product exited while waiting for: {problem}\n{product.LogText()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                var log = product is null ? "" : "\n" + product.LogText();
                throw new TimeoutException($"after {limit.TotalSeconds:F0} s: {problem}{log}");
            }

            await Task.Delay(200).ConfigureAwait(false);
        }
    }

    /// <summary>Polls until <paramref name="read"/> returns a value that is not null.</summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> read, string what, TimeSpan? timeout = null, ProductProcess? product = null)
        where T : class
    {
        T? value = null;
        await HoldsAsync(async () => (value = await read().ConfigureAwait(false)) is null ? what : null, timeout, product).ConfigureAwait(false);
        return value!;
    }
}
