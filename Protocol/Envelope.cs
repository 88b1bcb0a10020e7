namespace SocialGame.Protocol;

/// <summary>
/// One decoded request frame: which handler (<see cref="ModuleType"/>, <see cref="OpId"/>), the optional
/// <see cref="Seq"/> echoed in the response, and the raw MessagePack bytes of <c>data</c>
/// (empty when absent or nil). The bytes are a private copy: the frame buffer is already released.
/// </summary>
public sealed record Envelope(int ModuleType, int OpId, long? Seq, ReadOnlyMemory<byte> Data)
{
    public override string ToString() => $"{ModuleType}/{OpId}" + (Seq is { } s ? $" seq={s}" : "");
}
