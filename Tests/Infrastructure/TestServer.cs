using System.Net;
using System.Net.Http.Json;
using SocialGame.Client;
using SocialGame.Core;
using SocialGame.Core.Admin;
using SocialGame.Core.Auth;
using SocialGame.Core.Options;
using SocialGame.Core.Time;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Gm;
using SocialGame.Protocol.Messages.System;
using SocialGame.Server.Hosting;

namespace SocialGame.Tests.Infrastructure;

/// <summary>Builds test configurations and starts real server nodes; clients connect through real sockets.</summary>
internal static class TestServer
{
    public const string Secret = "test-secret-0123456789abcdef";
    /// <summary>The password of the test operators (one per role, <see cref="OperatorName"/>).</summary>
    public const string OperatorPassword = "test-operator-password";
    private static readonly Lazy<string> OperatorHash =
        new(() => Core.Admin.OperatorPassword.Hash(OperatorPassword, Core.Admin.OperatorPassword.MinIterations));

    public static string ConfigDir => Path.Combine(RepoRoot, "Config");

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SocialGame.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    public static ServerOptions Options(ITestRedis redis, string node = "node1", Action<ServerOptions>? configure = null)
    {
        var options = ServerConfig.Load(ConfigDir, _ => null, forServer: false);
        options.Node = node;
        options.Port = 0;
        options.AdminPort = 0;
        options.Redis.Address = redis.Address;
        options.Redis.Cluster = redis.IsCluster;
        options.Redis.OperationTimeoutMs = 1000;
        options.Redis.ConnectTimeoutMs = 1000;
        options.Auth.Secret = Secret;
        // One test process hosts many nodes, and test code waits on them: the minimum the server once set for itself
        // keeps end-to-end timings steady on two cores.
        options.ThreadPoolMinWorkers = Math.Max(16, 8 * Environment.ProcessorCount);
        options.RateLimit.RatePerSecond = 1000;
        options.RateLimit.Burst = 1000;
        options.RateLimit.CloseAfterRejected = 100_000;
        // Every test connects from loopback, many log in again and again, and bargain tests help in quick succession:
        // the per-IP, login and per-operation limits are lifted here, and set by the tests of those limits.
        options.RateLimit.MinIntervalMs.Clear();
        options.RateLimit.LoginsPerIpPerMinute = 1_000_000;
        options.RateLimit.LoginsPerAccountPerMinute = 1_000_000;
        options.Connections.MaxPerIp = 1_000_000;
        options.Connections.MaxNotLoggedInPerIp = 1_000_000;
        options.Connections.MaxNotLoggedIn = 1_000_000;
        options.Connections.Max = 1_000_000;
        options.Shutdown.DrainSeconds = 5;
        options.Development = true;
        foreach (var role in Enum.GetValues<OperatorRole>())
            options.Admin.Operators.Add(new OperatorAccount { Name = OperatorName(role), Role = role, PasswordHash = OperatorHash.Value });
        configure?.Invoke(options);
        ConfigLoader.Validate(options, "test options");
        return options;
    }

    public static Task<ServerHost> StartAsync(ITestRedis redis, string node = "node1", Action<ServerOptions>? configure = null,
        Func<ServerServices, IEnumerable<IGameModule>>? extraModules = null, IClock? clock = null, IRandomSource? random = null,
        string? configDir = null) =>
        ServerHost.StartAsync(Options(redis, node, configure), configDir ?? ConfigDir, clock, extraModules,
            allowUncatalogued: extraModules is not null, random);

    /// <summary>A private copy of Config/ in a temporary folder, for tests that change a file.</summary>
    public static string CopyConfig()
    {
        string dir = Path.Combine(Path.GetTempPath(), "sgcfg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(ConfigDir)) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        return dir;
    }

    public static string Token(string account, long? expires = null) =>
        new TokenService(Secret, 30 * 86400).Mint(account, expires ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600);

    public static Task<GameClient> ConnectAsync(ServerHost host) => GameClient.ConnectAsync("127.0.0.1", host.Port);

    /// <summary>Connects and logs in; fails the test unless the login succeeds.</summary>
    public static async Task<GameClient> LoginAsync(ServerHost host, string account)
    {
        var client = await ConnectAsync(host);
        var reply = await client.RequestAsync(SystemProtocol.Login, new LoginRequest { Acc = account, Token = Token(account) });
        Assert.That(reply.Result, Is.EqualTo((int)ResultCode.Success), $"login of {account}: {reply.ToJson()}");
        return client;
    }

    /// <summary>A new account that logged in once and out again: it has a profile, as GM commands naming an account require.</summary>
    public static async Task<string> KnownAccountAsync(ServerHost host, string prefix = "p")
    {
        string account = NewAccount(prefix);
        await (await LoginAsync(host, account)).DisposeAsync();
        return account;
    }

    /// <summary>The player base of a running node (ledger, profiles, inbox, payments).</summary>
    public static Modules.Player.PlayerBase Player(ServerHost host) => host.Modules.OfType<Modules.Player.PlayerModule>().Single().Player;

    /// <summary>Runs a GM command as the configured GM account over a fresh connection; fails the test unless it succeeds.</summary>
    public static async Task<string> GmAsync(ServerHost host, string text, ResultCode expected = ResultCode.Success)
    {
        await using var gm = await LoginAsync(host, "gm");
        var reply = await gm.RequestAsync(GmProtocol.Command, new GmCommandRequest { Text = text });
        Assert.That(reply.Result, Is.EqualTo((int)expected), $"{text}: {reply.ToJson()}");
        return reply.Output;
    }

    /// <summary>The test operator of <paramref name="role"/>: test-viewer, test-operator, test-admin.</summary>
    public static string OperatorName(OperatorRole role) => "test-" + OperatorRoles.Name(role);

    /// <summary>A bearer token of the node's own operator tokens for the test operator of <paramref name="role"/>.</summary>
    public static string OperatorToken(ServerHost host, OperatorRole role) =>
        host.Services.Operators.Tokens.Mint(OperatorName(role), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 600)!;

    /// <summary>
    /// An HTTP client for the admin port of <paramref name="host"/>, signed in as the test operator of <paramref name="role"/> (null:
    /// anonymous).
    /// </summary>
    public static HttpClient Admin(ServerHost host, OperatorRole? role = OperatorRole.Operator)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.AdminPort}") };
        if (role is { } r) http.DefaultRequestHeaders.Authorization =
            new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", OperatorToken(host, r));
        return http;
    }

    /// <summary>
    /// The payment platform's signed callback for <paramref name="order"/>, posted to the admin port of <paramref name="host"/>.
    /// </summary>
    public static async Task<HttpStatusCode> PayAsync(ServerHost host, string order, long amount, string tx)
    {
        using var http = Admin(host, role: null);
        string sign = Modules.Player.Payments.Payments.Sign(Modules.Player.PlayerOptions.DevelopmentPaySecret, order, amount, tx);
        using var reply = await http.PostAsJsonAsync("/pay/callback", new { orderid = order, amount, txid = tx, sign });
        return reply.StatusCode;
    }

    public static string NewAccount(string prefix = "p") => prefix + Guid.NewGuid().ToString("N")[..10];
}
