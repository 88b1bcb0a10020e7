using System.Net;

namespace SocialGame.Modules.Bargain.Handlers;

/// <summary>Checks of the bargain requests' fields; a failed check answers param_error before anything is read.</summary>
internal static class BargainInput
{
    public const int MaxDeviceIdLength = 128;

    /// <summary>A period id, goods idx or goods id: present and positive.</summary>
    public static bool Positive(int? value) => value is > 0;

    /// <summary>
    /// A device id: 1-128 printable characters without spaces. It shares the <c>:help</c> hash with IP
    /// addresses, so a device id that is itself an IP address is refused.
    /// </summary>
    public static bool DeviceId(string? value) =>
        Common.Validate.Text(value, MaxDeviceIdLength) && !HasWhiteSpace(value!) &&
        !(IPAddress.TryParse(value, out var ip) && ip.ToString() == value);

    private static bool HasWhiteSpace(string value)
    {
        foreach (char c in value)
            if (char.IsWhiteSpace(c)) return true;
        return false;
    }

    public static bool DeviceType(int? value) => value is 0 or 1;

    /// <summary>The first of id, idx, goodsid that is not positive, or null.</summary>
    public static string? FirstBad(Protocol.Messages.Bargain.BargainGoodsRequest request) =>
        !Positive(request.Id) ? "id" : !Positive(request.Idx) ? "idx" : !Positive(request.GoodsId) ? "goodsid" : null;
}
