using SocialGame.Core.Gm;
using SocialGame.Core.Push;
using SocialGame.Core.Sessions;
using SocialGame.Core.Time;
using SocialGame.Modules.Common;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Gm;

namespace SocialGame.Modules.Gm;

/// <summary>//gm help: every command's usage.</summary>
internal sealed class HelpCommand(GmCommandRegistry registry) : IGmCommand
{
    public string Name => "help";
    public string Usage => "help";

    public ValueTask<GmResult> ExecuteAsync(GmContext context, IReadOnlyList<string> args, CancellationToken ct) =>
        ValueTask.FromResult(GmResult.Ok(string.Join("\n", registry.All.Select(c => "//gm " + c.Usage))));
}

/// <summary>//gm kick acc: closes the account's connection on whatever node.</summary>
internal sealed class KickCommand(SessionService sessions) : IGmCommand
{
    public string Name => "kick";
    public string Usage => "kick <acc>";

    public IEnumerable<string> AccountsIn(IReadOnlyList<string> args) => args.Take(1);

    public async ValueTask<GmResult> ExecuteAsync(GmContext context, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count != 1 || !Validate.Account(args[0])) return GmResult.Usage(this);
        string? node = await sessions.KickAsync(args[0], KickReason.Gm).ConfigureAwait(false);
        return node is null ? new GmResult(Protocol.ResultCode.RedisNoData, $"{args[0]} is offline")
            : GmResult.Ok($"kicked {args[0]} on {node}");
    }
}

/// <summary>//gm online acc: which node holds the account.</summary>
internal sealed class OnlineCommand(SessionService sessions) : IGmCommand
{
    public string Name => "online";
    public string Usage => "online <acc>";

    public IEnumerable<string> AccountsIn(IReadOnlyList<string> args) => args.Take(1);

    public async ValueTask<GmResult> ExecuteAsync(GmContext context, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count != 1 || !Validate.Account(args[0])) return GmResult.Usage(this);
        string? node = await sessions.LocateAsync(args[0]).ConfigureAwait(false);
        return GmResult.Ok(node is null ? $"{args[0]} offline" : $"{args[0]} online on {node}");
    }
}

/// <summary>//gm notice acc text...: pushes gm/2 notice to the account wherever it is connected.</summary>
internal sealed class NoticeCommand(IPushService push) : IGmCommand
{
    public string Name => "notice";
    public string Usage => "notice <acc> <text...>";

    public IEnumerable<string> AccountsIn(IReadOnlyList<string> args) => args.Take(1);

    public async ValueTask<GmResult> ExecuteAsync(GmContext context, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count < 2 || !Validate.Account(args[0])) return GmResult.Usage(this);
        string text = string.Join(' ', args.Skip(1));
        var route = await push.ToAccountAsync(args[0], GmProtocol.Notice, new GmNoticePush { From = context.GmAccount, Text = text })
            .ConfigureAwait(false);
        return route == PushRoute.Offline
            ? new GmResult(Protocol.ResultCode.RedisNoData, $"{args[0]} is offline; notice dropped")
            : GmResult.Ok($"notice sent to {args[0]} ({route.ToString().ToLowerInvariant()})");
    }
}

/// <summary>//gm time: the server clock.</summary>
internal sealed class TimeCommand(IClock clock) : IGmCommand
{
    public string Name => "time";
    public string Usage => "time";

    public ValueTask<GmResult> ExecuteAsync(GmContext context, IReadOnlyList<string> args, CancellationToken ct) =>
        ValueTask.FromResult(GmResult.Ok($"{clock.UtcNow:O} ({clock.UnixMilliseconds})"));
}
