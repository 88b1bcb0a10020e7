namespace SocialGame.Protocol;

/// <summary>
/// One decoded request frame: which handler (<see cref="ModuleType"/>, <see cref="OpId"/>), the optional
/// <see cref="Seq"/> echoed in the response, and the raw MessagePack bytes of <c>data</c>
/// (empty when absent or nil). The bytes are a private copy: the frame buffer is already released.
/// </summary>
public sealed record Envelope(int ModuleType, int OpId, RequestSeq? Seq, ReadOnlyMemory<byte> Data)
{
    /// <summary>
    /// Set when the body was addressable but an envelope field other than module_type/opid was unusable
    /// (a <c>seq</c> that is not an integer): the request is answered param_error naming it, never run.
    /// </summary>
    public string? BadField { get; init; }

    public override string ToString() => $"{ModuleType}/{OpId}" + (Seq is { } s ? $" seq={s}" : "");
}
