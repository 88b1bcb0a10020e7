using SocialGame.Core.Storage;
using SocialGame.Modules.Player;
using SocialGame.Modules.Player.Payments;
using StackExchange.Redis;

namespace SocialGame.Tests.Unit;

public class LuaScriptTests
{
    private enum Fruit
    {
        Apple,
        BlueBerry,
    }

    private static readonly StringCodec<Fruit> Fruits = StringCodec<Fruit>.SnakeCase("fruit");

    [Test]
    public void LedgerArgsWriteKeysAndArgvInTheOrderOfTheScriptHeader()
    {
        var args = new LedgerApplyArgs("acc1", "k1", "gift", 100, 86400, "fp", 999,
            [new CurrencyChange("gold", -5), new CurrencyChange("silver", 7)], [new LedgerItemArg(3, 2, 3600, true)]);
        var call = LuaScript<LedgerApplyArgs, LedgerOutcome>.Prepare(args);
        Assert.That(call.Keys.Select(k => k.ToString()), Is.EqualTo(new[]
        {
            PlayerKeys.Wallet("acc1").ToString(), PlayerKeys.Ledger("acc1").ToString(),
            PlayerKeys.Idempotency("acc1", "k1").ToString(), PlayerKeys.Inventory("acc1").ToString(),
        }));
        Assert.That(call.Argv.Select(v => v.ToString()), Is.EqualTo(new[]
        {
            "acc1", "k1", "gift", "100", "86400", "fp", "999",
            "2", "gold", "-5", "silver", "7",
            "1", "3", "2", "3600", "1",
        }));
    }

    [Test]
    public void AnEmptyCountedListIsItsCountAlone()
    {
        var call = new ScriptCall().Arg("a").Counted(Array.Empty<int>(), (c, i) => c.Arg(i)).Arg("b");
        Assert.That(call.Argv.Select(v => v.ToString()), Is.EqualTo(new[] { "a", "0", "b" }));
    }

    [Test]
    public void AnUnknownOutcomeIsOneClearExceptionNamingTheScriptAndTheValue()
    {
        var reply = new ScriptReply("rp_open", RedisResult.Create((RedisValue)"banana"));
        var ex = Assert.Throws<ScriptContractException>(() => reply.Outcome(Fruits));
        Assert.That(ex!.Script, Is.EqualTo("rp_open"));
        Assert.That(ex.Message, Does.Contain("rp_open").And.Contain("'banana'").And.Contain("apple|blue_berry"));
    }

    [Test]
    public void AKnownOutcomeIsParsedFromTheWholeReplyOrAnElement()
    {
        Assert.That(new ScriptReply("s", RedisResult.Create((RedisValue)"blue_berry")).Outcome(Fruits), Is.EqualTo(Fruit.BlueBerry));
        var array = RedisResult.Create([RedisResult.Create((RedisValue)"apple"), RedisResult.Create((RedisValue)7)]);
        var reply = new ScriptReply("s", array);
        Assert.That((reply.Outcome(Fruits, 0), reply.Long(1)), Is.EqualTo((Fruit.Apple, 7L)));
    }

    [Test]
    public void AShortReplyNamesTheScript()
    {
        var reply = new ScriptReply("bargain_help", RedisResult.Create([RedisResult.Create((RedisValue)"ok")]));
        var ex = Assert.Throws<ScriptContractException>(() => reply.Long(3));
        Assert.That(ex!.Message, Does.Contain("bargain_help").And.Contain("4 elements"));
    }

    [Test]
    public void ACodecWritesAndReadsEveryStateAsStoredAndRefusesOthers()
    {
        Assert.That(Enum.GetValues<OrderState>().Select(OrderStates.Codec.Write),
            Is.EqualTo(new[] { "CREATED", "PAID", "FULFILLED", "EXPIRED" }));
        foreach (var state in Enum.GetValues<OrderState>())
            Assert.That(OrderStates.Codec.Read(OrderStates.Codec.Write(state)), Is.EqualTo(state));
        Assert.Throws<FormatException>(() => OrderStates.Codec.Read("created"));
    }

    [Test]
    public void ACodecMustNameEveryMemberOnce()
    {
        Assert.Throws<ArgumentException>(() => _ = new StringCodec<Fruit>("fruit", (Fruit.Apple, "apple")));
        Assert.Throws<ArgumentException>(() => _ = new StringCodec<Fruit>("fruit", (Fruit.Apple, "x"), (Fruit.BlueBerry, "x")));
    }
}
