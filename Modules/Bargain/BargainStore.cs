using SocialGame.Core.Storage;
using StackExchange.Redis;

namespace SocialGame.Modules.Bargain;

/// <summary>Outcome of the help scripts (player help and GM help).</summary>
internal sealed record HelpOutcome(HelpStatus Outcome, long DelPrice, long TotalDelPrice, string Master, int Idx, int GoodsId);

/// <summary>
/// The Redis side of the bargain: reads of the seed's three hashes and the Lua scripts that change
/// them. Every change is one script on the keys of one period (one slot in cluster mode). Each script
/// starts with bargain_doc.lua, which keeps the growing help lists as JSON text at the end of their values.
/// </summary>
internal sealed partial class BargainStore
{
    private readonly RedisStore _redis;
    private readonly Scripts _scripts;

    public BargainStore(RedisStore redis, ScriptRegistry scripts, BargainKeys keys)
    {
        _redis = redis;
        _scripts = new Scripts(scripts);
        Keys = keys;
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
    public Task<(StartOutcome Outcome, string Code, string Json)> StartAsync(int actId, string acc, BargainGoods goods, int maxDoing,
        string code, long sysCut, long now) =>
        _scripts.Start.CallAsync(new StartArgs(Keys, actId, acc, goods, maxDoing, code, sysCut, now));

    /// <summary>Runs bargain_giveup.lua; the code given up, or null when idx is not the current bargain.</summary>
    public Task<string?> GiveUpAsync(int actId, string acc, int idx) => _scripts.GiveUp.CallAsync(new GiveUpArgs(Keys, actId, acc, idx));

    public Task<HelpOutcome> HelpAsync(int actId, BargainPeriod period, string helper, string code, string ip, string device,
        BargainLimits limits, long firstAmount, long laterAmount) =>
        _scripts.Help.CallAsync(new HelpArgs(Keys, actId, period, helper, code, ip, device, limits, firstAmount, laterAmount));

    public Task<HelpOutcome> GmHelpAsync(int actId, BargainPeriod period, string gm, string code, long amount) =>
        _scripts.GmHelp.CallAsync(new GmHelpArgs(Keys, actId, period, gm, code, amount));

    /// <summary>Runs bargain_pay_begin.lua; returns (outcome, totaldelprice).</summary>
    public Task<(PayBeginOutcome Outcome, long TotalDelPrice)> PayBeginAsync(int actId, string acc, string code, BargainGoods goods) =>
        _scripts.PayBegin.CallAsync(new PayBeginArgs(Keys, actId, acc, code, goods));

    /// <summary>Runs bargain_pay_finish.lua; true when this call completed the code (false: it was already).</summary>
    public Task<bool> PayFinishAsync(int actId, string acc, string code) =>
        _scripts.PayFinish.CallAsync(new PayFinishArgs(Keys, actId, acc, code));

    public Task PayAbortAsync(int actId, string code) => _scripts.PayAbort.CallAsync(new PayAbortArgs(Keys, actId, code));
}
