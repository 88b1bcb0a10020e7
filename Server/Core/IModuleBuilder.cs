using SocialGame.Core.Admin;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Events;
using SocialGame.Core.Gm;
using SocialGame.Core.Push;
using SocialGame.Core.Storage.Keys;
using SocialGame.Protocol;
using SocialGame.Protocol.Messages;

namespace SocialGame.Core;

/// <summary>
/// What a module registers with the core, once, in <see cref="IGameModule.Register"/>. Everything registered twice
/// (an operation, a GM command, an admin route, a handler name on one event, a key shape, a login check, a room
/// filter, a Lua script) stops the start-up with a message naming the module.
/// </summary>
public interface IModuleBuilder
{
    /// <summary>Serves the handler's operation (its <c>OpDef</c>, whose message types are the handler's).</summary>
    void Handle<TRequest, TResponse>(Handler<TRequest, TResponse> handler)
        where TRequest : new()
        where TResponse : IResponse, new();

    /// <summary>A GM chat command (<c>//gm name args</c>).</summary>
    void GmCommand(IGmCommand command);

    /// <summary>An admin HTTP route for operators of <paramref name="minimumRole"/> or above.</summary>
    void AdminRoute(IAdminRoute route, OperatorRole minimumRole);

    /// <summary>An admin HTTP route without operator authentication: it checks its caller itself (e.g. a signature).</summary>
    void UnauthenticatedAdminRoute(IAdminRoute route);

    /// <summary>Handles a domain event of this node (see <see cref="IDomainEvents"/> for the failure policy).</summary>
    void Subscribe<T>(string name, Func<T, CancellationToken, Task> handler) where T : class;

    /// <summary>Handles the events of a topic of other systems (Kafka, or in-process without brokers); handlers are idempotent.</summary>
    void Subscribe<T>(EventTopic<T> topic, string name, Func<T, EventContext, CancellationToken, Task> handler) where T : class;

    /// <summary>A check every login runs after its token and before the account is bound (the first refusal answers).</summary>
    void LoginCheck(string name, Func<string, Task<ResultCode>> check);

    /// <summary>A filter a room push may name to reach only some of the room's members.</summary>
    void RoomFilter(string name, RoomMemberFilter filter);

    /// <summary>
    /// The module's key space: the shapes of every Redis key and pub/sub channel it builds (its keys type's
    /// <c>Patterns</c> and <c>Channels</c>). A shape that overlaps another module's stops the start-up.
    /// </summary>
    void KeySpace(IReadOnlyList<KeyPattern> keys, IReadOnlyList<KeyPattern>? channels = null);

    /// <summary>
    /// The data the module keeps about an account and what deleting the account does to it; <paramref name="entryEraser"/>
    /// removes the account from keys shared with others (its <see cref="AccountDataPlace.Entries"/> declarations).
    /// </summary>
    /// <remarks>With <see cref="AccountEraseOrder.Last"/> the step runs after every other module's (the ledger closing).</remarks>
    void AccountData(IEnumerable<AccountData> entries, Func<string, Task>? entryEraser = null,
        AccountEraseOrder order = AccountEraseOrder.Normal);

    /// <summary>
    /// Background work: <paramref name="pass"/> runs every <paramref name="period"/> on this node, from the node's start (once
    /// every module has started) until just before the module stops. A failed pass is logged and the next runs on time; a pass
    /// must be safe to repeat and to run on two nodes at once (<see cref="Jobs.PeriodicJob"/>). A name registered twice stops
    /// the start-up.
    /// </summary>
    void Job(string name, TimeSpan period, Func<CancellationToken, Task> pass);

    /// <summary>
    /// The Lua scripts the module's classes registered in the script registry, by name (the <c>.lua</c> file's name
    /// without the extension). A script declared by two modules, a declared script that is not registered, or a
    /// registered script no module declared stops the start-up with a message naming the module and the script.
    /// </summary>
    void Scripts(params string[] names);
}
