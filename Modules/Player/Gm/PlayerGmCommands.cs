using System.Globalization;
using SocialGame.Core.Gm;
using SocialGame.Protocol;
using SocialGame.Modules.Common;

namespace SocialGame.Modules.Player.Gm;

/// <summary>//gm addmoney acc currency amount (negative takes away; never below zero).</summary>
internal sealed class AddMoneyCommand(Ledger ledger) : IGmCommand
{
    public string Name => "addmoney";
    public string Usage => "addmoney <acc> <currency> <amount>";

    public IEnumerable<string> AccountsIn(IReadOnlyList<string> args) => args.Take(1);

    public async ValueTask<GmResult> ExecuteAsync(GmContext context, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count != 3 || !long.TryParse(args[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long amount))
            return GmResult.Usage(this);
        var op = LedgerOperation.Currency(args[0], "gm:" + Guid.NewGuid().ToString("N"), "gm " + context.GmAccount, args[1], amount);
        if (ledger.Check(op) is { } problem) return GmResult.Usage(this, problem.Message);
        var outcome = await ledger.ApplyAsync(op).ConfigureAwait(false);
        return outcome.Succeeded
            ? GmResult.Ok($"{args[0]} {args[1]} {amount:+#;-#} -> {outcome.Balances[args[1]]}")
            : new GmResult(outcome.ToResult(), $"refused: {outcome.Status} ({outcome.Short})");
    }
}

/// <summary>//gm additem acc itemid count (negative takes away).</summary>
internal sealed class AddItemCommand(Ledger ledger) : IGmCommand
{
    public string Name => "additem";
    public string Usage => "additem <acc> <itemid> <count>";

    public IEnumerable<string> AccountsIn(IReadOnlyList<string> args) => args.Take(1);

    public async ValueTask<GmResult> ExecuteAsync(GmContext context, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count != 3 || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out int item) ||
            !long.TryParse(args[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long count))
            return GmResult.Usage(this);
        var op = new LedgerOperation(args[0], "gm:" + Guid.NewGuid().ToString("N"), "gm " + context.GmAccount, [],
            [new ItemChange(item, count)]);
        if (ledger.Check(op) is { } problem) return GmResult.Usage(this, problem.Message);
        var outcome = await ledger.ApplyAsync(op).ConfigureAwait(false);
        return outcome.Succeeded
            ? GmResult.Ok($"{args[0]} item {item} {count:+#;-#}")
            : new GmResult(outcome.ToResult(), $"refused: {outcome.Status}");
    }
}

/// <summary>//gm setprofile acc field value.</summary>
internal sealed class SetProfileCommand(Profiles profiles) : IGmCommand
{
    public string Name => "setprofile";
    public string Usage => "setprofile <acc> <" + string.Join("|", Profiles.Settable.Keys) + "> <value>";

    public IEnumerable<string> AccountsIn(IReadOnlyList<string> args) => args.Take(1);

    public async ValueTask<GmResult> ExecuteAsync(GmContext context, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count < 3 || !Validate.Account(args[0])) return GmResult.Usage(this);
        string value = string.Join(' ', args.Skip(2));
        if (!Profiles.Settable.TryGetValue(args[1], out var check) || !check(value)) return GmResult.Usage(this, $"bad {args[1]} value");
        return await profiles.SetAsync(args[0], args[1], value).ConfigureAwait(false)
            ? GmResult.Ok($"{args[0]} {args[1]} = {value}")
            : new GmResult(ResultCode.UnknownAccount, $"{args[0]} has no profile (never logged in)");
    }
}

/// <summary>//gm addfriend acc1 acc2 (mutual).</summary>
internal sealed class AddFriendCommand(Friends friends) : IGmCommand
{
    public string Name => "addfriend";
    public string Usage => "addfriend <acc1> <acc2>";

    public IEnumerable<string> AccountsIn(IReadOnlyList<string> args) => args.Take(2);

    public async ValueTask<GmResult> ExecuteAsync(GmContext context, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count != 2 || !Validate.Account(args[0]) || !Validate.Account(args[1])) return GmResult.Usage(this);
        return await friends.AddAsync(args[0], args[1]).ConfigureAwait(false) switch
        {
            Friends.AddResult.Added => GmResult.Ok($"{args[0]} and {args[1]} are friends now"),
            Friends.AddResult.AlreadyFriends => GmResult.Ok($"{args[0]} and {args[1]} were already friends"),
            Friends.AddResult.Self => GmResult.Usage(this, "an account cannot befriend itself"),
            _ => new GmResult(ResultCode.ParamError, "a friend list is full"),
        };
    }
}

/// <summary>//gm sendmail acc text: a GM message into the account's inbox (pushed if online).</summary>
internal sealed class SendMailCommand(Inbox inbox) : IGmCommand
{
    public string Name => "sendmail";
    public string Usage => "sendmail <acc> <text...>";

    public IEnumerable<string> AccountsIn(IReadOnlyList<string> args) => args.Take(1);

    public async ValueTask<GmResult> ExecuteAsync(GmContext context, IReadOnlyList<string> args, CancellationToken ct)
    {
        string text = string.Join(' ', args.Skip(1));
        if (args.Count < 2 || !Validate.Account(args[0]) || !Validate.Text(text, 1000)) return GmResult.Usage(this);
        long id = await inbox.SendAsync(args[0], "gm", "Message from " + context.GmAccount, text).ConfigureAwait(false);
        return GmResult.Ok($"mail {id} sent to {args[0]}");
    }
}

/// <summary>//gm audit: recomputes every balance from the ledger.</summary>
internal sealed class AuditCommand(LedgerAudit audit) : IGmCommand
{
    public string Name => "audit";
    public string Usage => "audit";

    public async ValueTask<GmResult> ExecuteAsync(GmContext context, IReadOnlyList<string> args, CancellationToken ct)
    {
        var report = await audit.RunAsync(ct).ConfigureAwait(false);
        return new GmResult(report.Mismatches.Count == 0 ? ResultCode.Success : ResultCode.DataError, report.ToString());
    }
}
