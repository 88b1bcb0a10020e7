using System.Buffers;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Wire;

namespace SocialGame.Core.Dispatch;

/// <summary>One operation's handler: decodes its request, runs, answers a response with a result.</summary>
internal interface IHandler
{
    OpDef Op { get; }
    /// <summary>False only for the few operations served before login (system login and heartbeat).</summary>
    bool RequiresLogin { get; }
    /// <summary>
    /// Runs the request: its response when the handler finished at once; otherwise null, and <paramref name="pending"/>
    /// for the caller to await (in its own frame: no state machine of this one in between) and read with
    /// <see cref="ResultOf"/>. A handler's exception is thrown from here or from awaiting <paramref name="pending"/>.
    /// </summary>
    IResponse? Invoke(RequestContext context, ReadOnlyMemory<byte> data, CancellationToken ct, out Task? pending);

    /// <summary>The response of a <c>pending</c> task from <see cref="Invoke"/>, once it completed.</summary>
    IResponse ResultOf(Task pending);

    /// <summary>The answer's data (<see cref="ProtocolSerializer.WriteAnswer(IBufferWriter{byte}, IResponse, string?)"/>),
    /// by the formatter of the handler's own response type when it is one.</summary>
    void WriteAnswer(IBufferWriter<byte> output, IResponse response, string? field);
}

/// <summary>
/// Base of every handler, made for the one operation it serves (whose message types it shares, so a handler
/// for another operation's types does not compile): the request's <c>data</c> is read into
/// <typeparamref name="TRequest"/> (a wrong type anywhere, or a required field left out, answers param_error
/// naming the field before the handler runs), then <see cref="HandleAsync"/>.
/// </summary>
public abstract class Handler<TRequest, TResponse>(OpDef<TRequest, TResponse> op) : IHandler
    where TRequest : new()
    where TResponse : IResponse, new()
{
    public OpDef<TRequest, TResponse> Op { get; } = op;
    OpDef IHandler.Op => Op;
    public virtual bool RequiresLogin => true;

    public IResponse? Invoke(RequestContext context, ReadOnlyMemory<byte> data, CancellationToken ct, out Task? pending)
    {
        pending = null;
        if (!RequestReader.TryRead<TRequest>(data, out var request, out string? badField))
            return Invalid(context, badField ?? RequestReader.WholeData);
        var handled = HandleAsync(context, request, ct);
        if (handled.IsCompletedSuccessfully) return handled.Result;
        // a ValueTask over a Task (an async Task method handed on) gives that task itself
        pending = handled.AsTask();
        return null;
    }

    public IResponse ResultOf(Task pending) => ((Task<TResponse>)pending).GetAwaiter().GetResult();

    public void WriteAnswer(IBufferWriter<byte> output, IResponse response, string? field)
    {
        if (response is TResponse own) ProtocolSerializer.WriteAnswer(output, own, field);
        else ProtocolSerializer.WriteAnswer(output, response, field);
    }

    protected abstract ValueTask<TResponse> HandleAsync(RequestContext context, TRequest request, CancellationToken ct);

    /// <summary>A response carrying only a failure code (its other fields at their defaults).</summary>
    protected static TResponse Fail(Protocol.ResultCode code) => new() { Result = (int)code };

    /// <summary>param_error whose answer names <paramref name="field"/>, the first bad field of the request.</summary>
    protected static TResponse Invalid(RequestContext context, string field)
    {
        context.FailField(field);
        return Fail(Protocol.ResultCode.ParamError);
    }
}
