using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace DaprShared.TestData.Logging;

/// <summary>Sends logs to the test output and keeps them, so tests can assert what was (not) logged.</summary>
public sealed class TestLoggerProvider(ITestOutputHelper? output, string prefix = "") : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new TestLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        Lines.Enqueue(line);
        try
        {
            output?.WriteLine(prefix + line);
        }
        catch (InvalidOperationException)
        {
            // The test already finished; background work may still log.
        }
    }

    private sealed class TestLogger(TestLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var shortCategory = category[(category.LastIndexOf('.') + 1)..];
            provider.Write($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel.ToString()[..4]} [{eventId.Id}] {shortCategory}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message)}");
        }
    }
}
