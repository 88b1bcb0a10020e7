using System.Collections.Frozen;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;

namespace SocialGame.Core.Dispatch;

/// <summary>
/// (module_type, opid) -> handler, built once at start-up. A duplicate key or an operation missing from
/// the protocol catalogue stops the start-up (a handler's message types are its operation's by construction).
/// </summary>
internal sealed class HandlerTable
{
    private readonly Dictionary<(int, int), IHandler> _building = [];
    private FrozenDictionary<(int, int), IHandler>? _frozen;

    /// <summary>Registers a handler under its operation (whose message types are the handler's by construction).</summary>
    public void Add<TRequest, TResponse>(Handler<TRequest, TResponse> handler)
        where TRequest : new()
        where TResponse : IResponse, new()
    {
        if (_frozen is not null) throw new InvalidOperationException("handler table is already frozen");
        var op = handler.Op;
        var key = ((int)op.Module, op.OpId);
        if (_building.TryGetValue(key, out var existing))
            throw new InvalidOperationException($"duplicate handler for {op}: {existing.GetType().Name} and {handler.GetType().Name}");
        if (!ProtocolCatalog.All.Contains(op) && !AllowUncatalogued)
            throw new InvalidOperationException($"{op} is not in the protocol catalogue");
        _building.Add(key, handler);
    }

    /// <summary>Tests may register operations outside the catalogue (e.g. a handler that throws).</summary>
    public bool AllowUncatalogued { get; init; }

    public void Freeze() => _frozen ??= _building.ToFrozenDictionary();

    /// <summary>Every registered handler, once the table is frozen.</summary>
    public IEnumerable<IHandler> Handlers => (_frozen ?? throw new InvalidOperationException("handler table is not frozen yet")).Values;

    public int Count => (_frozen ?? (IReadOnlyDictionary<(int, int), IHandler>)_building).Count;

    public bool TryGet(int module, int opid, out IHandler handler)
    {
        var table = _frozen ?? throw new InvalidOperationException("handler table is not frozen yet");
        return table.TryGetValue((module, opid), out handler!);
    }
}
