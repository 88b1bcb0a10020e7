using SocialGame.Core.Time;
using SocialGame.Core.Logging;
using SocialGame.Modules.Player;
using SocialGame.Protocol;
using SocialGame.Protocol.Messages.Bargain;
using SocialGame.Protocol.Messages.Player;

namespace SocialGame.Modules.Bargain;

/// <summary>
/// The bargain rules of a player's own bargains: the entry list, a period's state, the current bargain,
/// start (new or switch), give up and the help record. Help is <see cref="BargainHelp"/>, getgoods
/// <see cref="BargainPurchase"/>.
/// </summary>
internal sealed class BargainService(IClock clock, IRandomSource random, PlayerBase player, BargainConfig config, BargainStore store)
{
    /// <summary>
    /// The period a request names: module_close when the module is switched off, data_error when the period
    /// is not configured, module_close when it is switched off, activity_no_open outside its time window.
    /// <paramref name="period"/> is set whenever the answer is success.
    /// </summary>
    public static ResultCode Resolve(BargainOptions options, int id, long now, out BargainPeriod period)
    {
        period = options.Find(id)!;
        if (!options.Enabled) return ResultCode.ModuleClose;
        if (period is null) return ResultCode.DataError;
        if (!period.Enabled) return ResultCode.ModuleClose;
        return period.IsOpenAt(now) ? ResultCode.Success : ResultCode.ActivityNoOpen;
    }

    private long Now => clock.UnixSeconds;

    public async Task<BargainGetAckListResponse> GetAckListAsync(string acc)
    {
        var options = config.Current;
        if (!options.Enabled) return new() { Result = (int)ResultCode.ModuleClose };
        long now = Now;
        var open = options.Periods.Where(p => p.Enabled && p.IsOpenAt(now)).OrderBy(p => p.Id).ToList();
        if (open.Count == 0) return new() { Result = (int)ResultCode.ActivityNoOpen };
        var response = new BargainGetAckListResponse();
        foreach (var period in open)
        {
            response.ActList[period.Id] = new BargainActInfo { Id = period.Id, ActKey = period.ActKey, ActNameKey = period.ActNameKey,
                Name = period.Name };
            var record = await store.GetPlayerAsync(period.Id, acc).ConfigureAwait(false);
            if (record.Helps.Count > 0) response.HelpHad = 1;
            if (record.Helps.Count < options.Limits.HelpsPerAccount) response.HelpState = 1;
            var codes = await store.GetCodesAsync(period.Id, record.Active.Select(s => s.Code)).ConfigureAwait(false);
            foreach (var code in codes.Values)
                if (code.IsGet == CodeRecord.Open && period.FindGoods(code.Idx) is { } goods && code.TotalDelPrice >= goods.MaxCut)
                    response.BargainGet = 1;
        }
        return response;
    }

    public async Task<BargainGetConfigResponse> GetConfigAsync(string acc, int id)
    {
        var options = config.Current;
        long now = Now;
        var result = Resolve(options, id, now, out var period);
        if (result != ResultCode.Success) return new() { Result = (int)result };
        var recordTask = store.GetPlayerAsync(id, acc);
        var profileTask = player.Profiles.GetAsync(acc);
        var record = await recordTask.ConfigureAwait(false);
        var profile = await profileTask.ConfigureAwait(false);
        var state = (profile?.Level ?? 0) < period.LimitLevel ? BargainPlayerState.LevelLimit
            : record.Getting is not null ? BargainPlayerState.Doing
            : record.Selected.Count > 0 ? BargainPlayerState.Paused
            : BargainPlayerState.None;
        return new BargainGetConfigResponse
        {
            State = (int)state,
            HelpState = record.Helps.Count < options.Limits.HelpsPerAccount ? 1 : 0,
            HelpHad = record.Helps.Count > 0 ? 1 : 0,
            Config = new BargainPeriodConfig
            {
                Id = period.Id, ActKey = period.ActKey, Name = period.Name, Show = period.Show, BeginTime = period.BeginTime,
                    EndTime = period.EndTime,
                CountDown = Math.Max(0, period.EndTime - now),
            },
            GoodsStateList = period.Goods.Select(g => new BargainGoodsStateInfo { Idx = g.Idx, State = (int)GoodsState(record, g) })
                .ToList(),
        };
    }

    public static BargainGoodsState GoodsState(PlayerRecord record, BargainGoods goods)
    {
        if (record.Getting?.Idx == goods.Idx) return BargainGoodsState.Getting;
        if (record.Selected.Any(s => s.Idx == goods.Idx)) return BargainGoodsState.Select;
        return record.GotCount(goods.Idx) >= goods.GetCount ? BargainGoodsState.Got : BargainGoodsState.Canget;
    }

    public async Task<BargainGetCurDataResponse> GetCurDataAsync(string acc, int id)
    {
        var result = Resolve(config.Current, id, Now, out _);
        if (result != ResultCode.Success) return new() { Result = (int)result };
        var record = await store.GetPlayerAsync(id, acc).ConfigureAwait(false);
        if (record.Getting is null) return new() { Result = (int)ResultCode.BargainNone };
        var code = await store.GetCodeAsync(id, record.Getting.Code).ConfigureAwait(false);
        if (code is null) return new() { Result = (int)ResultCode.DataError };
        return new() { BargainData = await ToDataAsync(code, BargainGoodsState.Getting).ConfigureAwait(false) };
    }

    public async Task<BargainStartResponse> StartAsync(string acc, int id, int idx, int goodsId)
    {
        var options = config.Current;
        long now = Now;
        var result = Resolve(options, id, now, out var period);
        if (result != ResultCode.Success) return new() { Result = (int)result };
        if (period.FindGoods(idx) is not { } goods || goods.GoodsId != goodsId) return new() { Result = (int)ResultCode.DataError };
        var profile = await player.Profiles.GetAsync(acc).ConfigureAwait(false);
        if ((profile?.Level ?? 0) < period.LimitLevel) return new() { Result = (int)ResultCode.ActivityNoOpen };
        long sysCut = random.Next(goods.SysDel.Min, goods.SysDel.Max);
        for (int attempt = 0; attempt < options.Code.Attempts; attempt++)
        {
            var (outcome, code, json) = await store.StartAsync(id, acc, goods, options.Limits.MaxDoing, BargainCodes.New(options.Code),
                sysCut, now).ConfigureAwait(false);
            switch (outcome)
            {
                case StartOutcome.Collision:
                    continue;
                case StartOutcome.New:
                    var created = CodeRecord.Parse(json)!;
                    DataLog.Write("bargain start", ("acc", acc), ("actid", id), ("idx", idx), ("goodsid", goodsId), ("code", code),
                        ("sysdelprice", created.SysDelPrice));
                    return new() { BargainData = await ToDataAsync(created, BargainGoodsState.Getting).ConfigureAwait(false) };
                case StartOutcome.Swap:
                    DataLog.Write("bargain swap", ("code", code), ("actid", id), ("goodsid", goodsId), ("acc", acc), ("idx", idx));
                    var record = CodeRecord.Parse(json) ?? await store.GetCodeAsync(id, code).ConfigureAwait(false);
                    return record is null
                        ? new() { Result = (int)ResultCode.DataError }
                        : new() { BargainData = await ToDataAsync(record, BargainGoodsState.Getting).ConfigureAwait(false) };
                default:
                    return new() { Result = (int)StartFailure(outcome) };
            }
        }
        return new() { Result = (int)ResultCode.CodeMakeFail };
    }

    private static ResultCode StartFailure(StartOutcome outcome) => outcome switch
    {
        StartOutcome.SelectCur => ResultCode.BargainSelectCur,
        StartOutcome.Doing => ResultCode.BargainDoing,
        StartOutcome.Had => ResultCode.BargainHad,
        StartOutcome.Limit => ResultCode.BargainDoingLimit,
        _ => throw new InvalidOperationException($"bargain_start.lua answered {outcome}"),
    };

    public async Task<ResultCode> GiveUpAsync(string acc, int id, int idx, int goodsId)
    {
        var result = Resolve(config.Current, id, Now, out var period);
        if (result != ResultCode.Success) return result;
        if (period.FindGoods(idx) is not { } goods || goods.GoodsId != goodsId) return ResultCode.DataError;
        string? code = await store.GiveUpAsync(id, acc, idx).ConfigureAwait(false);
        if (code is null) return ResultCode.BargainNone;
        DataLog.Write("bargain giveup", ("acc", acc), ("actid", id), ("idx", idx), ("goodsid", goodsId), ("code", code));
        return ResultCode.Success;
    }

    public async Task<BargainGetHelpResponse> GetHelpAsync(string acc, int id)
    {
        var options = config.Current;
        var result = Resolve(options, id, Now, out _);
        if (result != ResultCode.Success) return new() { Result = (int)result };
        var record = await store.GetPlayerAsync(id, acc).ConfigureAwait(false);
        var profiles = await player.Profiles.GetManyAsync(record.Helps.Select(h => h.Acc)).ConfigureAwait(false);
        int limit = options.Limits.HelpsPerAccount;
        return new BargainGetHelpResponse
        {
            Result = (int)(record.Helps.Count == 0 ? ResultCode.HelpNone : ResultCode.Success),
            HelpState = record.Helps.Count < limit ? 1 : 0,
            HelpHad = record.Helps.Count > 0 ? 1 : 0,
            HelpCount = record.Helps.Count,
            HelpLeft = Math.Max(0, limit - record.Helps.Count),
            HelpList = record.Helps.Select(h => new BargainHelpRecord
            {
                Code = h.Code, Acc = h.Acc, DelPrice = h.DelPrice,
                Nickname = profiles.GetValueOrDefault(h.Acc)?.Nickname ?? "", Head = profiles.GetValueOrDefault(h.Acc)?.Head ?? "",
            }).ToList(),
        };
    }

    /// <summary>A code as the client sees it, with its helpers' profiles.</summary>
    public async Task<BargainData> ToDataAsync(CodeRecord code, BargainGoodsState state)
    {
        Dictionary<string, ProfileInfo> profiles = code.Helpers.Count == 0 ? []
            : await player.Profiles.GetManyAsync(code.Helpers.Select(h => h.Acc)).ConfigureAwait(false);
        return new BargainData
        {
            State = (int)state,
            IsGet = code.IsGet == CodeRecord.Received ? 1 : 0,
            Master = code.Master,
            Idx = code.Idx,
            GoodsId = code.GoodsId,
            Code = code.Code,
            TotalDelPrice = code.TotalDelPrice,
            SysDelPrice = code.SysDelPrice,
            CreateTime = code.CreateTime,
            HelperList = code.Helpers.Select(h =>
            {
                var p = profiles.GetValueOrDefault(h.Acc);
                return new BargainHelperInfo { Acc = h.Acc, DelPrice = h.DelPrice, Head = p?.Head ?? "", Sex = p?.Sex ?? 0,
                    Nickname = p?.Nickname ?? "" };
            }).ToList(),
        };
    }
}
