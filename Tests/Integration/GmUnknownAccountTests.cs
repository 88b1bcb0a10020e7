using SocialGame.Protocol;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

/// <summary>Every GM command that names an account refuses one that does not exist, and changes nothing.</summary>
public class GmUnknownAccountTests : ServerFixture
{
    /// <summary>Each command naming accounts, with {x} where the unknown account goes and {k} a known one.</summary>
    private static readonly (string Command, string Text)[] Lines =
    [
        ("kick", "kick {x}"),
        ("online", "online {x}"),
        ("notice", "notice {x} hello"),
        ("addmoney", "addmoney {x} gold 10"),
        ("additem", "additem {x} 1001 1"),
        ("setprofile", "setprofile {x} nickname X"),
        ("addfriend", "addfriend {k} {x}"),
        ("addfriend", "addfriend {x} {k}"),
        ("sendmail", "sendmail {x} hello"),
        ("setrecord", "setrecord {x} family member"),
        ("store", "store limits {x}"),
        ("store", "store grant {x} aquarium 201"),
    ];

    [Test]
    public async Task EachOneAnswersUnknownAccountAndLeavesNoTrace()
    {
        string known = TestServer.NewAccount("k");
        await using (await TestServer.LoginAsync(Host, known))
        {
        }
        foreach (var (_, line) in Lines)
        {
            string unknown = TestServer.NewAccount("nosuch");
            string text = "//gm " + line.Replace("{x}", unknown).Replace("{k}", known);
            string output = await TestServer.GmAsync(Host, text, ResultCode.UnknownAccount);
            Assert.That(output, Does.Contain(unknown), text);
            Assert.That(await KeysAsync($"*{unknown}*"), Is.Empty, $"{text} left data behind");
        }
        Assert.That(await TestServer.GmAsync(Host, $"//gm addmoney {known} gold 10"), Does.Contain("gold +10"),
            "a known account still works");
    }

    private async Task<List<string>> KeysAsync(string pattern)
    {
        await using var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"{Redis.Address},allowAdmin=true");
        var server = admin.GetServer(Redis.Address);
        var keys = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: pattern)) keys.Add(key.ToString());
        return keys;
    }

    [Test]
    public async Task NoCommandThatNamesAnAccountIsLeftOut()
    {
        string help = await TestServer.GmAsync(Host, "help");
        var naming = help.Split('\n')
            // live's <owner> is the live platform's, as the live events give it: not a game account
            .Where(l => l.Contains("<acc", StringComparison.Ordinal))
            .Select(l => l["//gm ".Length..].Split(' ')[0])
            .ToHashSet();
        Assert.That(naming, Is.Not.Empty);
        Assert.That(naming, Is.SubsetOf(Lines.Select(l => l.Command).ToHashSet()), "a command naming an account without a test line here");
    }
}
