using System.Text.Json;

namespace SocialGame.Baseline;

/// <summary>A help amount range of one player type: the helper's first help, and later helps.</summary>
internal sealed record HelpAmounts(long FirstMin, long FirstMax, long LaterMin, long LaterMax);

/// <summary>A player-type rule of bargain.json (every condition given must hold).</summary>
internal sealed record TypeRule(string Type, long? MinVip, long? MaxVip, long? MaxRegDays, long? MinRegDays, long? MinLevel)
{
    public bool Matches(long vip, long level, long regTime, long now)
    {
        long age = now - regTime;
        return (MinVip is null || vip >= MinVip) && (MaxVip is null || vip <= MaxVip) && (MaxRegDays is null || age < MaxRegDays * 86400L)
            && (MinRegDays is null || age >= MinRegDays * 86400L) && (MinLevel is null || level >= MinLevel);
    }
}

/// <summary>What the baseline reads of the game server's configuration: the port, area and loops, and period 1 of the bargain.</summary>
internal sealed class BaselineConfig
{
    private static readonly JsonDocumentOptions Read = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public int Port { get; private init; }
    public int AreaId { get; private init; }
    public int EventLoopThreads { get; private init; }
    public int MaxFrameLength { get; private init; }
    public int PeriodId { get; private init; }
    public long AccountsPerIp { get; private init; }
    public long AccountsPerDevice { get; private init; }
    public long HelpsPerAccount { get; private init; }
    public long MaxDoing { get; private init; }
    /// <summary>Per goods: idx, goodsid, getcount, price - floorprice, system cut range.</summary>
    public IReadOnlyList<(long Idx, long GoodsId, long GetCount, long MaxCut, long SysMin, long SysMax)> Goods { get; private init; } = [];
    public IReadOnlyList<TypeRule> Rules { get; private init; } = [];
    public string DefaultType { get; private init; } = "";
    public IReadOnlyDictionary<string, HelpAmounts> Help { get; private init; } = new Dictionary<string, HelpAmounts>();

    public string PlayerKey => $"hash:bargain_{AreaId}_{PeriodId}:player";
    public string CodeKey => $"hash:bargain_{AreaId}_{PeriodId}:code";
    public string HelpKey => $"hash:bargain_{AreaId}_{PeriodId}:help";

    public static BaselineConfig Load(string dir)
    {
        using var server = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "server.json")), Read);
        using var bargain = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "bargain.json")), Read);
        var s = server.RootElement;
        var b = bargain.RootElement;
        var limits = b.GetProperty("limits");
        var period = b.GetProperty("periods")[0];
        return new BaselineConfig
        {
            Port = s.GetProperty("port").GetInt32(),
            AreaId = s.GetProperty("areaId").GetInt32(),
            EventLoopThreads = s.TryGetProperty("eventLoopThreads", out var loops) ? loops.GetInt32() : 0,
            MaxFrameLength = s.TryGetProperty("maxFrameLength", out var max) ? max.GetInt32() : 65536,
            PeriodId = period.GetProperty("id").GetInt32(),
            AccountsPerIp = limits.GetProperty("accountsPerIp").GetInt64(),
            AccountsPerDevice = limits.GetProperty("accountsPerDevice").GetInt64(),
            HelpsPerAccount = limits.GetProperty("helpsPerAccount").GetInt64(),
            MaxDoing = limits.GetProperty("maxDoing").GetInt64(),
            Goods = [.. period.GetProperty("goods").EnumerateArray().Select(g => (
                g.GetProperty("idx").GetInt64(), g.GetProperty("goodsid").GetInt64(), g.GetProperty("getcount").GetInt64(),
                g.GetProperty("price").GetInt64() - g.GetProperty("floorprice").GetInt64(),
                g.GetProperty("sysDel").GetProperty("min").GetInt64(), g.GetProperty("sysDel").GetProperty("max").GetInt64()))],
            Rules = [.. b.GetProperty("playerTypes").EnumerateArray().Select(r => new TypeRule(r.GetProperty("type").GetString()!,
                Opt(r, "minVipLevel"), Opt(r, "maxVipLevel"), Opt(r, "maxRegDays"), Opt(r, "minRegDays"), Opt(r, "minLevel")))],
            DefaultType = b.GetProperty("defaultPlayerType").GetString()!,
            Help = period.GetProperty("help").EnumerateObject().ToDictionary(p => p.Name, p => new HelpAmounts(
                p.Value.GetProperty("first").GetProperty("min").GetInt64(), p.Value.GetProperty("first").GetProperty("max").GetInt64(),
                p.Value.GetProperty("later").GetProperty("min").GetInt64(), p.Value.GetProperty("later").GetProperty("max").GetInt64())),
        };
    }

    private static long? Opt(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetInt64() : null;

    public string Classify(long vip, long level, long regTime, bool exists, long now)
    {
        if (exists)
            foreach (var rule in Rules)
                if (rule.Matches(vip, level, regTime, now)) return rule.Type;
        return DefaultType;
    }
}
