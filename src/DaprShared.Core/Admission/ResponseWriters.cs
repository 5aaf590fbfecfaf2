using System.Buffers;
using System.Text.Json;

namespace DaprShared.Core.Admission;

/// <summary>The two <see cref="Utf8JsonWriter"/>s and the patch buffer one response needs, kept per thread and reset
/// for each response: creating them for every review cost more than writing a small response. Rented and returned
/// around one synchronous write, so a thread never shares them; a patch buffer that grew past
/// <see cref="MaxKeptPatchBytes"/> (a very large pod) is given back to the pool rather than kept.</summary>
internal sealed class ResponseWriters
{
    private const int MaxKeptPatchBytes = 64 * 1024;

    [ThreadStatic]
    private static ResponseWriters? cached;

    private ResponseWriters()
    {
        PatchBytes = new PooledBufferWriter();
        Response = new Utf8JsonWriter(PatchBytes);
        Patch = new Utf8JsonWriter(PatchBytes);
    }

    /// <summary>Writes the response to the output given to <see cref="Rent"/>.</summary>
    public Utf8JsonWriter Response { get; }

    /// <summary>Writes the JSON Patch document into <see cref="PatchBytes"/>.</summary>
    public Utf8JsonWriter Patch { get; }

    public PooledBufferWriter PatchBytes { get; private set; }

    public static ResponseWriters Rent(IBufferWriter<byte> output)
    {
        var writers = cached ?? new ResponseWriters();
        cached = null;
        writers.PatchBytes.Clear();
        writers.Response.Reset(output);
        writers.Patch.Reset(writers.PatchBytes);
        return writers;
    }

    public static void Return(ResponseWriters writers)
    {
        // Let go of the caller's output; start the next response with a small patch buffer if this one grew large.
        writers.Response.Reset(writers.PatchBytes);
        if (writers.PatchBytes.Capacity > MaxKeptPatchBytes)
        {
            writers.PatchBytes.Dispose();
            writers.PatchBytes = new PooledBufferWriter();
        }

        writers.Patch.Reset(writers.PatchBytes);
        cached = writers;
    }
}
