namespace DaprShared.FakeKubeApi;

/// <summary>What a <see cref="FaultRule"/> does to a request.</summary>
public enum FaultAction
{
    /// <summary>Answer with a Status error.</summary>
    Fail,

    /// <summary>Answer normally, but late.</summary>
    Delay,

    /// <summary>Abort the connection without an answer.</summary>
    Drop,
}
