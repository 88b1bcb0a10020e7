using SocialGame.Core.Push;
using SocialGame.Core.Sessions;
using SocialGame.Modules.Player;
using SocialGame.Modules.Room;
using SocialGame.Protocol.Catalog;

namespace SocialGame.Modules.Pendant;

/// <summary>
/// Pendant pushes to a room, through the message router: one room push with the pendant's member filter, so each node
/// holding members of the room delivers to those of them who may see the pendant (business aside, a pendant has
/// visibility rules: client version, VIP level, owner only), and a rule-restricted pendant never reaches a member it is
/// hidden from. A room's pushes arrive in publish order, so a show is delivered before the progress that follows it,
/// and a gift's message before the pendant it triggers.
/// </summary>
internal sealed class PendantCaster(MessageRouter router, PendantStore store, RoomService rooms, Profiles profiles)
{
    /// <summary>The member filter's name, registered with the router by the module on every node.</summary>
    public const string FilterName = "pendant";

    /// <summary>Sends a push about a pendant to the room's members (on every node) who may see it.</summary>
    public Task PublishAsync<T>(string roomId, PendantDef def, PushDef<T> push, T data) where T : class =>
        router.ToRoomAsync(roomId, push, data, new RoomFilter(FilterName, def.Id));

    /// <summary>The members on this node who may see pendant <paramref name="pendantId"/>; a hide of a pendant deleted since reaches them
    /// all.</summary>
    public async Task<IEnumerable<ISession>> VisibleToAsync(string roomId, string pendantId, int opId, IReadOnlyList<ISession> members)
    {
        var def = store.Find(pendantId);
        if (def is null)
        {
            // Created on another node a moment ago, and this node has not heard of it yet.
            await store.ReloadAsync().ConfigureAwait(false);
            def = store.Find(pendantId);
        }
        if (def is null || !def.Enabled) return opId == PendantProtocol.Hide.OpId ? members : [];
        var audience = await AudienceAsync(roomId, members.Select(s => s.Account!).ToList(), [def]).ConfigureAwait(false);
        return members.Where(s => audience(def, s.Account!, s.Login?.Version));
    }

    /// <summary>
    /// Who of <paramref name="accounts"/> may see which of <paramref name="defs"/>: VIP levels and the room's owner
    /// are read only when one of the pendants asks for them.
    /// </summary>
    public async Task<Func<PendantDef, string, string?, bool>> AudienceAsync(string roomId, IReadOnlyCollection<string> accounts,
        IReadOnlyCollection<PendantDef> defs)
    {
        var vip = defs.Any(d => d.MinVipLevel > 0)
            ? (await profiles.GetManyAsync(accounts).ConfigureAwait(false)).ToDictionary(p => p.Key, p => p.Value.VipLevel)
            : [];
        string? owner = defs.Any(d => d.OwnerOnly) ? (await rooms.InfoAsync(roomId).ConfigureAwait(false))?.Owner : null;
        return (def, acc, version) => def.VisibleTo(version, vip.GetValueOrDefault(acc), owner == acc);
    }
}
