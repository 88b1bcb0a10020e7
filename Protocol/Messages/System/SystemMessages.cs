using MessagePack;

namespace SocialGame.Protocol.Messages.System;

[MessagePackObject]
public sealed class LoginRequest
{
    [Key("acc"), Doc("account, 1-64 printable characters")] public string? Acc { get; set; }
    [Key("token"), Doc("\"<expires_unix_seconds>.<hex HMAC-SHA256(secret, acc|expires)>\"")] public string? Token { get; set; }
    [Key("areaid"), Doc("optional area id; must be the server's when given")] public int? AreaId { get; set; }
    [Key("deviceid"), Doc("optional device id")] public string? DeviceId { get; set; }
    [Key("devicetype"), Doc("optional: 1 ios, 0 other")] public int? DeviceType { get; set; }
    [Key("version"), Doc("optional client version, e.g. 3.4.0")] public string? Version { get; set; }
}

[MessagePackObject]
public sealed class LoginResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("acc"), Doc("the logged-in account")] public string Acc { get; set; } = "";
    [Key("servertime"), Doc("server time, unix milliseconds")] public long ServerTime { get; set; }
}

[MessagePackObject]
public sealed class HeartbeatResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("servertime"), Doc("server time, unix milliseconds")] public long ServerTime { get; set; }
}

[MessagePackObject]
public sealed class KickedPush
{
    [Key("reason"), Doc("why, a stable code: relogin, gm, shutdown, idle, flooding, ... (the list: Connection limits and close rules)")] public string Reason { get; set; } = "";
    [Key("text"), Doc("the reason as a text to show: Chinese / English")] public string Text { get; set; } = "";

    public static KickedPush For(string reason) => new() { Reason = reason, Text = Catalog.KickReason.Text(reason) };
}
