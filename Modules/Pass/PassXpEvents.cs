using SocialGame.Core.Sessions;
using SocialGame.Core.Time;
using SocialGame.Modules.Bargain;
using SocialGame.Modules.RedPacket;
using SocialGame.Modules.Room.Gifts;

namespace SocialGame.Modules.Pass;

/// <summary>
/// The domain events that earn season XP, each counted once by its natural id (a retried or repeated event adds nothing):
/// the business day of a login, the gift request, the red packet, the bargain help.
/// </summary>
internal sealed class PassXpEvents(PassSeason season, BusinessCalendar calendar)
{
    private PassXpSources Sources => season.Options.XpSources;

    public Task OnLoginAsync(AccountLoggedIn e) => e.Session.Account is { } acc
        ? (Task)season.AddXpAsync(acc, "login", Sources.Login, "login:" + calendar.Today, 1)
        : Task.CompletedTask;

    public Task OnGiftSentAsync(GiftSent e) => season.AddXpAsync(e.From, "giftGold", Sources.GiftGold, "gift:" + e.ReqId, e.Gold);

    public Task OnRedPacketOpenedAsync(RedPacketOpened e) =>
        season.AddXpAsync(e.Sender, "redPacket", Sources.RedPacket, "redpacket:" + e.PacketId, 1);

    public Task OnBargainHelpedAsync(BargainHelped e) =>
        season.AddXpAsync(e.Helper, "bargainHelp", Sources.BargainHelp, $"bargain:{e.ActId}:{e.Code}:{e.Idx}", 1);
}
