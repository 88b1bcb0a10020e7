using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Player;

public class InboxTests : ServerFixture
{
    [Test]
    public async Task MailToAnOfflineAccountWaitsAndIsAnnouncedAtLogin()
    {
        string acc = await TestServer.KnownAccountAsync(Host);
        await TestServer.GmAsync(Host, $"//gm sendmail {acc} first");
        await TestServer.GmAsync(Host, $"//gm sendmail {acc} second");
        await using var client = await TestServer.LoginAsync(Host, acc);
        var unread = await client.WaitForAsync(f => f.ModuleType == 10 && f.OpId == 9);
        Assert.That(unread.GetLong("count"), Is.EqualTo(2));
        var messages = (await client.RequestAsync(10, 5)).GetList("messages");
        Assert.That(messages.Select(m => m["text"]), Is.EqualTo(new[] { "second", "first" }), "newest first");
        Assert.That(messages.Select(m => m["read"]), Is.All.EqualTo(false));
        Assert.That(messages.Select(m => m["kind"]), Is.All.EqualTo("gm"));

        long firstId = Convert.ToInt64(messages[1]["id"]);
        var read = await client.RequestAsync(10, 6, new { ids = new[] { firstId, 999_999 } });
        Assert.That(read.GetLong("marked"), Is.EqualTo(1), "an unknown id is not counted");
        messages = (await client.RequestAsync(10, 5)).GetList("messages");
        Assert.That(messages.Select(m => m["read"]), Is.EqualTo(new[] { false, true }));
    }

    [Test]
    public async Task MailToAnOnlineAccountIsPushedOnWhateverNodeItIs()
    {
        string acc = TestServer.NewAccount();
        await using var other = await TestServer.StartAsync(Redis, "node2");
        await using var client = await TestServer.LoginAsync(other, acc);
        await TestServer.GmAsync(Host, $"//gm sendmail {acc} hello across nodes");
        var push = await client.WaitForAsync(f => f.ModuleType == 10 && f.OpId == 7);
        Assert.That(push.GetMap("message")["text"], Is.EqualTo("hello across nodes"));
    }

    [Test]
    public async Task TheInboxKeepsOnlyTheNewestMessagesUpToItsCap()
    {
        string dir = TestServer.CopyConfig();
        File.WriteAllText(Path.Combine(dir, "player.json"), File.ReadAllText(Path.Combine(dir, "player.json")).Replace("\"inboxCap\": 200", "\"inboxCap\": 3"));
        await using var host = await TestServer.StartAsync(Redis, "capped", configDir: dir);
        string acc = TestServer.NewAccount();
        var inbox = TestServer.Player(host).Inbox;
        for (int i = 1; i <= 5; i++) await inbox.SendAsync(acc, "system", "t", $"m{i}");
        Assert.That((await inbox.ListAsync(acc)).Select(m => m.Text), Is.EqualTo(new[] { "m5", "m4", "m3" }));
    }

    [Test]
    public async Task AMessageSentWithADedupeKeyIsStoredOnce()
    {
        string acc = TestServer.NewAccount();
        var inbox = TestServer.Player(Host).Inbox;
        var ids = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => inbox.SendAsync(acc, "system", "Welcome back", "hi", dedupeKey: "welcome:1")));
        Assert.That(ids.Distinct().Count(), Is.EqualTo(1));
        Assert.That(await inbox.ListAsync(acc), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task BadReadRequestsAreParamErrors()
    {
        await using var client = await TestServer.LoginAsync(Host, TestServer.NewAccount());
        Assert.That((await client.RequestAsync(10, 6, new { ids = Array.Empty<long>() })).Result, Is.EqualTo(2));
        Assert.That((await client.RequestAsync(10, 6, new { ids = new[] { -1 } })).Result, Is.EqualTo(2));
        Assert.That((await client.RequestAsync(10, 6, new { ids = "1,2" })).Result, Is.EqualTo(2));
        Assert.That((await client.RequestAsync(10, 6, new { ids = Enumerable.Range(1, 201).ToArray() })).Result, Is.EqualTo(2));
    }
}
