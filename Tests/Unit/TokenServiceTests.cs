using SocialGame.Core.Auth;

namespace SocialGame.Tests.Unit;

public class TokenServiceTests
{
    private readonly TokenService _tokens = new("0123456789abcdef-secret", 3600);
    private const long Now = 1_800_000_000;

    [Test]
    public void AMintedTokenVerifiesForItsAccountOnly()
    {
        var token = _tokens.Mint("alice", Now + 60);
        Assert.That(_tokens.Verify("alice", token, Now), Is.EqualTo(TokenCheck.Ok));
        Assert.That(_tokens.Verify("bob", token, Now), Is.EqualTo(TokenCheck.BadSignature));
    }

    [Test]
    public void TheFormatIsExpiresDotHexHmac()
    {
        var token = _tokens.Mint("alice", Now + 60);
        var parts = token.Split('.');
        Assert.That(parts[0], Is.EqualTo((Now + 60).ToString()));
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            "0123456789abcdef-secret"u8.ToArray(), System.Text.Encoding.UTF8.GetBytes($"alice|{Now + 60}")));
        Assert.That(parts[1], Is.EqualTo(expected));
    }

    [Test]
    public void ExpiredTooFarAheadForgedAndMalformedAreRefused()
    {
        Assert.That(_tokens.Verify("alice", _tokens.Mint("alice", Now), Now), Is.EqualTo(TokenCheck.Expired));
        Assert.That(_tokens.Verify("alice", _tokens.Mint("alice", Now + 7200), Now), Is.EqualTo(TokenCheck.TooFarAhead));
        var other = new TokenService("another-secret-0123456789", 3600);
        Assert.That(_tokens.Verify("alice", other.Mint("alice", Now + 60), Now), Is.EqualTo(TokenCheck.BadSignature));
        var token = _tokens.Mint("alice", Now + 60);
        Assert.That(_tokens.Verify("alice", (Now + 600) + token[token.IndexOf('.')..], Now), Is.EqualTo(TokenCheck.BadSignature));
        foreach (var bad in new[] { "", ".", "abc", "123.zz", "-5." + new string('0', 64), "12." + new string('g', 64), token + "0" })
            Assert.That(_tokens.Verify("alice", bad, Now), Is.EqualTo(TokenCheck.Malformed), bad);
    }
}
