using System.Buffers;
using System.IO.Pipelines;

namespace DaprShared.Webhook.Admission;

/// <summary>Reads a request body into one pooled buffer, enforcing the size limit while reading, so a chunked body
/// or a Content-Length that lies cannot make us hold more than the limit.</summary>
internal static class RequestBodyReader
{
    // Enough for a typical pod's AdmissionReview; a chunked body bigger than this grows the rented buffer.
    private const int InitialCapacity = 16 * 1024;

    public enum Status
    {
        Read,
        Empty,
        TooLarge,
    }

    /// <param name="reader">The request body.</param>
    /// <param name="declaredLength">Content-Length, when sent: sizes the buffer exactly.</param>
    /// <param name="limit">The most bytes accepted.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    public static async ValueTask<(Status Status, RentedBody Body)> ReadAsync(
        PipeReader reader, long? declaredLength, int limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(declaredLength is > 0 && declaredLength <= limit ? (int)declaredLength : Math.Min(InitialCapacity, limit));
        var length = 0;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken);
                var data = read.Buffer;
                if (data.Length > limit - length)
                {
                    reader.AdvanceTo(data.End);
                    ArrayPool<byte>.Shared.Return(buffer);
                    return (Status.TooLarge, default);
                }

                var needed = length + (int)data.Length;
                if (needed > buffer.Length)
                {
                    buffer = Grow(buffer, length, needed, limit);
                }

                data.CopyTo(buffer.AsSpan(length));
                length = needed;
                reader.AdvanceTo(data.End);

                if (read.IsCompleted)
                {
                    break;
                }

                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        if (length == 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return (Status.Empty, default);
        }

        return (Status.Read, new RentedBody(buffer, length));
    }

    private static byte[] Grow(byte[] buffer, int length, int needed, int limit)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, (int)Math.Min((long)buffer.Length * 2, limit)));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
