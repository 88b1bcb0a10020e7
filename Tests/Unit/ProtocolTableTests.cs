using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Generators;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Unit;

public class ProtocolTableTests
{
    /// <summary>The seed's EnumResult, name for name and number for number.</summary>
    private static readonly string[] SeedResults =
    [
        "success", "module_close", "param_error", "click_too_fast", "data_error", "activity_no_open", "redis_error",
        "redis_no_data", "help_limit_account", "help_limit_ip", "help_limit_device", "bargain_none", "bargain_doing",
        "bargain_free", "bargain_over", "bargain_had", "code_make_fail", "help_not_exist", "help_already", "help_over",
        "help_not_self", "help_none", "use_yuanbao_failed", "add_goods_failed", "bargain_select_cur", "help_user_once",
        "bargain_doing_limit",
    ];

    [Test]
    public void ResultCodesZeroToTwentySixAreTheSeedsEnumResult()
    {
        for (int i = 0; i < SeedResults.Length; i++)
            Assert.That(ProtocolText.SnakeCase(((ResultCode)i).ToString()), Is.EqualTo(SeedResults[i]), $"code {i}");
    }

    [Test]
    public void AppendedCodesStartAtTwentySevenAndAreContiguous()
    {
        var values = Enum.GetValues<ResultCode>().Select(c => (int)c).OrderBy(v => v).ToList();
        Assert.That(values, Is.EqualTo(Enumerable.Range(0, values.Count).ToList()));
        Assert.That((int)ResultCode.NotLoggedIn, Is.EqualTo(27));
    }

    [Test]
    public void TheTablesHaveNoDuplicates() => Assert.That(ProtocolCatalog.Check(), Is.Empty);

    [Test]
    public void EveryOperationDocumentsItsFields()
    {
        foreach (var op in ProtocolCatalog.All)
        {
            if (op.Kind == OpKind.Request) Assert.That(op.RequestType, Is.Not.Null, op.ToString());
            foreach (var type in new[] { op.RequestType, op.ResponseType }.OfType<Type>())
                foreach (var (key, prop) in ProtocolText.KeyedProperties(type))
                    Assert.That(ProtocolText.Doc(prop), Is.Not.Empty, $"{type.Name}.{key} of {op}");
            if (op.Kind == OpKind.Request)
                Assert.That(ProtocolText.KeyedProperties(op.ResponseType).Select(k => k.Key), Does.Contain("result"), op.ToString());
        }
    }

    [Test]
    public void TheCommittedProtocolDocumentAndLuaConstantsAreCurrent()
    {
        foreach (var (path, text) in new[] { (ProtocolText.MarkdownPath, ProtocolText.Markdown()), (ProtocolText.LuaPath, ProtocolText.Lua()) })
        {
            string committed = File.ReadAllText(Path.Combine(TestServer.RepoRoot, path));
            Assert.That(committed, Is.EqualTo(text), $"{path} is stale: run ./run.sh protocol and commit it");
        }
    }

    [Test]
    public void TheLuaTablesCarryTheSeedNames()
    {
        string lua = ProtocolText.Lua();
        Assert.That(lua, Does.Contain("bargain_doing_limit = 26,"));
        Assert.That(lua, Does.Contain("system_login = 1,"));
        Assert.That(lua, Does.Contain("EnumResult"));
    }
}
