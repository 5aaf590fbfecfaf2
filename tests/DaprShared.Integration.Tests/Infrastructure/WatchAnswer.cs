using System.Text.Json.Nodes;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>What a watch request got: the HTTP answer when it was refused, else the events read and whether the server
/// ended the stream (rather than the reader stopping after the events it wanted, or its time limit).</summary>
public sealed class WatchAnswer
{
    public WatchAnswer(int status, RawAnswer? refusal, IReadOnlyList<JsonObject> events, bool endedByServer)
    {
        Status = status;
        Refusal = refusal;
        Events = events;
        EndedByServer = endedByServer;
    }

    public int Status { get; }

    /// <summary>The answer of a watch that was not a 200.</summary>
    public RawAnswer? Refusal { get; }

    /// <summary>The <c>{"type","object"}</c> lines.</summary>
    public IReadOnlyList<JsonObject> Events { get; }

    public bool EndedByServer { get; }

    /// <summary>The event lines as <c>TYPE Kind apiVersion name</c> (labels and, for bookmarks, the metadata keys
    /// added) and how the stream ended, or the refusal.</summary>
    public string Describe()
    {
        if (Refusal is not null)
        {
            return Refusal.Describe();
        }

        var events = Events.Select(DescribeEvent);
        return $"{Status} [{string.Join(", ", events)}] {(EndedByServer ? "ended" : "open")}";
    }

    public static string DescribeEvent(JsonObject line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var type = line["type"]?.GetValue<string>();
        var obj = (JsonObject)line["object"]!;
        var text = $"{type} {RawAnswer.DescribeObject(obj)}";
        if (type == "BOOKMARK" && obj["metadata"] is JsonObject metadata)
        {
            text += " {" + string.Join(',', metadata.Select(p => p.Key).Order(StringComparer.Ordinal)) + "}";
        }
        else if (obj["metadata"]?["labels"] is JsonObject labels)
        {
            text += " " + string.Join(',', labels.Select(p => $"{p.Key}={p.Value}"));
        }

        return text;
    }
}
