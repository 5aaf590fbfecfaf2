using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace DaprShared.FakeKubeApi;

/// <summary>One change in the store, kept in the history that watches resume from.</summary>
internal sealed record StoreEvent(long ResourceVersion, ResourceType Type, string Namespace, string Name, string Kind, JsonObject? Old, JsonObject Object);

/// <summary>One line of a watch stream: <c>{"type": ..., "object": ...}</c>, or the end of the stream.</summary>
internal sealed record WatchMessage(string Type, JsonObject Object);

/// <summary>An open watch: receives the store's changes that match its filters, in order.</summary>
/// <remarks>Label-filtered watches see an object that starts matching as ADDED and one that stops matching as
/// DELETED (with its previous, matching state), like the real server's watch cache.</remarks>
internal sealed class WatchSubscription
{
    private readonly Channel<WatchMessage> channel = Channel.CreateUnbounded<WatchMessage>(new UnboundedChannelOptions { SingleReader = true });

    public WatchSubscription(ResourceType type, string? @namespace, LabelSelector labels, FieldSelector fields)
    {
        Type = type;
        Namespace = @namespace;
        Labels = labels;
        Fields = fields;
    }

    public ResourceType Type { get; }

    public string? Namespace { get; }

    public LabelSelector Labels { get; }

    public FieldSelector Fields { get; }

    public ChannelReader<WatchMessage> Reader => channel.Reader;

    public bool Matches(JsonObject obj, string @namespace) =>
        (Namespace is null || Namespace == @namespace) && Labels.Matches(obj) && Fields.Matches(obj);

    /// <summary>Called under the store lock, so every subscriber sees events in resourceVersion order.</summary>
    public void Offer(StoreEvent change)
    {
        if (change.Type != Type)
        {
            return;
        }

        var matchesNow = Matches(change.Object, change.Namespace);
        var matchedBefore = change.Old is not null && Matches(change.Old, change.Namespace);
        var type = change.Kind switch
        {
            "ADDED" => matchesNow ? "ADDED" : null,
            "DELETED" => matchesNow ? "DELETED" : null,
            _ when matchesNow && matchedBefore => "MODIFIED",
            _ when matchesNow => "ADDED",
            _ when matchedBefore => "DELETED",
            _ => null,
        };

        if (type is null)
        {
            return;
        }

        // An object that stops matching leaves the filtered watch as DELETED carrying its last matching state at the
        // new resourceVersion, as the watch cache sends it.
        var leaving = type == "DELETED" && change.Kind != "DELETED";
        var obj = (JsonObject)(leaving ? change.Old! : change.Object).DeepClone();
        if (leaving && obj["metadata"] is JsonObject metadata)
        {
            metadata["resourceVersion"] = change.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        channel.Writer.TryWrite(new WatchMessage(type, obj));
    }

    public void OfferInitial(JsonObject obj) => channel.Writer.TryWrite(new WatchMessage("ADDED", (JsonObject)obj.DeepClone()));

    public void OfferBookmark(long resourceVersion) =>
        channel.Writer.TryWrite(new WatchMessage("BOOKMARK", new JsonObject
        {
            ["kind"] = Type.Kind,
            ["apiVersion"] = Type.ApiVersion,
            // Exactly what kube-apiserver writes: an empty object of the kind with only the version (Go's zero time
            // serializes as a null creationTimestamp).
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["creationTimestamp"] = null,
            },
        }));

    /// <summary>Sends <c>ERROR</c> with a 410 Gone Status and ends the stream, as the real server does when the
    /// watch falls behind the compacted history.</summary>
    public void Expire(string message)
    {
        channel.Writer.TryWrite(new WatchMessage("ERROR", ApiError.Gone(message).ToStatus()));
        channel.Writer.TryComplete();
    }

    /// <summary>Ends the stream cleanly, like a watch timeout.</summary>
    public void Close() => channel.Writer.TryComplete();
}
