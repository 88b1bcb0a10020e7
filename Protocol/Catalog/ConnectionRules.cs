namespace SocialGame.Protocol.Catalog;

/// <summary>
/// The connection limits' defaults: the server's options start from these and the shipped
/// <c>Config/server.json</c> sets the same values (a test keeps them equal), so the protocol document can list them.
/// </summary>
public static class ConnectionDefaults
{
    public const int MaxFrameLength = 65536;
    public const int FrameTimeoutSeconds = 10;
    public const int IdleSeconds = 90;
    public const int LoginTimeoutSeconds = 30;
    public const int RatePerSecond = 20;
    public const int Burst = 40;
    public const int CloseAfterRejected = 200;
    public const int HelpMinIntervalMs = 1000;
    public const int GetGoodsMinIntervalMs = 1000;
    public const int LoginsPerIpPerMinute = 60;
    public const int LoginsPerAccountPerMinute = 10;
    public const int MaxQueuedPerSession = 128;
    public const int MaxPendingBytes = 1024 * 1024;
    public const int MaxConnections = 20000;
    public const int MaxConnectionsPerIp = 200;
    public const int MaxNotLoggedIn = 2000;
    public const int MaxNotLoggedInPerIp = 32;
}

/// <summary>
/// The <c>reason</c> of the <c>1/3 kicked</c> push the server sends before every close it decides: a stable code a
/// client switches on, with a text (Chinese, then English) it can show as is in the push's <c>text</c>.
/// </summary>
public static class KickReason
{
    public const string Relogin = "relogin";
    public const string Gm = "gm";
    public const string Shutdown = "shutdown";
    public const string AccountCancelled = "account_cancelled";
    public const string BadToken = "bad_token";
    public const string Idle = "idle";
    public const string LoginTimeout = "login_timeout";
    public const string Flooding = "flooding";
    public const string QueueOverflow = "queue_overflow";
    public const string SlowReader = "slow_reader";
    public const string MalformedFrame = "malformed_frame";
    public const string FrameTimeout = "frame_timeout";
    public const string ServerFull = "server_full";
    public const string TooManyFromIp = "too_many_from_ip";
    public const string LoginFailed = "login_failed";

    /// <summary>Every reason: code, the text sent with it, and when it is sent.</summary>
    public static IReadOnlyList<(string Reason, string Text, string When)> All { get; } =
    [
        (Relogin, "账号已在别处登录 / The account logged in elsewhere", "a newer login of the same account, on any node"),
        (Gm, "已被管理员断开 / Disconnected by a game master", "a GM's `kick`"),
        (Shutdown, "服务器维护中，请稍后重连 / The server is stopping, reconnect shortly", "the node stops (after answering requests in flight)"),
        (AccountCancelled, "账号已注销 / The account has been cancelled", "the account's cancellation took effect"),
        (BadToken, "登录凭证无效或已过期 / The login token is invalid or expired", "after the `bad_token` answer of a login"),
        (Idle, "长时间没有通信，连接已断开 / Nothing received for too long", "nothing received for `idleSeconds`"),
        (LoginTimeout, "连接后未及时登录 / Not logged in in time", "not logged in `loginTimeoutSeconds` after connecting"),
        (Flooding, "请求过于频繁，连接已断开 / Far too many requests",
            "more than `rateLimit.closeAfterRejected` requests refused `click_too_fast` within a minute"),
        (QueueOverflow, "等待应答的请求过多 / Too many requests waiting for answers",
            "more than `maxQueuedPerSession` requests waiting for their answers"),
        (SlowReader, "接收过慢，连接已断开 / The client is not reading its data",
            "more than `outbound.maxPendingBytes` waiting to be sent to the client"),
        (MalformedFrame, "收到无法解析的数据 / A frame could not be read",
            "a frame of length 0 or above `maxFrameLength`, or a body that is not a valid envelope"),
        (FrameTimeout, "数据未在规定时间内收完 / A frame was not completed in time", "a frame begun and not complete within `frameTimeoutSeconds`"),
        (ServerFull, "服务器连接已满，请稍后再试 / The server is full, try again later",
            "at connect: `connections.max` open, or `connections.maxNotLoggedIn` not logged in"),
        (TooManyFromIp, "该地址连接过多，请稍后再试 / Too many connections from this address",
            "at connect: `connections.maxPerIp` open, or `connections.maxNotLoggedInPerIp` not logged in, from the client's IP"),
        (LoginFailed, "登录未完成，请重新连接 / The login could not be completed, reconnect",
            "after the `redis_error` (or `server_error`) answer of a login whose steps (profile, mail, online event) did not all succeed"),
    ];

    private static readonly Dictionary<string, string> Texts = All.ToDictionary(r => r.Reason, r => r.Text, StringComparer.Ordinal);

    /// <summary>The text shown for <paramref name="reason"/>; a reason outside the list gets a general one.</summary>
    public static string Text(string reason) => Texts.GetValueOrDefault(reason, "连接已被服务器关闭 / The server closed the connection");
}
