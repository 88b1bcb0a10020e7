using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Player;
using static SocialGame.Protocol.ResultCode;

namespace SocialGame.Protocol.Catalog;

/// <summary>Module 10 <c>player</c>: the player base every activity builds on.</summary>
public static class PlayerProtocol
{
    private const ModuleType M = ModuleType.Player;

    public static readonly OpDef GetProfile = new(M, 1, "getprofile", OpKind.Request, typeof(GetProfileRequest), typeof(GetProfileResponse),
        "A profile: your own when acc is absent.", [Success, ParamError, RedisError, UnknownAccount]);

    public static readonly OpDef GetWallet = new(M, 2, "getwallet", OpKind.Request, typeof(EmptyRequest), typeof(GetWalletResponse),
        "Your balances.", [Success, RedisError]);

    public static readonly OpDef GetInventory = new(M, 3, "getinventory", OpKind.Request, typeof(EmptyRequest), typeof(GetInventoryResponse),
        "Your items; expired items are not listed.", [Success, RedisError]);

    public static readonly OpDef GetFriends = new(M, 4, "getfriends", OpKind.Request, typeof(EmptyRequest), typeof(GetFriendsResponse),
        "Your friend list (the old interface), with online state.", [Success, RedisError]);

    public static readonly OpDef GetInbox = new(M, 5, "getinbox", OpKind.Request, typeof(EmptyRequest), typeof(GetInboxResponse),
        "Your private messages and notifications, newest first.", [Success, RedisError]);

    public static readonly OpDef ReadInbox = new(M, 6, "readinbox", OpKind.Request, typeof(ReadInboxRequest), typeof(ReadInboxResponse),
        "Marks messages read.", [Success, ParamError, RedisError]);

    public static readonly OpDef NewMessage = new(M, 7, "newmessage", OpKind.Push, null, typeof(NewMessagePush),
        "Push: a message arrived in your inbox.", []);

    public static readonly OpDef CreateOrder = new(M, 8, "createorder", OpKind.Request, typeof(CreateOrderRequest), typeof(CreateOrderResponse),
        "Creates an RMB order for a product of the player base; the payment platform's callback fulfils it. A product whose every grant is an item the player already owns for good is refused. " +
        "An order not paid within orderExpireSeconds (player.json, 900) expires; an account holds at most maxUnpaidOrders (5) unpaid orders of every kind at once.",
        [Success, ParamError, AlreadyOwned, TooManyUnpaid, RedisError]);

    public static readonly OpDef Unread = new(M, 9, "unread", OpKind.Push, null, typeof(UnreadPush),
        "Push after login when unread messages wait in the inbox.", []);

    public static IReadOnlyList<OpDef> All { get; } = [GetProfile, GetWallet, GetInventory, GetFriends, GetInbox, ReadInbox, NewMessage, CreateOrder, Unread];
}
