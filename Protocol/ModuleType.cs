namespace SocialGame.Protocol;

/// <summary>Module numbers on the wire. 1-9 are fixed by the contract; other modules use 10 and up.</summary>
public enum ModuleType
{
    [Doc("login, heartbeat, kick")] System = 1,
    [Doc("GM chat commands")] Gm = 2,
    [Doc("the bargain (brewing, 煮酒) activity")] Bargain = 6,
    [Doc("player base: profile, wallet, inventory, friends, inbox, RMB orders")] Player = 10,
}
