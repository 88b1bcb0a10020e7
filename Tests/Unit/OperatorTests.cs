using System.Text;
using SocialGame.Core.Admin;
using SocialGame.Core.Options;
using SocialGame.Modules.Pendant;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Unit;

public class OperatorPasswordTests
{
    [Test]
    public void AHashVerifiesItsPasswordOnly()
    {
        string hash = OperatorPassword.Hash("correct horse battery", OperatorPassword.MinIterations);
        Assert.That(hash, Does.StartWith("pbkdf2-sha256$100000$"));
        Assert.That(OperatorPassword.Verify("correct horse battery", hash), Is.True);
        Assert.That(OperatorPassword.Verify("correct horse batterY", hash), Is.False);
        Assert.That(OperatorPassword.Hash("correct horse battery", OperatorPassword.MinIterations), Is.Not.EqualTo(hash),
            "a new salt each time");
        Assert.That(OperatorPassword.Problem(hash), Is.Null);
    }

    [TestCase("")]
    [TestCase("plain-text-password")]
    [TestCase("pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [TestCase("pbkdf2-sha256$100000$not base64$AAAA")]
    [TestCase("md5$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void AMalformedOrWeakHashIsAProblemAndVerifiesNothing(string hash)
    {
        Assert.That(OperatorPassword.Problem(hash), Is.Not.Null);
        Assert.That(OperatorPassword.Verify("", hash) || OperatorPassword.Verify("plain-text-password", hash), Is.False);
    }
}

public class OperatorTokenTests
{
    private static readonly string Hash = OperatorPassword.Hash("operator password", OperatorPassword.MinIterations);
    private const long Now = 2_000_000_000;

    private static OperatorTokens Tokens(string hash = "", OperatorRole role = OperatorRole.Operator) =>
        new("token-secret-0123456789", 3600, new OperatorDirectory([new OperatorAccount { Name = "ops", Role = role,
            PasswordHash = hash.Length > 0 ? hash : Hash }]));

    [Test]
    public void ATokenNamesItsOperatorWithTheRoleOfTheMoment()
    {
        string token = Tokens().Mint("ops", Now + 600)!;
        Assert.That(Tokens().Verify(token, Now), Is.EqualTo(new OperatorIdentity("ops", OperatorRole.Operator)));
        Assert.That(Tokens(role: OperatorRole.Viewer).Verify(token, Now), Is.EqualTo(new OperatorIdentity("ops", OperatorRole.Viewer)),
            "a changed role applies at once");
        Assert.That(Tokens().Mint("nobody", Now + 600), Is.Null);
    }

    [Test]
    public void ExpiredForgedTooLongOrStaleTokensAreRefused()
    {
        var tokens = Tokens();
        string token = tokens.Mint("ops", Now + 600)!;
        Assert.That(tokens.Verify(token, Now + 600), Is.Null, "expired");
        Assert.That(tokens.Verify(tokens.Mint("ops", Now + 7200)!, Now), Is.Null, "longer than the lifetime");
        Assert.That(tokens.Verify(token.Replace("ops.", "opz."), Now), Is.Null);
        Assert.That(tokens.Verify(token[..^1] + (token[^1] == '0' ? '1' : '0'), Now), Is.Null);
        Assert.That(new OperatorTokens("another-secret-012345", 3600, tokens.Directory).Verify(token, Now), Is.Null);
        Assert.That(Tokens(OperatorPassword.Hash("a new password", OperatorPassword.MinIterations)).Verify(token, Now), Is.Null,
            "a changed password ends the tokens issued before");
        foreach (string junk in new[] { "", "ops", "ops.1.2", "ops.x." + new string('0', 64), "a.b.c.d" })
            Assert.That(tokens.Verify(junk, Now), Is.Null, junk);
    }
}

public class AdminJsonTests
{
    private static AdminJson.Problem? Check(string json) => AdminJson.Check(Encoding.UTF8.GetBytes(json));

    [TestCase("{\"a\": 1}")]
    [TestCase("{\"a\": {\"b\": 1}, \"b\": {\"b\": 2}}")]
    [TestCase("[{\"a\": 1}, {\"a\": 2}]")]
    [TestCase("null")]
    public void WellFormedJsonWithoutRepeatedKeysPasses(string json) => Assert.That(Check(json), Is.Null);

    [TestCase("{\"a\": 1, \"a\": 2}", "a")]
    [TestCase("{\"t\": {\"k\": 1, \"k\": 2}}", "t.k")]
    [TestCase("{\"rooms\": [\"x\", {\"id\": 1, \"id\": 2}]}", "rooms[1].id")]
    [TestCase("{\"\\u0061\": 1, \"a\": 2}", "a")]
    public void ARepeatedKeyIsNamed(string json, string field)
    {
        var problem = Check(json);
        Assert.That(problem, Is.EqualTo(new AdminJson.Problem(field, "appears twice")));
    }

    [TestCase("{\"a\": }", "a")]
    [TestCase("{\"a\": {\"b\": [1, }}", "a.b[0]")]
    [TestCase("{", "(body)")]
    [TestCase("{} {}", "(body)")]
    public void BadJsonIsNamedWhereItWasFound(string json, string field)
    {
        var problem = Check(json);
        Assert.That(problem!.Field, Is.EqualTo(field));
        Assert.That(problem.Message, Does.StartWith("is not valid JSON"));
    }
}

public class AdminConfigTests
{
    [Test]
    public void TheShippedAdminSettingsLoad()
    {
        var options = ServerConfig.Load(TestServer.ConfigDir, _ => null, forServer: false);
        Assert.That((options.AdminHost, options.Development, options.Admin.MaxBodyBytes, options.Admin.MetricsToken),
            Is.EqualTo(("127.0.0.1", false, 16384, "")));
        var shipped = options.Admin.Operators.Single();
        Assert.That((shipped.Name, shipped.Role, shipped.PasswordHash),
            Is.EqualTo(("dev-admin", OperatorRole.Admin, AdminOptions.DevelopmentOperatorHash)));
        Assert.That(OperatorPassword.Verify(AdminOptions.DevelopmentOperatorPassword, shipped.PasswordHash), Is.True,
            "the documented password");
    }

    [Test]
    public void DevelopmentModeAndTheAdminAddressComeFromTheEnvironmentToo()
    {
        var env = new Dictionary<string, string> { ["SOCIALGAME_DEVELOPMENT"] = "1", ["SOCIALGAME_ADMIN_HOST"] = "10.0.0.5" };
        var options = ServerConfig.Load(TestServer.ConfigDir, k => env.GetValueOrDefault(k), forServer: false);
        Assert.That((options.Development, options.AdminHost), Is.EqualTo((true, "10.0.0.5")));
        var ex = Assert.Throws<ConfigException>(() =>
            ServerConfig.Load(TestServer.ConfigDir, k => k == "SOCIALGAME_DEVELOPMENT" ? "yes" : null, forServer: false));
        Assert.That(ex!.Message, Does.Contain("SOCIALGAME_DEVELOPMENT"));
    }

    private const string Hash = "pbkdf2-sha256$600000$ZFDtMGg/9/r1FtN3f29IzQ==$JO9rGa8Tic29Sy45QmVkdRGtCVmqb/m0NH7LReUF7gc=";

    [TestCase("{\"adminHost\": \"localhost\"}", "adminHost")]
    [TestCase("{\"admin\": {\"tokenSecret\": \"short\"}}", "admin.tokenSecret")]
    [TestCase("{\"admin\": {\"maxBodyBytes\": 100}}", "admin.maxBodyBytes")]
    [TestCase("{\"admin\": {\"metricsToken\": \"short\"}}", "admin.metricsToken")]
    [TestCase("{\"admin\": {\"maxFailedLogins\": 0}}", "admin.maxFailedLogins")]
    [TestCase("{\"admin\": {\"operators\": [{\"name\": \"a b\", \"role\": \"viewer\", \"passwordHash\": \"" + Hash + "\"}]}}",
        "admin.operators[0].name")]
    [TestCase("{\"admin\": {\"operators\": [{\"name\": \"ab\", \"role\": \"root\", \"passwordHash\": \"" + Hash + "\"}]}}",
        "admin.operators[0].role")]
    [TestCase("{\"admin\": {\"operators\": [{\"name\": \"ab\", \"passwordHash\": \"" + Hash + "\"}]}}", "admin.operators[0].role")]
    [TestCase("{\"admin\": {\"operators\": [{\"name\": \"ab\", \"role\": \"admin\", \"passwordHash\": \"secret\"}]}}",
        "admin.operators[0].passwordHash")]
    [TestCase("{\"admin\": {\"operators\": [{\"name\": \"ab\", \"role\": \"admin\", \"passwordHash\": \"" + Hash + "\"}, " +
        "{\"name\": \"ab\", \"role\": \"viewer\", \"passwordHash\": \"" + Hash + "\"}]}}", "admin.operators")]
    public void ABadAdminValueIsRefusedNamingTheField(string json, string field)
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse<ServerOptions>(json, "server.json"));
        Assert.That(ex!.Message, Does.StartWith("server.json: ").And.Contain(field + ":"));
    }
}

public class PendantLinkRuleTests
{
    [TestCase("javascript")]
    [TestCase("data")]
    [TestCase("http")]
    [TestCase("Socialgame")]
    [TestCase("social game")]
    [TestCase("socialgame:")]
    [TestCase("")]
    public void AnAppSchemeMustBeALowerCaseSchemeThatRunsNoCode(string scheme)
    {
        var ex = Assert.Throws<ConfigException>(() =>
            ConfigLoader.Parse<PendantFile>($$"""{ "appSchemes": [ "ok", "{{scheme}}" ] }""", "pendants.json"));
        Assert.That(ex!.Message, Does.StartWith("pendants.json: appSchemes[1]: "));
    }

    [TestCase("https://cdn.example.com/a.png", "socialgame://room/1", 0)]
    [TestCase("http://cdn.example.com/a.png", "", 1)]
    [TestCase("https://cdn.example.com/a.png", "javascript:alert(1)", 1)]
    [TestCase("data:image/png;base64,AAAA", "vbscript:x", 2)]
    public void LinksUseHttpsOrTheAppsSchemes(string image, string jump, int errors)
    {
        var def = new PendantDef { Image = image, JumpUrl = jump };
        var v = new OptionsValidator();
        def.CheckLinks(v, ["socialgame"]);
        Assert.That(v.Errors, Has.Count.EqualTo(errors), string.Join("; ", v.Errors));
    }
}
