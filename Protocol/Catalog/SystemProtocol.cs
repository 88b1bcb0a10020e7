using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.System;
using static SocialGame.Protocol.ResultCode;

namespace SocialGame.Protocol.Catalog;

/// <summary>Module 1 <c>system</c>: the only module served before login.</summary>
public static class SystemProtocol
{
    public const int LoginOp = 1;
    public const int HeartbeatOp = 2;
    public const int KickedOp = 3;

    public static readonly OpDef<LoginRequest, LoginResponse> Login = new(ModuleType.System, LoginOp, "login",
        "Log in with an HMAC token. A bad or expired token answers bad_token, then kicked `bad_token` and the connection closes. " +
        "A second login of the same account, on any node, kicks the first connection. Logins beyond the per-IP or " +
        "per-account login rate answer click_too_fast (the connection stays).",
        [Success, ParamError, ClickTooFast, BadToken, AlreadyLoggedIn, RedisError, ServerError]);

    public static readonly OpDef<EmptyRequest, HeartbeatResponse> Heartbeat = new(ModuleType.System, HeartbeatOp, "heartbeat",
        "Keeps the connection alive and tells the server time. Allowed before login.",
        [Success]);

    public static readonly PushDef<KickedPush> Kicked = new(ModuleType.System, KickedOp, "kicked",
        "Push: the server is closing this connection; it is the last frame the connection gets. Sent before every close the " +
        "server decides (see Connection limits and close rules for every reason).",
        []);

    public static IReadOnlyList<OpDef> All { get; } = [Login, Heartbeat, Kicked];
}
