namespace SocialGame.Tools.Bots;

/// <summary>
/// Room gifts (scenario <c>gift</c>): the GM opens one live room per ten bots and funds every bot with gold; each step a bot
/// sends a Rose (gift 1) to the next bot of its room under a new request id, so every request is a paid gift (the ledger, the
/// charm and wealth stats, the room's broadcast to its ten members, and the gift event's handlers, the rankings among them).
/// Scenario <c>ranktop</c>: after the same set-up and one gift from each bot, every step reads the first 20 places of the
/// daily charm board.
/// </summary>
public sealed class GiftScenario(bool top = false) : IBotScenario
{
    /// <summary>Bots per room.</summary>
    public const int RoomSize = 10;

    private static string RoomOf(int index) => "benchroom" + (index / RoomSize);

    public async Task SetupAsync(BotFleet fleet, CancellationToken ct)
    {
        var gm = await fleet.ConnectAsync("gm", fleet.Bots.Count).ConfigureAwait(false);
        try
        {
            for (int r = 0; r * RoomSize < fleet.Bots.Count; r++)
                await fleet.GmAsync(gm, $"//gm live start {RoomOf(r * RoomSize)} owner").ConfigureAwait(false);
            foreach (var bot in fleet.Bots) await fleet.GmAsync(gm, $"//gm addmoney {bot.Account} gold 100000000").ConfigureAwait(false);
        }
        finally
        {
            await gm.DisposeAsync().ConfigureAwait(false);
        }
        await Task.WhenAll(fleet.Bots.Select(bot => bot.CallAsync("join", 13, 1, new { roomid = RoomOf(bot.Index) })))
            .ConfigureAwait(false);
        if (top) await Task.WhenAll(fleet.Bots.Select(bot => SendAsync(bot, fleet.Bots, null))).ConfigureAwait(false);
        foreach (var bot in fleet.Bots) bot.State["bots"] = fleet.Bots;
    }

    public Task StepAsync(Bot bot, long? scheduled, CancellationToken ct) => top
        ? bot.CallAsync("top", 18, 1, new { board = "charm_day", period = "", offset = 0, count = 20 }, scheduled)
        : SendAsync(bot, (List<Bot>)bot.State["bots"]!, scheduled);

    private static Task SendAsync(Bot bot, List<Bot> bots, long? scheduled)
    {
        int step = bot.State.TryGetValue("step", out var s) ? (int)s! : 0;
        bot.State["step"] = step + 1;
        int first = bot.Index / RoomSize * RoomSize, size = Math.Min(RoomSize, bots.Count - first);
        var to = bots[first + (bot.Index - first + 1 + step % Math.Max(1, size - 1)) % size];
        return bot.CallAsync("sendgift", 13, 11,
            new { roomid = RoomOf(bot.Index), to = to.Account, giftid = 1, count = 1, reqid = $"b{bot.Index}s{step}" }, scheduled);
    }
}
