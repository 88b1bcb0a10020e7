using SocialGame.Core.Dispatch;
using SocialGame.Core.Sessions;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Player;

namespace SocialGame.Modules.Player.Handlers;

/// <summary>player/4 getfriends: the friend list with profiles and whether each is online on any node.</summary>
internal sealed class GetFriendsHandler(Friends friends, Profiles profiles, SessionService sessions)
    : Handler<EmptyRequest, GetFriendsResponse>(PlayerProtocol.GetFriends)
{
    protected override async ValueTask<GetFriendsResponse> HandleAsync(RequestContext context, EmptyRequest request, CancellationToken ct)
    {
        var list = await friends.ListAsync(context.Account).ConfigureAwait(false);
        var infos = await profiles.GetManyAsync(list).ConfigureAwait(false);
        var online = await Task.WhenAll(list.Select(sessions.LocateAsync)).ConfigureAwait(false);
        return new GetFriendsResponse
        {
            Friends = list.Select((acc, i) => new FriendInfo
            {
                Acc = acc,
                Nickname = infos.GetValueOrDefault(acc)?.Nickname ?? acc,
                Head = infos.GetValueOrDefault(acc)?.Head ?? "",
                Sex = infos.GetValueOrDefault(acc)?.Sex ?? 0,
                Online = online[i] is not null,
            }).ToList(),
        };
    }
}
