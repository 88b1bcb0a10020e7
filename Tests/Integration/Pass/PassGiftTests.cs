using System.Net.Http.Json;
using SocialGame.Modules.Pass;
using SocialGame.Modules.Player;
using SocialGame.Modules.Player.Payments;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Pass;
using SocialGame.Protocol.Messages.System;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Pass;

public class PassGiftTests : ServerFixture
{
    private PlayerBase Player => TestServer.Player(Host);
    private PassGifts Gifts => Host.Modules.OfType<PassModule>().Single().Gifts;

    /// <summary>Two logged-in friends; the giver has gold.</summary>
    private async Task<(Client.GameClient Giver, string From, Client.GameClient Friend, string To)> FriendsAsync(long gold = 5000)
    {
        string from = TestServer.NewAccount("g"), to = TestServer.NewAccount("r");
        var giver = await TestServer.LoginAsync(Host, from);
        var friend = await TestServer.LoginAsync(Host, to);
        await TestServer.GmAsync(Host, $"//gm addfriend {from} {to}");
        if (gold > 0) await TestServer.GmAsync(Host, $"//gm addmoney {from} gold {gold}");
        return (giver, from, friend, to);
    }

    private async Task<long> PassCountAsync(string acc) =>
        (await Player.Ledger.GetInventoryAsync(acc)).Where(i => i.Item.Id == 8001).Sum(i => i.Count);

    [Test]
    public async Task AGoldGiftUnlocksThePassForTheFriendAndTellsThem()
    {
        var (giver, from, friend, to) = await FriendsAsync();
        await using var _g = giver;
        await using var _f = friend;
        var entry = await giver.RequestAsync(PassProtocol.Entry);
        Assert.That((entry.Gifting, entry.Owned, entry.GoldPrice), Is.EqualTo((1, 0, 3000L)));
        var gift = await giver.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = to, Pay = 1 });
        Assert.That((gift.Result, gift.State), Is.EqualTo((0, "unlocked")), gift.ToJson());
        Assert.That((await Player.Ledger.GetWalletAsync(from))["gold"], Is.EqualTo(2000));
        Assert.That(await PassCountAsync(to), Is.EqualTo(1));
        var mail = await friend.WaitForAsync(PlayerProtocol.NewMessage);
        Assert.That(mail.Message.Text, Does.Contain("season pass"));
        // Owned now; the claim button follows the season's claimable rewards (PassSeasonTests), none at the first login's XP.
        Assert.That((await friend.RequestAsync(PassProtocol.Entry)).Owned, Is.EqualTo(1));
        var records = await giver.RequestAsync(PassProtocol.Records);
        Assert.That(records.Sent.Single().To, Is.EqualTo(to));
        Assert.That((await friend.RequestAsync(PassProtocol.Records)).Received.Single().State, Is.EqualTo("unlocked"));
        Assert.That(TestLogging.DataLogLines().Any(l => l.Contains("\"op\":\"pass gift unlock\"") && l.Contains(to)), Is.True);
    }

    [Test]
    public async Task EachRefusalHasItsCodeAndChargesNothing()
    {
        var (giver, from, friend, to) = await FriendsAsync(gold: 100);
        await using var _g = giver;
        await using var _f = friend;
        string stranger = TestServer.NewAccount();
        await (await TestServer.LoginAsync(Host, stranger)).DisposeAsync();
        Assert.That((await giver.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = stranger, Pay = 1 })).Result,
            Is.EqualTo((int)ResultCode.NotFriends));
        Assert.That((await giver.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = from, Pay = 1 })).Result,
            Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await giver.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = to, Pay = 3 })).Result,
            Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await giver.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = to, Pay = 1 })).Result,
            Is.EqualTo((int)ResultCode.InsufficientFunds));
        Assert.That((await Player.Ledger.GetWalletAsync(from))["gold"], Is.EqualTo(100));

        string ghost = TestServer.NewAccount();
        // a friend without a profile (the GM's addfriend refuses an unknown account, so the friendship is made directly)
        await Player.Friends.AddAsync(from, ghost);
        Assert.That((await giver.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = ghost, Pay = 1 })).Result,
            Is.EqualTo((int)ResultCode.RecipientIneligible), "never logged in");

        await TestServer.GmAsync(Host, $"//gm additem {to} 8001 1");
        Assert.That((await giver.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = to, Pay = 2 })).Result,
            Is.EqualTo((int)ResultCode.RecipientIneligible), "already owns it");

        var (g2, from2, f2, to2) = await FriendsAsync();
        await using var _g2 = g2;
        await using var _f2 = f2;
        Assert.That((await f2.RequestAsync(AccountProtocol.CancelApply)).Result, Is.EqualTo(0));
        Assert.That((await g2.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = to2, Pay = 1 })).Result,
            Is.EqualTo((int)ResultCode.RecipientIneligible), "cancelling");
        Assert.That((await Player.Ledger.GetWalletAsync(from2))["gold"], Is.EqualTo(5000));
    }

    [Test]
    public async Task AnRmbGiftIsUnlockedOnceByThePaymentCallbackEvenWhenItRepeats()
    {
        var (giver, _, friend, to) = await FriendsAsync(gold: 0);
        await using var _g = giver;
        await using var _f = friend;
        var gift = await giver.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = to, Pay = 2 });
        Assert.That((gift.Result, gift.State, gift.Amount), Is.EqualTo((0, "ordered", 3000L)), gift.ToJson());
        string order = gift.OrderId;
        Assert.That(await PassCountAsync(to), Is.EqualTo(0), "nothing before the payment");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Host.AdminPort}") };
        var callbacks = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => http.PostAsJsonAsync("/pay/callback",
            new { orderid = order, amount = 3000, txid = "tx-pass",
                sign = Payments.Sign(PlayerOptions.DevelopmentPaySecret, order, 3000, "tx-pass") })));
        Assert.That(callbacks.Select(c => (int)c.StatusCode), Is.All.EqualTo(200));
        Assert.That(await PassCountAsync(to), Is.EqualTo(1));
        Assert.That((await Player.Inbox.ListAsync(to)).Count(m => m.Kind == "gift"), Is.EqualTo(1));
        Assert.That((await Player.Payments.GetAsync(order))!.State, Is.EqualTo(OrderState.Fulfilled));
        Assert.That((await Gifts.GetAsync(gift.GiftId))!.Value.State, Is.EqualTo(PassGiftState.Unlocked));
    }

    [Test]
    public async Task AskingAgainBeforePayingAnswersTheSameOrder()
    {
        // Each request used to leave another gift and order behind: unpaid, never expiring, filling the friend's records.
        var (giver, from, friend, to) = await FriendsAsync(gold: 0);
        await using var _g = giver;
        await using var _f = friend;
        var first = await giver.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = to, Pay = 2 });
        var again = await giver.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = to, Pay = 2 });
        Assert.That((again.Result, again.GiftId, again.OrderId), Is.EqualTo((0, first.GiftId, first.OrderId)));
        Assert.That((await Gifts.RecordsAsync(from)).Sent, Has.Count.EqualTo(1));
        Assert.That((await Gifts.RecordsAsync(to)).Received, Is.Empty, "an unpaid gift is the sender's record only");
        await TestServer.PayAsync(Host, first.OrderId, 3000, "tx-once");
        Assert.That(await PassCountAsync(to), Is.EqualTo(1));
        Assert.That((await Gifts.RecordsAsync(to)).Received.Single().State, Is.EqualTo("unlocked"));
        Assert.That((await giver.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = to, Pay = 2 })).Result,
            Is.EqualTo((int)ResultCode.RecipientIneligible), "paid: a new request is a new gift, refused as the friend owns it now");
    }

    [Test]
    public async Task AFriendWhoBecameIneligibleBeforeTheCallbackGetsNothingAndTheOrderIsRecordedForRefund()
    {
        var (giver, from, friend, to) = await FriendsAsync(gold: 0);
        await using var _g = giver;
        await using var _f = friend;
        var gift = await giver.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = to, Pay = 2 });
        string order = gift.OrderId, id = gift.GiftId;
        Assert.That((await friend.RequestAsync(AccountProtocol.CancelApply)).Result, Is.EqualTo(0),
            "the friend applies for cancellation meanwhile");
        Assert.That(await Player.Payments.OnCallbackAsync(order, 3000, "tx-late",
            Payments.Sign(PlayerOptions.DevelopmentPaySecret, order, 3000, "tx-late")),
            Is.EqualTo(CallbackResult.Ok));
        Assert.That(await PassCountAsync(to), Is.EqualTo(0));
        Assert.That((await Gifts.GetAsync(id))!.Value.State, Is.EqualTo(PassGiftState.Refunded));
        Assert.That((await Gifts.RmbRefundsAsync()).Count(r => r.Contains(order) && r.Contains(from) && r.Contains("3000")), Is.EqualTo(1));
        Assert.That((await Player.Payments.GetAsync(order))!.State, Is.EqualTo(OrderState.Fulfilled), "handled: not retried forever");
    }

    [Test]
    public async Task TwoGoldGiftsRacingForOneFriendUnlockOnceAndRefundTheOther()
    {
        var (g1, from1, friend, to) = await FriendsAsync();
        string from2 = TestServer.NewAccount("g");
        await using var g2 = await TestServer.LoginAsync(Host, from2);
        await TestServer.GmAsync(Host, $"//gm addfriend {from2} {to}");
        await TestServer.GmAsync(Host, $"//gm addmoney {from2} gold 5000");
        await using var _g1 = g1;
        await using var _f = friend;
        var replies = await Task.WhenAll(g1.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = to, Pay = 1 }),
            g2.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = to, Pay = 1 }));
        var states = replies.Select(r => r.State).ToList();
        Assert.That(states.Count(s => s == "unlocked"), Is.EqualTo(1), string.Join(",", replies.Select(r => r.ToJson())));
        Assert.That(states.Count(s => s == "refunded" || s == null), Is.EqualTo(1));
        Assert.That(await PassCountAsync(to), Is.EqualTo(1));
        var gold = new[] { (await Player.Ledger.GetWalletAsync(from1))["gold"], (await Player.Ledger.GetWalletAsync(from2))["gold"] };
        Assert.That(gold.Order(), Is.EqualTo(new[] { 2000L, 5000L }), "one paid, the other got its gold back (or was never charged)");
    }

    [Test]
    public async Task GiftingSwitchedOffHidesTheButtonAndRefusesGifts()
    {
        string dir = TestServer.CopyConfig();
        File.WriteAllText(Path.Combine(dir, "pass.json"),
            File.ReadAllText(Path.Combine(dir, "pass.json")).Replace("\"giftingOn\": true", "\"giftingOn\": false"));
        await using var host = await TestServer.StartAsync(Redis, "off", configDir: dir);
        string from = TestServer.NewAccount(), to = TestServer.NewAccount();
        await using var giver = await TestServer.LoginAsync(host, from);
        await (await TestServer.LoginAsync(host, to)).DisposeAsync();
        await TestServer.GmAsync(host, $"//gm addfriend {from} {to}");
        Assert.That((await giver.RequestAsync(PassProtocol.Entry)).Gifting, Is.EqualTo(0));
        Assert.That((await giver.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = to, Pay = 1 })).Result,
            Is.EqualTo((int)ResultCode.GiftingClosed));
    }

    [Test]
    public async Task GoldGiftsACrashLeftPayingAreFinishedByTheSweep()
    {
        var (giver, from, friend, to) = await FriendsAsync();
        await using var _g = giver;
        await using var _f = friend;
        var db = Host.Services.Redis.Db;
        long past = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 120;
        // Two gifts as a crash leaves them: both recorded as paying, only the first one debited.
        foreach (var id in new[] { "Gcrashpaid", "Gcrashunpaid" })
        {
            await db.HashSetAsync($"sg:{{passgift}}:{id}",
                [new("from", from), new("to", to), new("season", "S1"), new("pay", 1), new("state", "paying"), new("time", past)]);
            await db.SortedSetAddAsync("sg:{passgift}:paying", id, past);
        }
        await Player.Ledger.ApplyAsync(LedgerOperation.Currency(from, "passgift:Gcrashpaid:pay", "pass gift", "gold", -3000));
        Assert.That(await Gifts.SweepPayingAsync(TimeSpan.FromSeconds(60)), Is.EqualTo(2));
        Assert.That((await Gifts.GetAsync("Gcrashpaid"))!.Value.State, Is.EqualTo(PassGiftState.Unlocked));
        Assert.That(await Gifts.GetAsync("Gcrashunpaid"), Is.Null, "never paid: no record kept");
        Assert.That(await PassCountAsync(to), Is.EqualTo(1));
        Assert.That((await Player.Ledger.GetWalletAsync(from))["gold"], Is.EqualTo(2000), "paid once, nothing taken for the unpaid one");
        Assert.That(await Gifts.SweepPayingAsync(TimeSpan.FromSeconds(60)), Is.EqualTo(0), "nothing left to sweep");
    }

    [Test]
    public async Task ASendersNameCannotInjectFieldsIntoTheInboxMessageOrTheRefundRecord()
    {
        // A name that closes the JSON string: the inbox message's extra used to be put together by hand,
        // and this sender gave the friend's client a jumpUrl. Such a name cannot log in any more...
        const string injecting = "x\",\"jumpUrl\":\"javascript:alert(1)";
        await using (var client = await TestServer.ConnectAsync(Host))
            Assert.That((await client.RequestAsync(SystemProtocol.Login,
                new LoginRequest { Acc = injecting, Token = TestServer.Token(injecting) })).Result, Is.EqualTo((int)ResultCode.ParamError));

        // ...and one already stored (from before the rule) is one value in the JSON, never a field of its own.
        string to = TestServer.NewAccount("r");
        await (await TestServer.LoginAsync(Host, to)).DisposeAsync();
        await Player.Friends.AddAsync(injecting, to);
        string id = "G" + Guid.NewGuid().ToString("N")[..12];
        Assert.That(await Gifts.UnlockAsync(id, injecting, to, () => Task.CompletedTask), Is.EqualTo(PassGiftState.Unlocked));
        var mail = (await Player.Inbox.ListAsync(to)).Single(m => m.Kind == "gift");
        using (var extra = System.Text.Json.JsonDocument.Parse(mail.Extra))
        {
            Assert.That(extra.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "giftid", "from" }), mail.Extra);
            Assert.That(extra.RootElement.GetProperty("from").GetString(), Is.EqualTo(injecting));
        }

        await Gifts.RecordRmbRefundAsync(id, "O-" + id, injecting, 600);
        string record = (await Gifts.RmbRefundsAsync()).Single(r => r.Contains(id));
        using var json = System.Text.Json.JsonDocument.Parse(record);
        Assert.That(json.RootElement.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "giftid", "orderid", "acc", "amount", "time" }), record);
        Assert.That((json.RootElement.GetProperty("acc").GetString(), json.RootElement.GetProperty("amount").GetInt64()),
            Is.EqualTo((injecting, 600L)));
    }
}
