using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Player;
using static SocialGame.Protocol.ResultCode;

namespace SocialGame.Protocol.Catalog;

/// <summary>Module 10 <c>player</c>: the player base every activity builds on.</summary>
public static class PlayerProtocol
{
    private const ModuleType M = ModuleType.Player;

    public static readonly OpDef<GetProfileRequest, GetProfileResponse> GetProfile = new(M, 1, "getprofile",
        "A profile: your own when acc is absent.", [Success, ParamError, RedisError, UnknownAccount]);

    public static readonly OpDef<EmptyRequest, GetWalletResponse> GetWallet = new(M, 2, "getwallet",
        "Your balances.", [Success, RedisError]);

    public static readonly OpDef<EmptyRequest, GetInventoryResponse> GetInventory = new(M, 3, "getinventory",
        "Your items; expired items are not listed.", [Success, RedisError]);

    public static readonly OpDef<EmptyRequest, GetFriendsResponse> GetFriends = new(M, 4, "getfriends",
        "Your friend list (the old interface), with online state.", [Success, RedisError]);

    public static readonly OpDef<EmptyRequest, GetInboxResponse> GetInbox = new(M, 5, "getinbox",
        "Your private messages and notifications, newest first.", [Success, RedisError]);

    public static readonly OpDef<ReadInboxRequest, ReadInboxResponse> ReadInbox = new(M, 6, "readinbox",
        "Marks messages read.", [Success, ParamError, RedisError]);

    public static readonly PushDef<NewMessagePush> NewMessage = new(M, 7, "newmessage",
        "Push: a message arrived in your inbox.", []);

    public static readonly OpDef<CreateOrderRequest, CreateOrderResponse> CreateOrder = new(M, 8, "createorder",
        "Creates an RMB order for a product of the player base; the payment platform's callback fulfils it. A product whose every grant " +
        "is an item the player already owns for good is refused. An order not paid within orderExpireSeconds (player.json, 900) expires; " +
        "an account holds at most maxUnpaidOrders (5) unpaid orders of every kind at once.",
        [Success, ParamError, AlreadyOwned, TooManyUnpaid, RedisError]);

    public static readonly PushDef<UnreadPush> Unread = new(M, 9, "unread",
        "Push after login when unread messages wait in the inbox.", []);

    public static IReadOnlyList<OpDef> All { get; } = [GetProfile, GetWallet, GetInventory, GetFriends, GetInbox, ReadInbox, NewMessage,
        CreateOrder, Unread];
}
