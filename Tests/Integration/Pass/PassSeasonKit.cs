using System.Globalization;
using SocialGame.Modules.Pass;
using SocialGame.Modules.Player;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.System;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Pass;

/// <summary>
/// The season the pass tests run: four levels (XP 100, 200, 300, 1000) and small caps, in a copy of Config/ whose
/// pass.json has it; its window is around the fake clock, which starts days behind the real one (so the login tokens
/// the test helpers mint stay valid while a test moves the clock by days).
/// </summary>
internal static class PassSeasonKit
{
    public static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddDays(-12);

    public static FakeClock NewClock() => new(Start);

    /// <summary>A config folder whose season <paramref name="season"/> runs from a day before <see cref="Start"/> for
    /// <paramref name="days"/> days.</summary>
    public static string Config(string season, int days = 5, string unclaimed = "grant")
    {
        string dir = TestServer.CopyConfig();
        string begin = Start.AddDays(-1).ToString("O", CultureInfo.InvariantCulture);
        string end = Start.AddDays(days).ToString("O", CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(dir, PassOptions.FileName), $$"""
        {
          "season": "{{season}}", "itemId": 8001, "productId": "pass_gift", "goldPrice": 3000,
          "giftingOn": true, "giftBegin": "2026-01-01T00:00:00Z", "giftEnd": "2030-01-01T00:00:00Z",
          "seasonBegin": "{{begin}}", "seasonEnd": "{{end}}", "unclaimedAtEnd": "{{unclaimed}}",
          "levels": [
            { "xp": 100, "free": [ { "currency": "gold", "amount": 100 } ], "premium": [ { "itemId": 9001, "count": 2 } ] },
            { "xp": 200, "free": [ { "itemId": 7001, "count": 3 } ], "premium": [ { "currency": "gold", "amount": 500 } ] },
            { "xp": 300, "premium": [ { "itemId": 1001, "days": 14 } ] },
            { "xp": 1000, "free": [ { "currency": "gold", "amount": 1000 } ] }
          ],
          "xpSources": {
            "login": { "xp": 10, "dailyCap": 10 },
            "giftGold": { "xp": 1, "per": 10, "dailyCap": 150 },
            "bargainHelp": { "xp": 20, "dailyCap": 40 },
            "redPacket": { "xp": 50, "dailyCap": 100 }
          }
        }
        """);
        return dir;
    }

    public static PassModule Pass(ServerHost host) => host.Modules.OfType<PassModule>().Single();
    public static PassSeason Season(ServerHost host) => Pass(host).Season;
    public static PlayerBase PlayerOf(ServerHost host) => TestServer.Player(host);

    /// <summary>Logs in with a token valid at the fake clock's time.</summary>
    public static async Task<Client.GameClient> LoginAsync(ServerHost host, FakeClock clock, string acc)
    {
        var client = await TestServer.ConnectAsync(host);
        var reply = await client.RequestAsync(SystemProtocol.Login,
            new LoginRequest { Acc = acc, Token = TestServer.Token(acc, clock.UtcNow.ToUnixTimeSeconds() + 3600) });
        Assert.That(reply.Result, Is.EqualTo((int)ResultCode.Success), reply.ToJson());
        return client;
    }

    /// <summary>Gives <paramref name="acc"/> <paramref name="xp"/> season XP through the XP path (a source of the test's own,
    /// uncapped).</summary>
    public static async Task GiveXpAsync(ServerHost host, string acc, long xp) =>
        Assert.That(await Season(host).AddXpAsync(acc, "test", new PassXpSource { Xp = 1, DailyCap = 1_000_000 },
            "test:" + Guid.NewGuid(), xp), Is.EqualTo(xp));

    public static async Task<long> GoldAsync(ServerHost host, string acc) => (await PlayerOf(host).Ledger.GetWalletAsync(acc))["gold"];

    public static async Task<long> CountAsync(ServerHost host, string acc, int item) =>
        (await PlayerOf(host).Ledger.GetInventoryAsync(acc)).Where(i => i.Item.Id == item).Sum(i => i.Count);

    public static async Task<long> ExpiryAsync(ServerHost host, string acc, int item) =>
        (await PlayerOf(host).Ledger.GetInventoryAsync(acc)).Where(i => i.Item.Id == item).Select(i => i.ExpireTime).SingleOrDefault();
}
