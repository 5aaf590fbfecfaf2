using System.Buffers;

namespace DaprShared.Webhook.Admission;

/// <summary>A request body in one buffer rented from the shared pool; dispose to return it.</summary>
internal struct RentedBody : IDisposable
{
    private byte[]? array;

    public RentedBody(byte[] array, int length)
    {
        this.array = array;
        Length = length;
    }

    public int Length { get; private set; }

    public readonly ReadOnlyMemory<byte> Memory => array is null ? ReadOnlyMemory<byte>.Empty : array.AsMemory(0, Length);

    public void Dispose()
    {
        var rented = array;
        array = null;
        Length = 0;
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
