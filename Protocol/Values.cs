namespace SocialGame.Protocol;

/// <summary>The <c>reason</c> of the system/3 kicked push: why the server is closing this connection.</summary>
public static class KickReason
{
    [Doc("the same account logged in again, here or on another node")] public const string Relogin = "relogin";
    [Doc("a GM kicked the account")] public const string Gm = "gm";
    [Doc("the server is stopping")] public const string Shutdown = "shutdown";
}

/// <summary>Currency names on the wire (wallet balances, prices) and in the ledger.</summary>
public static class Currency
{
    [Doc("gold (金币): gifts, red packets, season-pass gifts")] public const string Gold = "gold";
    [Doc("yuanbao (元宝): what bargain goods cost")] public const string Yuanbao = "yuanbao";
}

/// <summary>The client's device type (login and bargain help <c>devicetype</c>).</summary>
public enum DeviceType
{
    [Doc("any other device")] Other = 0,
    [Doc("iOS")] Ios = 1,
}
