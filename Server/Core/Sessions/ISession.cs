using System.Net;
using SocialGame.Protocol.Catalog;

namespace SocialGame.Core.Sessions;

/// <summary>What a module sees of a client connection: never a channel or a buffer.</summary>
public interface ISession
{
    long Id { get; }
    /// <summary>The logged-in account, or null before login.</summary>
    string? Account { get; }
    LoginInfo? Login { get; }
    /// <summary>The TCP peer address: the only client IP the server trusts.</summary>
    IPAddress ClientIp { get; }
    /// <summary><see cref="ClientIp"/> as text (an IPv4-mapped IPv6 address as IPv4).</summary>
    string ClientIpText { get; }
    bool IsOpen { get; }
    /// <summary>Queues a push frame; the write is observed by the transport (a failed write closes the connection).</summary>
    void Push<T>(PushDef<T> push, T data) where T : class;
    Task CloseAsync(string reason);
}

/// <summary>What the client said about itself at login.</summary>
public sealed record LoginInfo(string Account, int AreaId, string? DeviceId, int? DeviceType, string? Version, DateTimeOffset At,
    string? Lang = null);
