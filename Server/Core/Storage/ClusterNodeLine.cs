using System.Globalization;
using System.Net;

namespace SocialGame.Core.Storage;

/// <summary>
/// One line of CLUSTER NODES: <c>id ip:port@bus flags master ping pong epoch link slot...</c> (slots as <c>a-b</c> or <c>a</c>;
/// entries in brackets are slots being migrated and are left out).
/// </summary>
public sealed record ClusterNodeLine(string Id, IPEndPoint EndPoint, bool IsMaster, bool Failed, string MasterId,
    IReadOnlyList<(int From, int To)> Slots)
{
    /// <summary>A master that owns slots (failed or not: what it owns is unreachable while it is down).</summary>
    public bool ServesSlots => IsMaster && Slots.Count > 0;

    public static IReadOnlyList<ClusterNodeLine> ParseAll(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();

    public static ClusterNodeLine Parse(string line)
    {
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string address = f[1].Split('@')[0];
        int colon = address.LastIndexOf(':');
        var endPoint = new IPEndPoint(IPAddress.Parse(address[..colon]), int.Parse(address[(colon + 1)..], CultureInfo.InvariantCulture));
        var slots = f.Skip(8).Where(s => !s.StartsWith('[')).Select(s =>
        {
            var ends = s.Split('-');
            int from = int.Parse(ends[0], CultureInfo.InvariantCulture);
            return (from, ends.Length > 1 ? int.Parse(ends[1], CultureInfo.InvariantCulture) : from);
        }).ToList();
        var flags = f[2].Split(',');
        return new ClusterNodeLine(f[0], endPoint, flags.Contains("master"), flags.Contains("fail") || flags.Contains("fail?"), f[3],
            slots);
    }
}
