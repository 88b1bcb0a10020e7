namespace SocialGame.Tools.Bots;

/// <summary>
/// The bargain activity: every bot starts a bargain (period <see cref="BotOptions.Activity"/>, goods idx 1),
/// then helps the other bots' codes in turn (each help is one Lua call and, when it cuts, a push to the
/// code's owner); one in fifty steps reads the current bargain, each bot at its own step of the fifty so the
/// reads spread out instead of arriving all at once. The GM account funds the bots first. Without
/// <paramref name="reads"/> (scenario <c>help</c>) the bots only help, so every request is the same help.
/// </summary>
public sealed class BargainScenario(int activity, bool reads = true) : IBotScenario
{
    private string[] _codes = [];

    public async Task SetupAsync(BotFleet fleet, CancellationToken ct)
    {
        await fleet.FundAsync("yuanbao", 100000).ConfigureAwait(false);
        _codes = new string[fleet.Bots.Count];
        await Task.WhenAll(fleet.Bots.Select(async bot =>
        {
            var reply = await bot.CallAsync("start", 6, 3, new { id = activity, idx = 1, goodsid = 101 }).ConfigureAwait(false);
            if (reply is null) return;
            if (reply.Result != 0 && reply.Result != 12 && reply.Result != 24)
                throw new InvalidOperationException($"{bot.Account} could not start a bargain: {reply}");
            var current = await bot.CallAsync("getcurdata", 6, 2, new { id = activity }).ConfigureAwait(false);
            _codes[bot.Index] = current?.GetMap("bargaindata").GetValueOrDefault("code") as string ?? "";
        })).ConfigureAwait(false);
    }

    /// <summary>A bot reads its bargain once in this many steps.</summary>
    public const int ReadEvery = 50;

    /// <summary>Whether bot <paramref name="index"/> reads its bargain at <paramref name="step"/>: once in fifty steps, at a step
    /// of its own.</summary>
    public static bool ReadsAt(int index, int step) => (step + index) % ReadEvery == ReadEvery - 1;

    /// <summary>Whether bot <paramref name="index"/> of this scenario reads its bargain at <paramref name="step"/> (never without
    /// reads).</summary>
    public bool Reads(int index, int step) => reads && ReadsAt(index, step);

    public Task StepAsync(Bot bot, long? scheduled, CancellationToken ct)
    {
        int step = bot.State.TryGetValue("step", out var s) ? (int)s! : 0;
        bot.State["step"] = step + 1;
        if (Reads(bot.Index, step)) return bot.CallAsync("getcurdata", 6, 2, new { id = activity }, scheduled);
        int n = _codes.Length;
        int master = (bot.Index + 1 + step % Math.Max(1, n - 1)) % n;
        return bot.CallAsync("help", 6, 4,
            new { id = activity, deviceid = $"bot-device-{bot.Index}", devicetype = 0, bargaincode = _codes[master] }, scheduled);
    }
}
