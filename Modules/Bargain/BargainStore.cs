using SocialGame.Core.Storage;
using StackExchange.Redis;

namespace SocialGame.Modules.Bargain;

/// <summary>Outcome of the help scripts (player help and GM help).</summary>
public sealed record HelpOutcome(string Outcome, long DelPrice, long TotalDelPrice, string Master, int Idx, int GoodsId);

/// <summary>
/// The Redis side of the bargain: reads of the seed's three hashes and the Lua scripts that change
/// them. Every change is one script on the keys of one period (one slot in cluster mode). Each script
/// starts with bargain_doc.lua, which keeps the growing help lists as JSON text at the end of their values.
/// </summary>
public sealed class BargainStore
{
    private const string Library = "bargain_doc.lua";
    private readonly RedisStore _redis;
    private readonly ScriptRegistry _scripts;
    private readonly RedisScript _start;
    private readonly RedisScript _giveUp;
    private readonly RedisScript _help;
    private readonly RedisScript _gmHelp;
    private readonly RedisScript _payBegin;
    private readonly RedisScript _payFinish;
    private readonly RedisScript _payAbort;

    public BargainStore(RedisStore redis, ScriptRegistry scripts, BargainKeys keys)
    {
        _redis = redis;
        _scripts = scripts;
        Keys = keys;
        var assembly = typeof(BargainStore).Assembly;
        _start = scripts.RegisterEmbedded(assembly, "bargain_start.lua", Library);
        _giveUp = scripts.RegisterEmbedded(assembly, "bargain_giveup.lua", Library);
        _help = scripts.RegisterEmbedded(assembly, "bargain_help.lua", Library);
        _gmHelp = scripts.RegisterEmbedded(assembly, "bargain_gm_help.lua", Library);
        _payBegin = scripts.RegisterEmbedded(assembly, "bargain_pay_begin.lua", Library);
        _payFinish = scripts.RegisterEmbedded(assembly, "bargain_pay_finish.lua", Library);
        _payAbort = scripts.RegisterEmbedded(assembly, "bargain_pay_abort.lua", Library);
    }

    public BargainKeys Keys { get; }

    public async Task<PlayerRecord> GetPlayerAsync(int actId, string acc) =>
        PlayerRecord.Parse(await _redis.Db.HashGetAsync(Keys.Player(actId), acc).ConfigureAwait(false));

    public async Task<CodeRecord?> GetCodeAsync(int actId, string code) =>
        CodeRecord.Parse(await _redis.Db.HashGetAsync(Keys.Code(actId), code).ConfigureAwait(false));

    /// <summary>Several codes of one period at once; missing codes are left out.</summary>
    public async Task<Dictionary<string, CodeRecord>> GetCodesAsync(int actId, IEnumerable<string> codes)
    {
        var list = codes.Distinct().ToList();
        if (list.Count == 0) return [];
        var values = await _redis.Db.HashGetAsync(Keys.Code(actId), list.Select(c => (RedisValue)c).ToArray()).ConfigureAwait(false);
        var result = new Dictionary<string, CodeRecord>();
        for (int i = 0; i < list.Count; i++)
            if (CodeRecord.Parse(values[i]) is { } record) result[list[i]] = record;
        return result;
    }

    /// <summary>Runs bargain_start.lua; returns (outcome, code, code JSON).</summary>
    public async Task<(string Outcome, string Code, string Json)> StartAsync(int actId, string acc, BargainGoods goods, int maxDoing, string code, long sysCut, long now)
    {
        var r = (RedisResult[])(await _scripts.EvalAsync(_start, [Keys.Player(actId), Keys.Code(actId)],
            [acc, goods.Idx, goods.GoodsId, goods.GetCount, maxDoing, code, sysCut, goods.MaxCut, now]).ConfigureAwait(false))!;
        return (r[0].ToString(), r[1].ToString(), r[2].ToString());
    }

    /// <summary>Runs bargain_giveup.lua; the code given up, or null when idx is not the current bargain.</summary>
    public async Task<string?> GiveUpAsync(int actId, string acc, int idx)
    {
        var r = (RedisResult[])(await _scripts.EvalAsync(_giveUp, [Keys.Player(actId)], [acc, idx]).ConfigureAwait(false))!;
        return r[0].ToString() == "ok" ? r[1].ToString() : null;
    }

    public async Task<HelpOutcome> HelpAsync(int actId, BargainPeriod period, string helper, string code, string ip, string device,
        BargainLimits limits, long firstAmount, long laterAmount)
    {
        var args = new List<RedisValue> { helper, code, ip, device, limits.AccountsPerIp, limits.AccountsPerDevice, limits.HelpsPerAccount, firstAmount, laterAmount };
        AddGoods(args, period);
        var r = (RedisResult[])(await _scripts.EvalAsync(_help, [Keys.Player(actId), Keys.Code(actId), Keys.Help(actId)], args.ToArray()).ConfigureAwait(false))!;
        return ToHelpOutcome(r);
    }

    public async Task<HelpOutcome> GmHelpAsync(int actId, BargainPeriod period, string gm, string code, long amount)
    {
        var args = new List<RedisValue> { code, gm, amount };
        AddGoods(args, period);
        var r = (RedisResult[])(await _scripts.EvalAsync(_gmHelp, [Keys.Code(actId)], args.ToArray()).ConfigureAwait(false))!;
        return ToHelpOutcome(r);
    }

    /// <summary>Runs bargain_pay_begin.lua; returns (outcome, totaldelprice).</summary>
    public async Task<(string Outcome, long TotalDelPrice)> PayBeginAsync(int actId, string acc, string code, BargainGoods goods)
    {
        var r = (RedisResult[])(await _scripts.EvalAsync(_payBegin, [Keys.Player(actId), Keys.Code(actId)],
            [acc, code, goods.Idx, goods.GoodsId, goods.GetCount]).ConfigureAwait(false))!;
        return (r[0].ToString(), (long)r[1]);
    }

    /// <summary>Runs bargain_pay_finish.lua; true when this call completed the code (false: it was already).</summary>
    public async Task<bool> PayFinishAsync(int actId, string acc, string code)
    {
        var r = (RedisResult[])(await _scripts.EvalAsync(_payFinish, [Keys.Player(actId), Keys.Code(actId)], [acc, code]).ConfigureAwait(false))!;
        return r[0].ToString() == "done";
    }

    public async Task PayAbortAsync(int actId, string code) =>
        await _scripts.EvalAsync(_payAbort, [Keys.Code(actId)], [code]).ConfigureAwait(false);

    private static void AddGoods(List<RedisValue> args, BargainPeriod period)
    {
        args.Add(period.Goods.Count);
        foreach (var g in period.Goods)
        {
            args.Add(g.Idx);
            args.Add(g.MaxCut);
        }
    }

    private static HelpOutcome ToHelpOutcome(RedisResult[] r) => r.Length < 6
        ? new HelpOutcome(r[0].ToString(), 0, 0, "", 0, 0)
        : new HelpOutcome(r[0].ToString(), (long)r[1], (long)r[2], r[3].ToString(), (int)r[4], (int)r[5]);
}
