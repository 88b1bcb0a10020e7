using System.Text.Json.Nodes;
using SocialGame.Modules.Bargain;
using SocialGame.Tests.Infrastructure;
using StackExchange.Redis;

namespace SocialGame.Tests.Integration;

/// <summary>
/// bargain_doc.lua: the help lists are kept as JSON text at the end of their values, so a help appends
/// instead of re-encoding. Values written with the list elsewhere (an older version, a hand repair) must
/// still be read whole, and the text searches must be exact for any account or code text.
/// </summary>
public class BargainDocTests : BargainFixture
{
    private static string Library()
    {
        var assembly = typeof(BargainStore).Assembly;
        string name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".bargain_doc.lua", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }

    /// <summary>Runs <paramref name="body"/> after the library on the test's Redis.</summary>
    private async Task<RedisResult> EvalAsync(string body, params RedisValue[] args) =>
        await Db.ScriptEvaluateAsync(Library() + "\n" + body, [], args);

    [Test]
    public async Task AHelpOnACodeAndAHelperWrittenWithTheListFirstKeepsEveryEntryAndMovesTheListLast()
    {
        string master = TestServer.NewAccount("m");
        await using var m = await LoginAsync(master);
        string code = await StartAsync(m, 1);
        var stored = (await CodeJsonAsync(code))!;
        long total = stored["totaldelprice"]!.GetValue<long>();
        // The older layout: helperlist first, other fields after it.
        string older = "{\"helperlist\":[{\"acc\":\"old1\",\"delprice\":3},{\"acc\":\"old2\",\"delprice\":4}]," +
                       string.Join(",", stored.Where(kv => kv.Key != "helperlist").Select(kv =>
                           $"\"{kv.Key}\":{(kv.Key == "totaldelprice" ? (total + 7).ToString() : kv.Value!.ToJsonString())}")) + "}";
        await Db.HashSetAsync(PeriodKeys.Code(1), code, older);

        string helper = TestServer.NewAccount("h");
        await using var h = await LoginAsync(helper);
        await Db.HashSetAsync(PeriodKeys.Player(1), helper,
            "{\"helplist\":[{\"code\":\"ZZZZ\",\"acc\":\"someone\",\"delprice\":5}],\"gotgoods\":[],\"selectgoods\":[]," +
                "\"getinggoods\":{}}");

        var reply = await HelpAsync(h, code);
        Assert.That(reply.Result, Is.EqualTo(0), reply.ToString());
        long cut = reply["delprice"]!.GetValue<long>();
        Assert.That(cut, Is.EqualTo(5), "not the helper's first help (it has one already): the later amount");

        string raw = (await Db.HashGetAsync(PeriodKeys.Code(1), code)).ToString();
        Assert.That(raw, Does.EndWith("]}").And.Contain(",\"helperlist\":["), "rewritten with the list last");
        var codeJson = JsonNode.Parse(raw)!;
        Assert.That(codeJson["helperlist"]!.AsArray().Select(x => x!["acc"]!.GetValue<string>()),
            Is.EqualTo(new[] { "old1", "old2", helper }));
        Assert.That(codeJson["totaldelprice"]!.GetValue<long>(), Is.EqualTo(total + 7 + cut));
        Assert.That(codeJson["master"]!.GetValue<string>(), Is.EqualTo(master));
        var helps = (await PlayerJsonAsync(helper))!;
        Assert.That(helps["helplist"]!.AsArray().Select(x => x!["code"]!.GetValue<string>()), Is.EqualTo(new[] { "ZZZZ", code }));
        Assert.That(helps["gotgoods"]!.ToJsonString(), Is.EqualTo("[]"));
        Assert.That(helps["getinggoods"]!.ToJsonString(), Is.EqualTo("{}"));

        // The rewritten value takes the appending path: a second helper adds to the text.
        string second = TestServer.NewAccount("h");
        await using var h2 = await LoginAsync(second);
        Assert.That((await HelpAsync(h2, code)).Result, Is.EqualTo(0));
        codeJson = (await CodeJsonAsync(code))!;
        Assert.That(codeJson["helperlist"]!.AsArray().Select(x => x!["acc"]!.GetValue<string>()),
            Is.EqualTo(new[] { "old1", "old2", helper, second }));
        Assert.That(codeJson["helperlist"]!.AsArray().Sum(x => x!["delprice"]!.GetValue<long>()) + stored["sysdelprice"]!.GetValue<long>(),
            Is.EqualTo(codeJson["totaldelprice"]!.GetValue<long>()), "the total is the system cut plus every helper's cut");
    }

    [TestCase("{\"a\":1,\"list\":[]}", "", "{\"a\":1}")]
    [TestCase("{\"list\":[{\"x\":1}]}", "{\"x\":1}", "{}")]
    [TestCase("{\"list\":[{\"x\":1}],\"a\":[2]}", "{\"x\":1}", "{\"a\":[2]}")]
    [TestCase("{\"a\":\"],\\\"\",\"list\":[{\"x\":\"],\\\"b\"}]}", "{\"x\":\"],\\\"b\"}", "{\"a\":\"],\\\"\"}")]
    public async Task OpenSplitsAValueIntoItsFieldsAndItsListText(string raw, string items, string head)
    {
        var r = (RedisResult[])(await EvalAsync("local t, items = doc.open(ARGV[1], 'list') return {cjson.encode(t), items}", raw))!;
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(r[0].ToString()), JsonNode.Parse(head)), Is.True, r[0].ToString());
        Assert.That(JsonNode.Parse("[" + r[1] + "]")!.ToJsonString(), Is.EqualTo(JsonNode.Parse("[" + items + "]")!.ToJsonString()));
    }

    [Test]
    public async Task SearchesMatchWholeValuesOnlyWhateverTheTextHolds()
    {
        // Items whose values look like JSON syntax or like other values' prefixes.
        const string build = """
            local parts = {}
            for i, v in ipairs({'ab', 'a"b', 'x,"acc":"ab"', 'c\\', '],"acc":"q"}'}) do parts[i] = cjson.encode({acc = v, delprice = 1}) end
            local items = table.concat(parts, ',')
            local out = {}
            for i = 1, #ARGV do out[i] = doc.has(items, 'acc', ARGV[i]) and 1 or 0 end
            out[#ARGV + 1] = doc.has(items, 'code', 'ab') and 1 or 0
            out[#ARGV + 2] = doc.count(items, 'acc', 100)
            out[#ARGV + 3] = doc.count(items, 'acc', 3)
            return out
            """;
        var r = (RedisResult[])(await EvalAsync(build, "ab", "a", "a\"b", "q", "c\\", "c", "x,\"acc\":\"ab\"", "],\"acc\":\"q\"}", "b",
            "\"b"))!;
        Assert.That(r.Select(x => (long)x), Is.EqualTo(new long[] { 1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0, 5, 3 }));
    }

    [Test]
    public async Task WriteKeepsEmptyListsAsArraysAndTheListLast()
    {
        var r = (await EvalAsync("return doc.write({gotgoods = {}, getinggoods = {}}, 'helplist', '', nil, {'gotgoods'})"))!.ToString();
        var node = JsonNode.Parse(r)!;
        Assert.That(node["gotgoods"]!.ToJsonString(), Is.EqualTo("[]"));
        Assert.That(node["getinggoods"]!.ToJsonString(), Is.EqualTo("{}"));
        Assert.That(r, Does.EndWith(",\"helplist\":[]}"));
        Assert.That((await EvalAsync("return doc.write({}, 'helplist', '{\"a\":1}')"))!.ToString(),
            Is.EqualTo("{\"helplist\":[{\"a\":1}]}"));
        Assert.That((await EvalAsync("return doc.write({}, 'helplist', '', {a = 2})"))!.ToString(),
            Is.EqualTo("{\"helplist\":[{\"a\":2}]}"));
        Assert.That((await EvalAsync("return doc.write({}, 'helplist', '{\"a\":1}', {a = 2})"))!.ToString(),
            Is.EqualTo("{\"helplist\":[{\"a\":1},{\"a\":2}]}"));
    }
}
