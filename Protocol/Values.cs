namespace SocialGame.Protocol;

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
