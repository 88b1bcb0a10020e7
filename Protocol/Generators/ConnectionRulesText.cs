using System.Globalization;
using System.Text;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Wire;
using D = SocialGame.Protocol.Catalog.ConnectionDefaults;

namespace SocialGame.Protocol.Generators;

/// <summary>The protocol document's section on answer order, the connection limits and the close rules.</summary>
public static class ConnectionRulesText
{
    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>(limit, default, setting in server.json, what happens beyond it)</summary>
    private static IEnumerable<(string Limit, string Default, string Setting, string Beyond)> Limits() =>
    [
        ("frame body size", $"{N(D.MaxFrameLength)} bytes (0 is malformed too)", "`maxFrameLength`", "kicked `malformed_frame`, closed"),
        ("a frame begun must be complete within", $"{D.FrameTimeoutSeconds} s", "`frameTimeoutSeconds`", "kicked `frame_timeout`, closed"),
        ("nesting depth inside a body", $"{EnvelopeCodec.MaxDepth}", "-", "kicked `malformed_frame`, closed"),
        ("`seq` (optional)", "any integer from -2^63 to 2^64-1 (or a float of whole value), echoed byte for byte", "-",
            "another type: `param_error` with `field` `seq`; the connection stays"),
        ("silence (send a heartbeat, 1/2, well within it: every 30 s is safe)", $"{D.IdleSeconds} s", "`idleSeconds`",
            "kicked `idle`, closed"),
        ("log in after connecting within (heartbeats do not extend it)", $"{D.LoginTimeoutSeconds} s", "`loginTimeoutSeconds`",
            "kicked `login_timeout`, closed"),
        ("requests: per connection before login, per account after it", $"{D.RatePerSecond} per second, burst {D.Burst}",
            "`rateLimit.ratePerSecond`, `rateLimit.burst`", "`click_too_fast`, not run"),
        ("minimum interval of one operation, per account",
            $"6/4 help {N(D.HelpMinIntervalMs)} ms, 6/5 getgoods {N(D.GetGoodsMinIntervalMs)} ms", "`rateLimit.minIntervalMs`",
            "`click_too_fast`, not run"),
        ("requests refused `click_too_fast` within a minute", $"{D.CloseAfterRejected}", "`rateLimit.closeAfterRejected`",
            "kicked `flooding`, closed"),
        ("login attempts per client IP (every attempt counts)", $"{D.LoginsPerIpPerMinute} per minute", "`rateLimit.loginsPerIpPerMinute`",
            "the login answers `click_too_fast`; the connection stays"),
        ("logins per account (with a valid token)", $"{D.LoginsPerAccountPerMinute} per minute", "`rateLimit.loginsPerAccountPerMinute`",
            "the login answers `click_too_fast`; the connection stays"),
        ("requests waiting for their answers on one connection (refused ones included)", $"{D.MaxQueuedPerSession}",
            "`maxQueuedPerSession`", "kicked `queue_overflow`, closed"),
        ("bytes waiting to be sent to one connection", $"{N(D.MaxPendingBytes)}", "`outbound.maxPendingBytes`",
            "kicked `slow_reader`, closed"),
        ("open connections per node", N(D.MaxConnections), "`connections.max`", "kicked `server_full` at connect, closed"),
        ("open connections per client IP", N(D.MaxConnectionsPerIp), "`connections.maxPerIp`",
            "kicked `too_many_from_ip` at connect, closed"),
        ("connections not logged in, per node", N(D.MaxNotLoggedIn), "`connections.maxNotLoggedIn`",
            "kicked `server_full` at connect, closed"),
        ("connections not logged in, per client IP", N(D.MaxNotLoggedInPerIp), "`connections.maxNotLoggedInPerIp`",
            "kicked `too_many_from_ip` at connect, closed"),
    ];

    public static void Append(StringBuilder sb)
    {
        sb.Append("## Answer order, connection limits and close rules\n\n");
        sb.Append("Answers on one connection leave in the order of the requests, whatever decided them: the handler, the rate ");
        sb.Append("limiter (`click_too_fast`), the login gate (`not_logged_in`), an unknown operation (`unknown_op`) or a stopping ");
        sb.Append("server (`server_busy`). Pushes may come between answers. A client may match answers by order as well as by `seq`.\n\n");
        sb.Append("Every close the server decides is preceded by the push `1/3 kicked {reason, text}`, the connection's last frame ");
        sb.Append("(when the client stopped reading it may not get through). A close without it was not the server's decision.\n\n");
        sb.Append("Request limits live on each node: a client spread over several nodes gets each node's limits, but one account has ");
        sb.Append("one connection at a time anywhere (a login kicks the other). An account's request limits are kept across its ");
        sb.Append("reconnects until its bucket has refilled (at least a minute after its last request), so reconnecting gains " +
            "nothing.\n\n");
        sb.Append("Defaults below are those of the shipped `Config/server.json` (settings named as in that file).\n\n");
        sb.Append("| limit | default | setting | beyond it |\n|---|---|---|---|\n");
        foreach (var (limit, value, setting, beyond) in Limits())
            sb.Append($"| {limit} | {value} | {setting} | {beyond} |\n");
        sb.Append("\n`reason` of `1/3 kicked` (`text` is what a client may show):\n\n| reason | text | sent when |\n|---|---|---|\n");
        foreach (var (reason, text, when) in KickReason.All)
            sb.Append($"| `{reason}` | {text} | {when} |\n");
        sb.Append('\n');
    }
}
