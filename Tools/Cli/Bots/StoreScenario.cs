namespace SocialGame.Tools.Bots;

/// <summary>
/// The store: the GM account funds the bots with gold, then every step buys one koi (aquarium store item 201, a daily
/// limit per account; <c>benchconfig</c> raises it so the buys are not refused) with a request id of its own: one ledger
/// operation that debits, grants and counts the limit in one Lua call.
/// </summary>
public sealed class StoreScenario : IBotScenario
{
    public Task SetupAsync(BotFleet fleet, CancellationToken ct) => fleet.FundAsync("gold", 1_000_000_000);

    public Task StepAsync(Bot bot, long? scheduled, CancellationToken ct)
    {
        int step = bot.State.TryGetValue("step", out var s) ? (int)s! : 0;
        bot.State["step"] = step + 1;
        return bot.CallAsync("buy", 16, 3, new { storeid = "aquarium", itemid = 201, count = 1, price = 100,
            reqid = $"b{bot.Index}-{step}" }, scheduled);
    }
}
