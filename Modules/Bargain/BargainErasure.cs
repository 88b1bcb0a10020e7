using System.Text.Json;
using SocialGame.Core.Logging;
using SocialGame.Core.Storage;
using SocialGame.Core.Storage.Keys;
using StackExchange.Redis;

namespace SocialGame.Modules.Bargain;

/// <summary>
/// The bargain step of deleting an account, one Lua step per period (<c>bargain_erase.lua</c>): its :player field and the
/// codes it owns go; where it helped others' codes, and in the helplists of those who helped its codes, its name becomes
/// <see cref="DeletedAccount.Placeholder"/> with a random tag, amounts unchanged (so every code's total still equals its
/// helperlist and the codes others own go on); it leaves the IP and device lists. A code of its being bought (getgoods in
/// flight) makes the step fail after the other periods, so the deletion finishes on a later pass once the purchase ended.
/// </summary>
internal sealed class BargainErasure
{
    private enum EraseOutcome
    {
        Done,
        Collecting,
    }

    private static readonly StringCodec<EraseOutcome> Outcomes = StringCodec<EraseOutcome>.SnakeCase("bargain_erase outcome");

    private sealed record EraseArgs(RedisKey Player, RedisKey Code, RedisKey Help, string Account, string Placeholder,
        IReadOnlyList<string> Codes, IReadOnlyList<string> HelpFields) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(Player).Key(Code).Key(Help).Args(Account, Placeholder)
            .Counted(Codes, (c, code) => c.Arg(code)).Each(HelpFields, (c, field) => c.Arg(field));
    }

    private readonly RedisStore _redis;
    private readonly LuaScript<EraseArgs, (EraseOutcome Outcome, long Codes, long Renamed)> _erase;

    public BargainErasure(RedisStore redis, ScriptRegistry scripts)
    {
        _redis = redis;
        _erase = new(scripts, typeof(BargainErasure).Assembly, "bargain_erase.lua", r => (r.Outcome(Outcomes, 0), r.Long(1), r.Long(2)));
    }

    public async Task EraseAccountAsync(string acc)
    {
        string placeholder = DeletedAccount.NewName();
        var collecting = new List<string>();
        await foreach (var player in _redis.ScanAsync(BargainKeys.PlayerPattern).ConfigureAwait(false))
        {
            var (code, help) = BargainKeys.PeriodOf(player.ToString());
            var owned = await FieldsAsync(code, value => CodeRecord.Parse(value)?.Master == acc).ConfigureAwait(false);
            var helpLists = await FieldsAsync(help, value => value.StartsWith('[')
                && JsonSerializer.Deserialize<string[]>(value)?.Contains(acc) == true).ConfigureAwait(false);
            var (outcome, codes, renamed) = await _erase.CallAsync(new EraseArgs(player, code, help, acc, placeholder, owned, helpLists))
                .ConfigureAwait(false);
            if (outcome == EraseOutcome.Collecting) collecting.Add(player.ToString());
            else if (codes + renamed > 0)
                DataLog.Write("bargain erased", ("acc", acc), ("period", player.ToString()), ("codes", codes), ("renamed", renamed));
        }
        if (collecting.Count > 0)
            throw new InvalidOperationException($"a bargain code of {acc} is being bought ({string.Join(",", collecting)}); erased on a " +
                "later pass");
    }

    /// <summary>The fields of hash <paramref name="key"/> whose value <paramref name="holds"/> the account (read with HSCAN).</summary>
    private async Task<List<string>> FieldsAsync(RedisKey key, Func<string, bool> holds)
    {
        var fields = new List<string>();
        await foreach (var entry in _redis.Db.HashScanAsync(key, pageSize: 500).ConfigureAwait(false))
            if (holds(entry.Value.ToString())) fields.Add(entry.Name.ToString());
        return fields;
    }
}
