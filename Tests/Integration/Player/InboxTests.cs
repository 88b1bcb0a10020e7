using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Player;
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
        var unread = await client.WaitForAsync(PlayerProtocol.Unread);
        Assert.That(unread.Count, Is.EqualTo(2));
        var messages = (await client.RequestAsync(PlayerProtocol.GetInbox)).Messages;
        Assert.That(messages.Select(m => m.Text), Is.EqualTo(new[] { "second", "first" }), "newest first");
        Assert.That(messages.Select(m => m.Read), Is.All.EqualTo(false));
        Assert.That(messages.Select(m => m.Kind), Is.All.EqualTo("gm"));

        long firstId = messages[1].Id;
        var read = await client.RequestAsync(PlayerProtocol.ReadInbox, new ReadInboxRequest { Ids = [firstId, 999_999] });
        Assert.That(read.Marked, Is.EqualTo(1), "an unknown id is not counted");
        messages = (await client.RequestAsync(PlayerProtocol.GetInbox)).Messages;
        Assert.That(messages.Select(m => m.Read), Is.EqualTo(new[] { false, true }));
    }

    [Test]
    public async Task MailToAnOnlineAccountIsPushedOnWhateverNodeItIs()
    {
        string acc = TestServer.NewAccount();
        await using var other = await TestServer.StartAsync(Redis, "node2");
        await using var client = await TestServer.LoginAsync(other, acc);
        await TestServer.GmAsync(Host, $"//gm sendmail {acc} hello across nodes");
        var push = await client.WaitForAsync(PlayerProtocol.NewMessage);
        Assert.That(push.Message.Text, Is.EqualTo("hello across nodes"));
    }

    [Test]
    public async Task TheInboxKeepsOnlyTheNewestMessagesUpToItsCap()
    {
        string dir = TestServer.CopyConfig();
        File.WriteAllText(Path.Combine(dir, "player.json"),
            File.ReadAllText(Path.Combine(dir, "player.json")).Replace("\"inboxCap\": 200", "\"inboxCap\": 3"));
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
        var ids = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(_ => inbox.SendAsync(acc, "system", "Welcome back", "hi", dedupeKey: "welcome:1")));
        Assert.That(ids.Distinct().Count(), Is.EqualTo(1));
        Assert.That(await inbox.ListAsync(acc), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task BadReadRequestsAreParamErrors()
    {
        await using var client = await TestServer.LoginAsync(Host, TestServer.NewAccount());
        const int paramError = (int)ResultCode.ParamError;
        Assert.That((await client.RequestAsync(PlayerProtocol.ReadInbox, new ReadInboxRequest { Ids = [] })).Result,
            Is.EqualTo(paramError));
        Assert.That((await client.RequestAsync(PlayerProtocol.ReadInbox, new ReadInboxRequest { Ids = [-1] })).Result,
            Is.EqualTo(paramError));
        Assert.That((await client.RequestRawAsync(PlayerProtocol.ReadInbox, new { ids = "1,2" })).Result, Is.EqualTo(paramError),
            "ids of the wrong type");
        Assert.That((await client.RequestAsync(PlayerProtocol.ReadInbox,
            new ReadInboxRequest { Ids = [.. Enumerable.Range(1, 201).Select(i => (long)i)] })).Result,
            Is.EqualTo(paramError));
    }
}
