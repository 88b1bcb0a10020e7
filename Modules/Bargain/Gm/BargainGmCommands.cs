using System.Globalization;
using SocialGame.Core.Gm;
using SocialGame.Core.Options;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;

namespace SocialGame.Modules.Bargain.Gm;

/// <summary>
/// //gm msact bargain &lt;actid&gt; &lt;gmop&gt; [fields...]. The one GM operation is 1000 (help a code with no
/// limits): //gm msact bargain 1 1000 &lt;code&gt; &lt;amount&gt;.
/// </summary>
internal sealed class MsactBargainCommand(BargainHelp help) : IGmCommand
{
    public const long MaxAmount = 1_000_000_000;

    public string Name => "msact bargain";
    public string Usage => "msact bargain <actid> 1000 <code> <amount>";

    public async ValueTask<GmResult> ExecuteAsync(GmContext context, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count < 2 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out int actId) || actId < 1 ||
            !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out int gmOp))
            return GmResult.Usage(this);
        if (gmOp != BargainProtocol.GmHelpOp) return GmResult.Usage(this, $"unknown gm op {gmOp}");
        if (args.Count != 4 || BargainCodes.Normalize(args[2]) is not { } code ||
            !long.TryParse(args[3], NumberStyles.None, CultureInfo.InvariantCulture, out long amount) || amount < 1 || amount > MaxAmount)
            return GmResult.Usage(this, $"1000 needs a code and an amount of 1-{MaxAmount}");
        string text = "msact bargain " + string.Join(' ', args);
        var reply = await help.GmHelpAsync(context.GmAccount, actId, code, amount, text).ConfigureAwait(false);
        var result = (ResultCode)reply.Result;
        return result == ResultCode.Success
            ? GmResult.Ok($"code {code} cut by {reply.DelPrice}, total cut {reply.TotalDelPrice}") with { Reply = reply }
            : new GmResult(result, result switch
            {
                ResultCode.DataError => $"period {actId} is not configured",
                ResultCode.HelpNotExist => $"no code {code} in period {actId}",
                ResultCode.BargainFree => $"code {code} is at its floor price already",
                ResultCode.BargainOver => $"code {code} is completed (or being collected)",
                _ => result.ToString(),
            }) { Reply = reply };
    }
}

/// <summary>//gm reload bargain: reads Config/bargain.json again; a bad file is refused and the old one stays.</summary>
internal sealed class ReloadBargainCommand(BargainConfig config) : IGmCommand
{
    public string Name => "reload bargain";
    public string Usage => "reload bargain";

    public ValueTask<GmResult> ExecuteAsync(GmContext context, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count != 0) return ValueTask.FromResult(GmResult.Usage(this));
        try
        {
            var options = config.Reload();
            return ValueTask.FromResult(GmResult.Ok($"{BargainOptions.FileName} reloaded: {options.Periods.Count} periods"));
        }
        catch (ConfigException ex)
        {
            return ValueTask.FromResult(new GmResult(ResultCode.DataError, $"refused, the running configuration stays: {ex.Message}"));
        }
    }
}
