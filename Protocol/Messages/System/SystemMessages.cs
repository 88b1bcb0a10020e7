using MessagePack;

namespace SocialGame.Protocol.Messages.System;

[MessagePackObject]
public sealed class LoginRequest
{
    [Key("acc"), Doc("account, 1-64 characters; none of { } \" : * ? [ ], backslash, vertical bar, whitespace, control, zero-width or " +
        "bidi characters (else param_error; see Accounts)")] public string? Acc { get; set; }
    [Key("token"), Doc("\"<expires_unix_seconds>.<hex HMAC-SHA256(secret, acc|expires)>\"")] public string? Token { get; set; }
    [Key("areaid"), Optional, Doc("area id; must be the server's when given")] public int? AreaId { get; set; }
    [Key("deviceid"), Optional, Doc("device id (at most 128 characters, no control characters)")] public string? DeviceId { get; set; }
    [Key("devicetype"), Optional, Doc("DeviceType: 1 ios, 0 other")] public int? DeviceType { get; set; }
    [Key("version"), Optional, Doc("client version, e.g. 3.4.0 (at most 32 characters)")] public string? Version { get; set; }
    [Key("lang"), Optional, Doc("the client's language, e.g. zh-CN or en-US (at most 16 characters); texts the server sends for this " +
        "login are English when it starts with \"en\", else Chinese")] public string? Lang { get; set; }
}

[MessagePackObject]
public sealed class LoginResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("acc"), Doc("the logged-in account")] public string Acc { get; set; } = "";
    [Key("servertime"), Doc("server time, unix milliseconds")] public long ServerTime { get; set; }
    [Key("protocol"), Doc("the server's protocol version; compare with PROTOCOL_VERSION of the Lua constants you were built with")]
    public string Protocol { get; set; } = "";
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
    [Key("reason"), Doc("why, a stable code: relogin, gm, shutdown, idle, flooding, ... (the list: Connection limits and close rules)")]
    public string Reason { get; set; } = "";
    [Key("text"), Doc("the reason as a text to show: Chinese / English")] public string Text { get; set; } = "";

    public static KickedPush For(string reason) => new() { Reason = reason, Text = Catalog.KickReason.Text(reason) };
}
