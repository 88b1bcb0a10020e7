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
        "Log in with an HMAC token. A bad or expired token answers bad_token and closes the connection. " +
        "A second login of the same account, on any node, kicks the first connection.",
        [Success, ParamError, BadToken, AlreadyLoggedIn, RedisError, ServerError]);

    public static readonly OpDef<EmptyRequest, HeartbeatResponse> Heartbeat = new(ModuleType.System, HeartbeatOp, "heartbeat",
        "Keeps the connection alive and tells the server time. Allowed before login.",
        [Success]);

    public static readonly PushDef<KickedPush> Kicked = new(ModuleType.System, KickedOp, "kicked",
        "Push: this connection is being closed by the server (reason given).",
        []);

    public static IReadOnlyList<OpDef> All { get; } = [Login, Heartbeat, Kicked];
}
