using System.Diagnostics;
using SocialGame.Core.Admin;
using SocialGame.Core.Options;
using SocialGame.Modules.Player;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.AdminPort;

/// <summary>Outside development mode the server refuses to start with any of the shipped development secrets.</summary>
public class DevelopmentSecretTests : RedisFixture
{
    private string _dir = null!;

    [OneTimeSetUp]
    public void RealPaySecret()
    {
        _dir = TestServer.CopyConfig();
        string player = Path.Combine(_dir, PlayerOptions.FileName);
        File.WriteAllText(player, File.ReadAllText(player).Replace(PlayerOptions.DevelopmentPaySecret, "a-real-pay-secret-0123456789"));
    }

    [OneTimeTearDown]
    public void RemoveCopy() => Directory.Delete(_dir, recursive: true);

    /// <summary>Production-like settings: no development mode, real secrets, no development operator.</summary>
    private static void Real(ServerOptions o)
    {
        o.Development = false;
        o.Admin.TokenSecret = "a-real-admin-token-secret-0123";
        o.Admin.Operators.RemoveAll(op => op.PasswordHash == AdminOptions.DevelopmentOperatorHash);
    }

    private static readonly (string File, string Field, Action<ServerOptions> Shipped)[] Shipped =
    [
        ("server.json", "auth.secret", o => o.Auth.Secret = ServerOptions.DevelopmentSecret),
        ("server.json", "admin.tokenSecret", o => o.Admin.TokenSecret = AdminOptions.DevelopmentTokenSecret),
        ("server.json", "admin.operators[3].passwordHash", o => o.Admin.Operators.Add(new OperatorAccount
            { Name = "dev-admin", Role = OperatorRole.Admin, PasswordHash = AdminOptions.DevelopmentOperatorHash })),
        // the published password hashed again (another salt) is still the published password
        ("server.json", "admin.operators[3].passwordHash", o => o.Admin.Operators.Add(new OperatorAccount
            { Name = "copied", Role = OperatorRole.Viewer,
                PasswordHash = OperatorPassword.Hash(AdminOptions.DevelopmentOperatorPassword, OperatorPassword.MinIterations) })),
    ];

    [Test]
    public async Task EachShippedSecretStopsTheStartOutsideDevelopmentModeNamingTheFileAndTheSetting()
    {
        foreach (var (file, field, shipped) in Shipped)
        {
            var ex = Assert.ThrowsAsync<ConfigException>(() =>
                TestServer.StartAsync(Redis, "secret1", o => { Real(o); shipped(o); }, configDir: _dir));
            Assert.That(ex!.Message, Does.Contain(file + ": " + field + ": ").And.Contain("SOCIALGAME_DEVELOPMENT"), field);
        }
        var pay = Assert.ThrowsAsync<ConfigException>(() => TestServer.StartAsync(Redis, "secret2", Real));
        Assert.That(pay!.Message, Does.Contain("player.json: paySecret: "), "the shipped configuration's payment secret");

        await using var real = await TestServer.StartAsync(Redis, "secret3", Real, configDir: _dir);
        Assert.That(real.Services.Options.Development, Is.False, "real secrets start outside development mode");
        await using var development = await TestServer.StartAsync(Redis, "secret4", o => o.Auth.Secret = ServerOptions.DevelopmentSecret);
        Assert.That(development.Services.Options.Development, Is.True, "development mode accepts them (with warnings)");
    }

    [Test]
    public async Task TheServerProcessWithTheShippedConfigurationExitsWithTheReasonUnlessInDevelopmentMode()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "SocialGame.Server.dll");
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\" --config \"{TestServer.ConfigDir}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["SOCIALGAME_REDIS"] = Redis.Address;
        info.Environment["SOCIALGAME_PORT"] = RedisServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["SOCIALGAME_ADMIN_PORT"] = RedisServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["SOCIALGAME_DEVELOPMENT"] = "0";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            if (!process.HasExited) process.Kill(true);
        }
        Assert.That(process.ExitCode, Is.EqualTo(2), await stdout);
        Assert.That(await stderr, Does.Contain("server.json: auth.secret: is the shipped development secret")
            .And.Contain("SOCIALGAME_DEVELOPMENT=1"));
    }
}
