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
        // Modules built side by side append codes in blocks allocated to each (the activity module: 70-79); a block may start
        // after a gap left for another until both are merged. Within the table, codes only go up, in declaration order.
        var declared = typeof(ResultCode).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => (int)f.GetValue(null)!).ToList();
        Assert.That(declared, Is.Ordered.Ascending.And.Unique);
        var values = declared.Where(v => v < 70).ToList();
        Assert.That(values, Is.EqualTo(Enumerable.Range(0, values.Count).ToList()));
        Assert.That(declared.Where(v => v >= 70).ToList(), Is.EqualTo(Enumerable.Range(70, declared.Count(v => v >= 70)).ToList()));
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
        foreach (var (path, text) in new[] { (ProtocolText.MarkdownPath, ProtocolText.Markdown()),
            (ProtocolText.LuaPath, ProtocolText.Lua()) })
        {
            string committed = File.ReadAllText(Path.Combine(TestServer.RepoRoot, path));
            Assert.That(committed, Is.EqualTo(text), $"{path} is stale: run ./run.sh protocol and commit it");
        }
    }

    /// <summary>The seed's flat EmOpID, name for name.</summary>
    private static readonly (string Name, int OpId)[] SeedOps =
    [
        ("bargain_getacklist", 0), ("bargain_getconfig", 1), ("bargain_getcurdata", 2), ("bargain_start", 3), ("bargain_help", 4),
        ("bargain_getgoods", 5), ("bargain_gethelp", 6), ("bargain_helpntf", 7), ("bargain_giveup", 8), ("bargain_gm_help", 1000),
    ];

    [Test]
    public void TheLuaTablesCarryTheSeedNames()
    {
        string lua = ProtocolText.Lua();
        Assert.That(lua, Does.Contain("bargain_doing_limit = 26,"));
        Assert.That(lua, Does.Contain("system_login = 1,"));
        Assert.That(lua, Does.Contain("EnumResult"));
        // the seed writes EmOpID.bargain_help: its names sit directly in EmOpID, before the per-module tables
        string flat = lua[lua.IndexOf("M.EmOpID = {", StringComparison.Ordinal)..lua.IndexOf("    system = {", StringComparison.Ordinal)];
        foreach (var (name, opid) in SeedOps) Assert.That(flat, Does.Contain($"\n    {name} = {opid},"), name);
        Assert.That(lua, Does.Contain("M.GoodsState = {\n    canget = 0,").And.Contain("    getting = 1,").And.Contain("    got = 2,")
            .And.Contain("    select = 3,"));
        foreach (var table in new[] { "PlayerState", "HelpState", "DeviceType", "KickReason", "Currency", "Push", "ResultName",
            "ModuleName", "OpName" })
            Assert.That(lua, Does.Contain($"M.{table}"), table);
        Assert.That(lua, Does.Contain($"M.PROTOCOL_VERSION = \"{ProtocolText.Version}\""));
    }

    [Test]
    public void TheProtocolVersionHashesTheCatalogueNotItsProse()
    {
        string canonical = ProtocolText.Canonical();
        Assert.That(ProtocolText.Version, Does.Match("^[0-9a-f]{16}$"));
        Assert.That(canonical, Does.Contain("op 6/1000 gm_help Request").And.Contain("result 54 already_owned")
            .And.Contain("request BargainHelpRequest.deviceid string required"));
        Assert.That(canonical, Does.Not.Contain("煮酒"), "documentation text is not part of the version");
        Assert.That(ProtocolText.Version, Is.EqualTo(Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)))[..16]));
    }
}
