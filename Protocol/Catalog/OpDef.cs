namespace SocialGame.Protocol.Catalog;

public enum OpKind
{
    /// <summary>The client sends a request and gets one response with the same module, opid and seq.</summary>
    Request,
    /// <summary>The server sends it unasked; no seq.</summary>
    Push,
}

/// <summary>
/// One operation of the wire protocol: its number, name, request and response types and the result
/// codes it may answer. Handlers name their <see cref="OpDef"/>; the dispatcher checks the types match;
/// the protocol document and the Lua tables are generated from these definitions.
/// </summary>
public sealed record OpDef(
    ModuleType Module,
    int OpId,
    string Name,
    OpKind Kind,
    Type? RequestType,
    Type ResponseType,
    string Doc,
    IReadOnlyList<ResultCode> Results)
{
    public override string ToString() => $"{Module}.{Name} ({(int)Module}/{OpId})";
}
