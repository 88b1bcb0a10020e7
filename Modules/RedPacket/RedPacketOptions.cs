using SocialGame.Core.Options;

namespace SocialGame.Modules.RedPacket;

internal sealed class PacketConfig
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string GiftName { get; set; } = "";
    public string GiftImage { get; set; } = "";
    public int GiftCount { get; set; } = 1;
    public string Text { get; set; } = "";
    /// <summary>Gold shared out among the grabbers.</summary>
    public long Total { get; set; }
    public int Shares { get; set; }
    /// <summary>Price in gold (0: not sold for gold).</summary>
    public long GoldPrice { get; set; }
    /// <summary>RMB product of module "redpacket" whose order sends this packet (empty: not sold for RMB).</summary>
    public string ProductId { get; set; } = "";
    public bool SiteWide { get; set; }
    /// <summary>Whether the room shows a pendant with the grab progress.</summary>
    public bool Pendant { get; set; } = true;
    public int CountdownSeconds { get; set; } = 60;
    /// <summary>Stock is not part of this version (seed 000, 3.4.00); null means unlimited.</summary>
    public int? Stock { get; set; }
}

/// <summary><c>Config/redpackets.json</c>: every red-packet configuration lives in this base service.</summary>
internal sealed class RedPacketOptions : IValidatableOptions
{
    public const string FileName = "redpackets.json";
    public List<PacketConfig> Packets { get; set; } = [];
    /// <summary>How often each node runs the refund and recovery pass.</summary>
    public int JobIntervalSeconds { get; set; } = 2;
    /// <summary>An RMB packet whose order is not paid this long after the send expires, with its order.</summary>
    public int UnpaidExpireSeconds { get; set; } = 900;
    /// <summary>Unpaid RMB packets one sender may hold at once; one more answers too_many_unpaid.</summary>
    public int MaxUnpaidPerPlayer { get; set; } = 3;

    public PacketConfig? Find(int id) => Packets.FirstOrDefault(p => p.Id == id);

    /// <summary>Why a configuration cannot be sent, or null (also checked at every send, before any charge).</summary>
    public static string? Problem(PacketConfig p)
    {
        if (p.Shares < 1) return "shares must be at least 1";
        if (p.Total < p.Shares) return "total must be at least the number of shares (every share at least 1)";
        if (p.Shares > 10_000 || p.Total > 1_000_000_000) return "too large";
        if (p.GoldPrice == 0 && p.ProductId.Length == 0) return "needs a gold price or an RMB product";
        if (p.GoldPrice < 0 || p.CountdownSeconds is < 5 or > 86400) return "bad price or countdown";
        return null;
    }

    public void Validate(OptionsValidator v)
    {
        for (int i = 0; i < Packets.Count; i++)
        {
            var p = Packets[i];
            var at = v.At($"packets[{i}].");
            at.Range("id", p.Id, 1, int.MaxValue);
            at.NotEmpty("name", p.Name);
            at.Range("shares", p.Shares, 1, 10_000);
            at.Range("total", p.Total, Math.Max(1, p.Shares), 1_000_000_000);
            at.Range("goldPrice", p.GoldPrice, 0, 1_000_000_000);
            at.Range("countdownSeconds", p.CountdownSeconds, 5, 86400);
            if (Problem(p) is { } problem && v.Errors.Count == 0) at.Error("total", problem);
        }
        foreach (var dup in Packets.GroupBy(p => p.Id).Where(g => g.Count() > 1)) v.Error("packets", $"id {dup.Key} appears twice");
        v.Range("jobIntervalSeconds", JobIntervalSeconds, 1, 3600);
        v.Range("unpaidExpireSeconds", UnpaidExpireSeconds, 60, 86400);
        v.Range("maxUnpaidPerPlayer", MaxUnpaidPerPlayer, 1, 100);
    }
}

/// <summary>
/// Splits a total into integer shares, each at least 1, summing exactly to the total. Double-mean method:
/// each share but the last is uniform in [1, 2 * remaining / sharesLeft - 1] (so its mean is the fair
/// share of what is left), capped so every later share can still get 1; the last takes the rest.
/// </summary>
internal static class PacketSplitter
{
    public static long[] Split(long total, int shares, Core.Time.IRandomSource random)
    {
        if (shares < 1 || total < shares) throw new ArgumentException($"cannot split {total} into {shares} shares of at least 1");
        var result = new long[shares];
        long remaining = total;
        for (int i = 0; i < shares - 1; i++)
        {
            int left = shares - i;
            long max = Math.Min(Math.Max(1, 2 * remaining / left - 1), remaining - (left - 1));
            result[i] = random.Next(1, max);
            remaining -= result[i];
        }
        result[^1] = remaining;
        return result;
    }
}
