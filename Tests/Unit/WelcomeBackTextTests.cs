using SocialGame.Core.Options;
using SocialGame.Modules.Account;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Unit;

/// <summary>The welcome back mail: shipped texts, placeholders, the language of the login, and the validation of configured
/// texts.</summary>
public class WelcomeBackTextTests
{
    private static AccountOptions Shipped() =>
        ConfigLoader.Load<AccountOptions>(Path.Combine(TestServer.ConfigDir, AccountOptions.FileName));

    [Test]
    public void TheShippedTextsFollowTheSeedInChineseAndHaveEnglishForAnEnglishLogin()
    {
        var texts = Shipped().Texts;
        Assert.That(texts.WelcomeBack("", "小明"),
            Is.EqualTo(("欢迎回来", "你好小明，欢迎回到社交游戏！你的账号注销申请已撤回。")));
        Assert.That(texts.WelcomeBack("zh-CN", "小明").Text, Does.StartWith("你好小明，欢迎回到社交游戏"));
        Assert.That(texts.WelcomeBack("en-US", "Ming"),
            Is.EqualTo(("Welcome back", "Hi Ming, welcome back to SocialGame! Your account cancellation has been withdrawn.")));
        Assert.That(texts.WelcomeBack("EN", "{app}").Text, Does.StartWith("Hi {app},"), "a nickname is not a template");
    }

    [Test]
    public void AnUnknownPlaceholderStopsTheServerNamingTheField()
    {
        var options = new AccountOptions();
        options.Texts.WelcomeBackTextEn = "Welcome back, {acc}!";
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Validate(options, AccountOptions.FileName));
        Assert.That(ex!.Message, Does.Contain("account.json").And.Contain("welcomeBackTextEn").And.Contain("{acc}"));
    }
}
