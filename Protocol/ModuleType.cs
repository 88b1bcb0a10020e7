namespace SocialGame.Protocol;

/// <summary>Module numbers on the wire. 1-9 are fixed by the contract; other modules use 10 and up.</summary>
public enum ModuleType
{
    [Doc("login, heartbeat, kick")] System = 1,
    [Doc("GM chat commands")] Gm = 2,
    [Doc("the bargain (brewing, 煮酒) activity")] Bargain = 6,
    [Doc("player base: profile, wallet, inventory, friends, inbox, RMB orders")] Player = 10,
    [Doc("account cancellation with a cooling period")] Account = 11,
    [Doc("season pass: entry state and gifting to friends")] Pass = 12,
    [Doc("live rooms: membership, broadcasts, gifts")] Room = 13,
    [Doc("chat-room pendants: pull, trigger and progress pushes")] Pendant = 14,
    [Doc("red packets in live rooms")] RedPacket = 15,
    [Doc("stores (VIP store, aquarium store): catalogue, eligibility, purchases; the RMB product catalogue")] Store = 16,
    [Doc("live activities (e.g. the VIP ice-snow festival): banners, rules, window pushes")] Activity = 17,
    [Doc("the Pandora box of a live session: energy from gifts, levels the owner opens, draws for the members")] Pandora = 19,
    [Doc("charm and wealth rankings, their settlement and rewards")] Rank = 18,
}
