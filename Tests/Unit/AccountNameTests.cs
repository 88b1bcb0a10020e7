using SocialGame.Modules.Common;
using SocialGame.Modules.Player;

namespace SocialGame.Tests.Unit;

/// <summary>Account names: nothing in them may mean something in a Redis key, in JSON or in a log line, or hide itself.</summary>
public class AccountNameTests
{
    [TestCase("alice")]
    [TestCase("p0123456789")]
    [TestCase("player.one-2_x@example.com")]
    [TestCase("张三")]
    [TestCase("игрок")]
    [TestCase("😀smile")]
    [TestCase("a'b(c)!#$%&+,;<=>^`~")]
    public void OrdinaryNamesAreAccounts(string acc) => Assert.That(Validate.Account(acc), Is.True, acc);

    [TestCase("ev1}", Description = "closes a Redis hash tag")]
    [TestCase("x}:wallet")]
    [TestCase("{x")]
    [TestCase("a\"b", Description = "ends a JSON string")]
    [TestCase("a:b")]
    [TestCase("a*b", Description = "SCAN pattern characters")]
    [TestCase("a?b")]
    [TestCase("a[b")]
    [TestCase("a]b")]
    [TestCase("a\\b")]
    [TestCase("a|b")]
    [TestCase("a b", Description = "whitespace")]
    [TestCase("a\tb")]
    [TestCase("a\u00a0b", Description = "no-break space")]
    [TestCase("a\u3000b", Description = "ideographic space")]
    [TestCase("a\nb", Description = "control characters")]
    [TestCase("a\rb")]
    [TestCase("a\u001b[31mb")]
    [TestCase("a\u0085b")]
    [TestCase("a\u2028b", Description = "line separator")]
    [TestCase("a\u200bb", Description = "zero-width space")]
    [TestCase("a\u200db", Description = "zero-width joiner")]
    [TestCase("a\u2060b", Description = "word joiner")]
    [TestCase("a\ufeffb", Description = "byte order mark")]
    [TestCase("a\u00adb", Description = "soft hyphen")]
    [TestCase("a\u202eb", Description = "right-to-left override")]
    [TestCase("a\u2066b", Description = "left-to-right isolate")]
    [TestCase("a\u200fb", Description = "right-to-left mark")]
    [TestCase("a\u061cb", Description = "Arabic letter mark")]
    [TestCase("a\u3164b", Description = "Hangul filler")]
    [TestCase("a\u2800b", Description = "blank braille pattern")]
    [TestCase("a\ufe0fb", Description = "variation selector")]
    [TestCase("a\ue000b", Description = "private use")]
    [TestCase("")]
    public void NamesWithMeaningfulOrInvisibleCharactersAreNot(string acc) => Assert.That(Validate.Account(acc), Is.False, acc);

    [Test]
    public void UnpairedSurrogatesAreRefused()
    {
        // (built here: an attribute argument cannot carry an unpaired surrogate)
        Assert.That(Validate.Account("a" + (char)0xD800 + "b"), Is.False);
        Assert.That(Validate.Account("a" + (char)0xDC00), Is.False);
        Assert.That(Validate.Account("a" + (char)0xD83D + (char)0xDE00), Is.True, "a pair (an emoji) is fine");
    }

    [Test]
    public void AtMostSixtyFourCharacters()
    {
        Assert.That(Validate.Account(new string('a', 64)), Is.True);
        Assert.That(Validate.Account(new string('a', 65)), Is.False);
        Assert.That(Validate.Account(null), Is.False);
    }

    [Test]
    public void TheAuditReadsOnlyWalletKeysOfValidAccounts()
    {
        Assert.That(PlayerKeys.AccountOfWallet(PlayerKeys.Wallet("alice").ToString()), Is.EqualTo("alice"));
        // Keys today's scan pattern "sg:{*}:wallet" also matches.
        Assert.That(PlayerKeys.AccountOfWallet("sg:{alice}:wealthdone:ev1}:wallet"), Is.Null, "a gift marker whose request id is 'wallet'");
        Assert.That(PlayerKeys.AccountOfWallet("sg:{x}:wallet}:wallet"), Is.Null, "the wallet of 'x}:wallet', which is not x's");
        Assert.That(PlayerKeys.AccountOfWallet("sg:{room:1}:wallet"), Is.Null);
        Assert.That(PlayerKeys.AccountOfWallet("sg:{}:wallet"), Is.Null);
        Assert.That(PlayerKeys.AccountOfWallet("sg:{a}:walletx"), Is.Null);
    }
}
