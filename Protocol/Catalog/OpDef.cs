using SocialGame.Protocol.Messages;

namespace SocialGame.Protocol.Catalog;

public enum OpKind
{
    /// <summary>The client sends a request and gets one response with the same module, opid and seq.</summary>
    Request,
    /// <summary>The server sends it unasked; no seq.</summary>
    Push,
}

/// <summary>
/// One operation of the wire protocol: its number, name, message types and the result codes it may answer.
/// Always an <see cref="OpDef{TRequest,TResponse}"/> (a request) or a <see cref="PushDef{T}"/> (a push), so
/// a handler, a push or a test client that uses it with other message types does not compile. The protocol
/// document and the Lua tables are generated from these definitions.
/// </summary>
/// <param name="RequestType">The request's type; null for a push.</param>
/// <param name="ResponseType">The response's type, or the push's message type.</param>
public abstract record OpDef(
    ModuleType Module,
    int OpId,
    string Name,
    OpKind Kind,
    Type? RequestType,
    Type ResponseType,
    string Doc,
    IReadOnlyList<ResultCode> Results)
{
    public sealed override string ToString() => $"{Module}.{Name} ({(int)Module}/{OpId})";
}

/// <summary>A request the client sends with a <typeparamref name="TRequest"/> and answered by a <typeparamref name="TResponse"/>.</summary>
public sealed record OpDef<TRequest, TResponse>(ModuleType Module, int OpId, string Name, string Doc, IReadOnlyList<ResultCode> Results)
    : OpDef(Module, OpId, Name, OpKind.Request, typeof(TRequest), typeof(TResponse), Doc, Results)
    where TRequest : new()
    where TResponse : IResponse, new();

/// <summary>A message of type <typeparamref name="T"/> the server sends unasked.</summary>
public sealed record PushDef<T>(ModuleType Module, int OpId, string Name, string Doc, IReadOnlyList<ResultCode> Results)
    : OpDef(Module, OpId, Name, OpKind.Push, null, typeof(T), Doc, Results)
    where T : class;
