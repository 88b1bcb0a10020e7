using NLog;
using SocialGame.Core.Events;
using SocialGame.Core.Logging;
using SocialGame.Core.Push;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Modules.Player;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Bargain;
using SocialGame.Protocol.Messages.Player;

namespace SocialGame.Modules.Bargain;

/// <summary>
/// Helps: a player's help (every limit checked and written by one Lua script, so simultaneous helps
/// cannot break a limit or the floor) and the GM help (op 1000, no limits). The code's owner is told
/// with helpntf on whatever node it is connected.
/// </summary>
internal sealed class BargainHelp(IClock clock, IRandomSource random, IPushService push, PlayerBase player, BargainConfig config,
    BargainStore store, IDomainEvents events)
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    /// <summary>
    /// One help of <paramref name="helper"/> on <paramref name="code"/>. The amount is drawn here for both
    /// cases the script may meet (first help of the helper, later help) so the help is one round trip.
    /// </summary>
    public async Task<BargainHelpResponse> HelpAsync(string helper, string ip, int id, string code, string deviceId,
        int deviceType)
    {
        var options = config.Current;
        long now = clock.UnixSeconds;
        var result = BargainService.Resolve(options, id, now, out var period);
        if (result != ResultCode.Success) return new() { Result = (int)result, BargainCode = code };
        // the raw read awaited here and parsed in place: one wait fewer on the help's path than Profiles.GetAsync
        var profile = Profiles.ToProfile(helper, await player.Profiles.ReadAsync(helper).ConfigureAwait(false));
        string type = options.Classify(profile, now);
        if (!period.Help.TryGetValue(type, out var amounts)) return new() { Result = (int)ResultCode.DataError, BargainCode = code };
        long first = random.Next(amounts.First.Min, amounts.First.Max);
        long later = random.Next(amounts.Later.Min, amounts.Later.Max);
        var outcome = await store.HelpAsync(id, period, helper, code, ip, deviceId, options.Limits, first, later).ConfigureAwait(false);
        var answer = outcome.Outcome switch
        {
            HelpStatus.Ok => ResultCode.Success,
            HelpStatus.NotExist => ResultCode.HelpNotExist,
            HelpStatus.NotSelf => ResultCode.HelpNotSelf,
            HelpStatus.Nogoods => ResultCode.DataError,
            HelpStatus.Over => ResultCode.HelpOver,
            HelpStatus.None => ResultCode.BargainNone,
            HelpStatus.Already => ResultCode.HelpAlready,
            HelpStatus.UserOnce => ResultCode.HelpUserOnce,
            HelpStatus.LimitAccount => ResultCode.HelpLimitAccount,
            HelpStatus.LimitIp => ResultCode.HelpLimitIp,
            HelpStatus.LimitDevice => ResultCode.HelpLimitDevice,
            _ => throw new InvalidOperationException($"bargain_help.lua answered {outcome.Outcome}"),
        };
        if (answer != ResultCode.Success) return new() { Result = (int)answer, BargainCode = code };
        DataLog.Write("bargain help", ("acc", helper), ("actid", id), ("code", code), ("master", outcome.Master), ("idx", outcome.Idx),
            ("goodsid", outcome.GoodsId), ("delprice", outcome.DelPrice), ("totaldelprice", outcome.TotalDelPrice), ("ptype", type),
            ("ip", ip), ("deviceid", deviceId), ("devicetype", deviceType));
        // Answered first: the owner's helpntf goes on its own (to an owner on another node it is two more Redis round
        // trips). NotifyAsync never faults; an owner connected here has the push queued before this answer anyway.
        _ = NotifyAsync(id, code, helper, profile, outcome);
        await events.PublishAsync(new BargainHelped(id, code, helper, outcome.Master, outcome.Idx)).ConfigureAwait(false);
        return new BargainHelpResponse { BargainCode = code, DelPrice = outcome.DelPrice };
    }

    /// <summary>GM op 1000: cuts <paramref name="code"/> by up to <paramref name="amount"/>, no help limits, not recorded as the GM's
    /// help.</summary>
    public async Task<BargainGmHelpResponse> GmHelpAsync(string gm, int id, string code, long amount, string text)
    {
        var period = config.Current.Find(id);
        if (period is null) return new() { Result = (int)ResultCode.DataError, BargainCode = code };
        var outcome = await store.GmHelpAsync(id, period, gm, code, amount).ConfigureAwait(false);
        var result = outcome.Outcome switch
        {
            HelpStatus.Ok => ResultCode.Success,
            HelpStatus.NotExist => ResultCode.HelpNotExist,
            HelpStatus.Nogoods => ResultCode.DataError,
            HelpStatus.Free => ResultCode.BargainFree,
            HelpStatus.Over => ResultCode.BargainOver,
            _ => throw new InvalidOperationException($"bargain_gm_help.lua answered {outcome.Outcome}"),
        };
        DataLog.Write("bargain gm", ("actid", id), ("gmop", text), ("opid", BargainProtocol.GmHelpOp), ("acc", gm), ("code", code),
            ("amount", amount), ("delprice", outcome.DelPrice), ("totaldelprice", outcome.TotalDelPrice), ("result", (int)result));
        if (result != ResultCode.Success) return new() { Result = (int)result, BargainCode = code };
        await NotifyAsync(id, code, gm, null, outcome).ConfigureAwait(false);
        return new BargainGmHelpResponse { BargainCode = code, DelPrice = outcome.DelPrice, TotalDelPrice = outcome.TotalDelPrice };
    }


    /// <summary>
    /// helpntf to the owner (with the helper's profile, read here when not given); the help is done
    /// already, so a failed push is logged, not answered, and the returned task never faults.
    /// </summary>
    private async Task NotifyAsync(int id, string code, string helper, ProfileInfo? profile, HelpOutcome outcome)
    {
        try
        {
            profile ??= await player.Profiles.GetAsync(helper).ConfigureAwait(false);
            await push.ToAccountAsync(outcome.Master, BargainProtocol.HelpNtf, new BargainHelpNtf
            {
                Id = id, BargainCode = code, Idx = outcome.Idx, GoodsId = outcome.GoodsId, Acc = helper,
                Nickname = profile?.Nickname ?? "", Head = profile?.Head ?? "", Sex = profile?.Sex ?? 0,
                DelPrice = outcome.DelPrice, TotalDelPrice = outcome.TotalDelPrice,
            }).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
        {
            Log.Warn("helpntf of code {Code} to {Account} not sent: {Error}", code, outcome.Master, ex.Message);
        }
        catch (Exception ex)
        {
            Log.Error(ex, "helpntf of code {Code} to {Account} failed", code, outcome.Master);
        }
    }
}
