using System.IO.Pipelines;
using DaprShared.Webhook.Admission;

namespace DaprShared.Webhook.Tests.Admission;

public sealed class RequestBodyReaderTests
{
    [Theory]
    [InlineData(1, null)]
    [InlineData(1000, null)]
    [InlineData(1000, 1000L)]
    [InlineData(70_000, null)]
    [InlineData(70_000, 70_000L)]
    public async Task ReadAsync_BodyWithinLimit_ReturnsExactBytes(int size, long? declared)
    {
        var bytes = Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray();

        var (status, body) = await RequestBodyReader.ReadAsync(await InChunksAsync(bytes, 1000), declared, 100_000, CancellationToken.None);

        using (body)
        {
            status.Should().Be(RequestBodyReader.Status.Read);
            body.Memory.ToArray().Should().Equal(bytes);
        }
    }

    [Fact]
    public async Task ReadAsync_OneByteOverLimit_IsTooLarge()
    {
        var (status, body) = await RequestBodyReader.ReadAsync(await InChunksAsync(new byte[5001], 64), null, 5000, CancellationToken.None);

        status.Should().Be(RequestBodyReader.Status.TooLarge);
        body.Memory.Length.Should().Be(0);
    }

    [Fact]
    public async Task ReadAsync_DeclaredLengthUnderstatesBody_StillStopsAtLimit()
    {
        var (status, _) = await RequestBodyReader.ReadAsync(await InChunksAsync(new byte[50_000], 4096), 10, 5000, CancellationToken.None);

        status.Should().Be(RequestBodyReader.Status.TooLarge);
    }

    [Fact]
    public async Task ReadAsync_NoBytes_IsEmpty()
    {
        var (status, _) = await RequestBodyReader.ReadAsync(await InChunksAsync([], 1), null, 5000, CancellationToken.None);

        status.Should().Be(RequestBodyReader.Status.Empty);
    }

    [Fact]
    public async Task ReadAsync_Cancelled_Throws()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(new byte[10]);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var read = async () => await RequestBodyReader.ReadAsync(pipe.Reader, null, 5000, cancellation.Token);

        await read.Should().ThrowAsync<OperationCanceledException>();
    }

    private static async Task<PipeReader> InChunksAsync(byte[] bytes, int chunk)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        for (var offset = 0; offset < bytes.Length; offset += chunk)
        {
            await pipe.Writer.WriteAsync(bytes.AsMemory(offset, Math.Min(chunk, bytes.Length - offset)));
        }

        await pipe.Writer.CompleteAsync();
        return pipe.Reader;
    }
}
