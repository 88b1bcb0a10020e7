using System.Reflection;
using System.Text.RegularExpressions;
using SocialGame.Core.Storage.Keys;
using SocialGame.Modules.Player;
using SocialGame.Tests.Infrastructure;
using StackExchange.Redis;

namespace SocialGame.Tests.Unit;

/// <summary>
/// The key spaces: every module builds its keys in its one keys type, which declares their shapes; no two shapes
/// overlap; every key of an account is declared as account data; no key is built anywhere else.
/// </summary>
public class KeySpaceTests
{
    /// <summary>Every keys type (a type named *Keys with declared <c>Patterns</c>) of the core and the modules.</summary>
    internal static IReadOnlyList<Type> KeyTypes =>
        new[] { typeof(AccountKeys).Assembly, typeof(PlayerKeys).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.Name.EndsWith("Keys", StringComparison.Ordinal)
                && t.GetField("Patterns", BindingFlags.Public | BindingFlags.Static) is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

    private static IReadOnlyList<KeyPattern> Declared(Type type, string member) =>
        type.GetField(member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IReadOnlyList<KeyPattern> ?? [];

    internal static IReadOnlyList<AccountData> AccountDataOf(Type type) =>
        type.GetField("AccountData", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IReadOnlyList<AccountData> ?? [];

    [Test]
    public void EveryModuleHasOneKeysType()
    {
        Assert.That(KeyTypes.Select(t => t.Name), Is.EquivalentTo(new[]
        {
            "AccountModuleKeys", "ActivityKeys", "BargainKeys", "CoreKeys", "PandoraKeys", "PassKeys", "PendantKeys", "PlayerKeys",
            "RankKeys", "RedPacketKeys", "RoomKeys", "StoreKeys",
        }));
    }

    [TestCase("Patterns")]
    [TestCase("Channels")]
    public void NoTwoShapesOverlap(string member)
    {
        var all = KeyTypes.SelectMany(t => Declared(t, member).Select(p => (Type: t.Name, Pattern: p))).ToList();
        Assert.That(all, Is.Not.Empty);
        var overlaps = new List<string>();
        for (int i = 0; i < all.Count; i++)
            for (int j = i + 1; j < all.Count; j++)
                if (all[i].Pattern.Overlaps(all[j].Pattern))
                    overlaps.Add($"{all[i].Type} {all[i].Pattern} ~ {all[j].Type} {all[j].Pattern}");
        Assert.That(overlaps, Is.Empty);
    }

    [Test]
    public void EveryKeyAndChannelAKeysTypeBuildsIsOfExactlyOneOfItsDeclaredShapes()
    {
        var problems = new List<string>();
        foreach (var type in KeyTypes)
        {
            var keys = Declared(type, "Patterns");
            var channels = Declared(type, "Channels");
            foreach (var (member, value) in Built(type))
            {
                var shapes = value is RedisChannel ? channels : keys;
                string text = value.ToString()!;
                int matching = shapes.Count(p => p.Matches(text));
                if (matching != 1) problems.Add($"{type.Name}.{member} builds '{text}', of {matching} declared shapes");
            }
        }
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void EveryShapeOfAnAccountIsDeclaredAsAccountData()
    {
        var missing = new List<string>();
        foreach (var type in KeyTypes)
        {
            var declared = AccountDataOf(type).Where(d => d.Place == AccountDataPlace.Key).Select(d => d.Pattern).ToList();
            missing.AddRange(Declared(type, "Patterns")
                .Where(p => p.Template.Contains("<acc>", StringComparison.Ordinal) && !declared.Contains(p))
                .Select(p => $"{type.Name}: {p}"));
        }
        Assert.That(missing, Is.Empty);
    }

    /// <summary>The names are the ones deployments already hold data under: none of them may change.</summary>
    [Test]
    public void KeyAndChannelNamesAreTheStoredOnes()
    {
        var expected = new Dictionary<string, string>
        {
            ["CoreKeys.Presence"] = "sg:online:{alice}", ["CoreKeys.OperatorFailures"] = "sg:operator:x1:loginfail",
            ["CoreKeys.ConsoleSession"] = "sg:console:session:x1", ["CoreKeys.OperatorAudit"] = "sg:console:audit",
            ["CoreKeys.Node"] =
                "sg:node:x1", ["CoreKeys.RoomCast"] = "sg:roomcast:x1", ["CoreKeys.Everyone"] = "sg:sitecast",
            ["PlayerKeys.Profile"] = "sg:{alice}:profile", ["PlayerKeys.Wallet"] = "sg:{alice}:wallet", ["PlayerKeys.Ledger"] =
                "sg:{alice}:ledger",
            ["PlayerKeys.Idempotency"] = "sg:{alice}:idem:x1", ["PlayerKeys.Inventory"] = "sg:{alice}:inv", ["PlayerKeys.Friends"] =
                "sg:{alice}:friends",
            ["PlayerKeys.Inbox"] = "sg:{alice}:inbox", ["PlayerKeys.InboxOrder"] = "sg:{alice}:inboxidx", ["PlayerKeys.InboxSeq"] =
                "sg:{alice}:inboxseq",
            ["PlayerKeys.UnpaidOrders"] = "sg:{alice}:orders:unpaid", ["PlayerKeys.Order"] = "sg:{orders}:order:x1",
            ["PlayerKeys.PaidOrders"] = "sg:{orders}:paid", ["PlayerKeys.UnpaidIndex"] = "sg:{orders}:unpaid",
            ["AccountModuleKeys.CancelDue"] = "sg:cancel:due", ["AccountModuleKeys.Cancel"] = "sg:{alice}:cancel",
            ["AccountModuleKeys.CancelHistory"] = "sg:{alice}:cancelhist", ["AccountModuleKeys.Family"] = "sg:{alice}:family",
            ["AccountModuleKeys.Record"] = "sg:{alice}:rec:x1",
            ["PassKeys.Gift"] = "sg:{passgift}:G1700000000a1b2c3d4e5", ["PassKeys.Paying"] = "sg:{passgift}:paying", ["PassKeys.Refunds"] =
                "sg:{passgift}:refunds",
            ["PassKeys.Owner"] = "sg:{alice}:pass:x1", ["PassKeys.Unpaid"] = "sg:{alice}:passgifts:unpaid:alice",
            ["PassKeys.Sent"] = "sg:{alice}:passgifts:sent", ["PassKeys.Received"] = "sg:{alice}:passgifts:received",
            ["PassKeys.Season"] = "sg:{alice}:passseason:x1", ["PassKeys.XpDay"] = "sg:{alice}:passday:x1:x1",
            ["PassKeys.XpSeen"] = "sg:{alice}:passseen:x1:x1", ["PassKeys.SeasonRecord"] = "sg:{passseason}:record:x1",
            ["RoomKeys.Room"] = "sg:room:{x1}", ["RoomKeys.Members"] = "sg:room:{x1}:members", ["RoomKeys.Seen"] = "sg:room:{x1}:seen",
            ["RoomKeys.AccountRooms"] = "sg:{alice}:rooms", ["RoomKeys.Charm"] = "sg:{alice}:charm", ["RoomKeys.Wealth"] =
                "sg:{alice}:wealth",
            ["RoomKeys.CharmDone"] = "sg:{alice}:charmdone:alice:x1", ["RoomKeys.WealthDone"] = "sg:{alice}:wealthdone:alice:x1",
            ["RedPacketKeys.Index"] = "sg:rp:index", ["RedPacketKeys.Packet"] = "sg:rp:{x1}", ["RedPacketKeys.Shares"] =
                "sg:rp:{x1}:shares",
            ["RedPacketKeys.Grabbed"] = "sg:rp:{x1}:grabbed", ["RedPacketKeys.Pending"] = "sg:rp:{x1}:pending", ["RedPacketKeys.Log"] =
                "sg:rp:{x1}:log",
            ["RedPacketKeys.RoomPackets"] = "sg:rp:room:x1", ["RedPacketKeys.Unpaid"] = "sg:{alice}:rp:unpaid",
            ["PendantKeys.Defs"] = "sg:{pendant}:defs", ["PendantKeys.Version"] = "sg:{pendant}:version", ["PendantKeys.Seed"] =
                "sg:{pendant}:seed",
            ["PendantKeys.Seeded"] = "sg:{pendant}:seeded", ["PendantKeys.Room"] = "sg:room:{x1}:pendants",
            ["PendantKeys.Reload"] = "sg:pendant:reload",
            ["PandoraKeys.Box"] = "sg:pandora:{x1}", ["PandoraKeys.Draws"] = "sg:pandora:{x1}:x1:draws",
            ["PandoraKeys.Pending"] = "sg:pandora:{x1}:x1:pending", ["PandoraKeys.Tick"] = "sg:pandora:{x1}:tick",
            ["PandoraKeys.Trail"] = "sg:pandora:{x1}:trail", ["PandoraKeys.Due"] = "sg:pandora:due",
            ["PandoraKeys.Records"] = "sg:{alice}:pandora:records",
            ["RankKeys.Board"] = "sg:rank:{rank}:x1:x1:z", ["RankKeys.Members"] = "sg:rank:{rank}:x1:x1:m",
            ["RankKeys.State"] = "sg:rank:{rank}:x1:x1:state", ["RankKeys.Final"] = "sg:rank:{rank}:x1:x1:final",
            ["StoreKeys.Stock"] = "sg:{storestock}:left", ["StoreKeys.Sales"] = "sg:{storestock}:sales",
            ["StoreKeys.Holding"] = "sg:{storestock}:holding", ["StoreKeys.HoldingIndex"] = "sg:{storestock}:holdidx",
            ["StoreKeys.GiftsDue"] = "sg:{storestock}:giftdue",
            ["StoreKeys.RmbRequest"] = "sg:{alice}:store:rmb:x1", ["StoreKeys.GiftDecision"] = "sg:{x1}:store:gift:x1",
            ["ActivityKeys.Defs"] = "sg:{activity}:defs", ["ActivityKeys.Version"] = "sg:{activity}:version",
            ["ActivityKeys.Seed"] = "sg:{activity}:seed", ["ActivityKeys.Overrides"] = "sg:{activity}:overrides",
            ["ActivityKeys.Announced"] = "sg:{activity}:announced", ["ActivityKeys.Reload"] = "sg:activity:reload",
            ["ActivityKeys.Edges"] = "sg:activity:edges", ["ActivityKeys.BuyOneGetOne"] = "sg:{alice}:act:x1:bogo:x1:12",
        };
        var built = KeyTypes.Where(t => t != typeof(Modules.Bargain.BargainKeys))
            .SelectMany(t => Built(t).Select(b => (Name: $"{t.Name}.{b.Member}", Text: b.Value.ToString()!))).ToList();
        Assert.That(built.ToDictionary(b => b.Name, b => b.Text), Is.EquivalentTo(expected));
        var bargain = new Modules.Bargain.BargainKeys(1, false);
        var cluster = new Modules.Bargain.BargainKeys(1, true);
        Assert.That(new[] { bargain.Player(2), bargain.Code(2), bargain.Help(2), cluster.Player(2), cluster.Code(2),
            cluster.Help(2) }.Select(k => k.ToString()),
            Is.EqualTo(new[] { "hash:bargain_1_2:player", "hash:bargain_1_2:code", "hash:bargain_1_2:help", "hash:bargain_{1_2}:player",
                "hash:bargain_{1_2}:code", "hash:bargain_{1_2}:help" }));
    }

    [Test]
    public void AccountKeysRefuseANameThatWouldLeaveItsHashTag()
    {
        Assert.That(PlayerKeys.Wallet("alice").ToString(), Is.EqualTo("sg:{alice}:wallet"));
        Assert.That(PlayerKeys.Wallet("a:b").ToString(), Is.EqualTo("sg:{a:b}:wallet"), "a name stored before the rule keeps its keys");
        foreach (string bad in new[] { "x}:wallet", "ev1}", "{x", "" })
            Assert.Throws<ArgumentException>(() => PlayerKeys.Wallet(bad), bad);
    }

    [Test]
    public void ShapesMatchTheirKeysOnly()
    {
        var wallet = AccountKeys.Pattern("wallet", "");
        Assert.That(wallet.Matches("sg:{alice}:wallet"), Is.True);
        Assert.That(wallet.Matches("sg:{x}:wallet}:wallet"), Is.False, "'x}:wallet' is no account");
        Assert.That(wallet.Matches("sg:{alice}:walletx"), Is.False);
        Assert.That(wallet.Overlaps(new KeyPattern("sg:{<tag>}:<seg>", "")), Is.True);
        Assert.That(wallet.Overlaps(AccountKeys.Pattern("idem:<any>", "")), Is.False);
        Assert.That(new KeyPattern("sg:{passgift}:G<seg>", "").Overlaps(AccountKeys.Pattern("<seg>", "")), Is.True,
            "passgift is a valid account name");
        Assert.That(wallet.Glob, Is.EqualTo("sg:{*}:wallet"));
    }

    /// <summary>
    /// No Redis key or channel name is written outside a keys type, no account key is built outside one, and no
    /// module uses another module's keys type (it asks the owning module instead).
    /// </summary>
    [Test]
    public void NoKeyIsBuiltOutsideItsModulesKeysType()
    {
        var owners = KeyTypes.ToDictionary(t => t.Name, t => ModuleOf(SourceFile(t.Name + ".cs")));
        var literal = new Regex("\"(sg|hash):", RegexOptions.CultureInvariant);
        var problems = new List<string>();
        foreach (string file in SourceFiles())
        {
            string name = Path.GetFileName(file), module = ModuleOf(file);
            bool keysFile = name.EndsWith("Keys.cs", StringComparison.Ordinal);
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                string where = $"{Path.GetRelativePath(TestServer.RepoRoot, file)}:{i + 1}";
                if (!keysFile && literal.IsMatch(lines[i])) problems.Add(where + ": a key or channel name outside a keys type");
                if (!keysFile && lines[i].Contains("AccountKeys.", StringComparison.Ordinal)) problems.Add(where
                    + ": an account key built outside a keys type");
                foreach (var (type, owner) in owners)
                    if (owner != module && Regex.IsMatch(lines[i],
                        $@"\b{type}\b")) problems.Add($"{where}: module {module} uses {type} of {owner}");
            }
        }
        Assert.That(problems, Is.Empty);
    }

    private static IEnumerable<string> SourceFiles() =>
        new[] { "Server", "Modules" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(TestServer.RepoRoot, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string SourceFile(string name) => SourceFiles().Single(f => Path.GetFileName(f) == name);

    /// <summary>"core" for the server's own code, else the module's folder (Modules/Room/Gifts belongs to Room).</summary>
    private static string ModuleOf(string file)
    {
        var parts = Path.GetRelativePath(TestServer.RepoRoot, file).Split(Path.DirectorySeparatorChar);
        return parts[0] == "Modules" && parts.Length > 2 ? parts[1] : "core";
    }

    /// <summary>Every key and channel a keys type builds: its static keys, and its builders called with sample values.</summary>
    private static IEnumerable<(string Member, object Value)> Built(Type type)
    {
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(RedisKey) || f.FieldType == typeof(RedisChannel)))
            yield return (field.Name, field.GetValue(null)!);
        object?[] instances = type == typeof(Modules.Bargain.BargainKeys)
            ? [new Modules.Bargain.BargainKeys(1, false), new Modules.Bargain.BargainKeys(7, true)] : [null];
        var flags = BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var method in type.GetMethods(flags).Where(m => m.ReturnType == typeof(RedisKey) || m.ReturnType == typeof(RedisChannel)))
            foreach (var instance in method.IsStatic ? [null] : instances)
                yield return (method.Name, method.Invoke(instance, method.GetParameters().Select(Sample).ToArray())!);
    }

    private static object Sample(ParameterInfo p) => p.ParameterType == typeof(int) ? 12 : p.Name switch
    {
        "acc" or "account" or "from" or "to" or "sender" => "alice",
        "giftId" => "G1700000000a1b2c3d4e5",
        _ => "x1",
    };
}
