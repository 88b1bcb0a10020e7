using System.Net;

namespace SocialGame.Core.Sessions;

/// <summary>A client's address as the server counts and shows it: an IPv4-mapped IPv6 address as the IPv4 address it maps.</summary>
public static class ClientAddress
{
    public static IPAddress Plain(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
