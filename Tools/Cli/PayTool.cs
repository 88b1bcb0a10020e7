using System.Net.Http.Json;
using System.Text.Json;
using SocialGame.Core.Admin;
using SocialGame.Core.Options;
using SocialGame.Modules.Player;

namespace SocialGame.Tools;

/// <summary>
/// <c>./run.sh pay ORDERID</c>: plays the payment platform for local testing: looks the order up on
/// the admin port (as a configured operator, <c>--operator NAME</c> or the first one, with a token signed by the
/// configuration's <c>admin.tokenSecret</c>), then posts a signed callback for its amount with a new transaction id.
/// </summary>
public static class PayTool
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("usage: pay ORDERID [--txid ID] [--operator NAME] [--config DIR]");
            return 2;
        }
        string dir = ServerConfig.ResolveDir(args);
        var server = ServerConfig.Load(dir, forServer: false);
        var player = ConfigLoader.Load<PlayerOptions>(Path.Combine(dir, PlayerOptions.FileName));
        string orderId = args[0];
        string txId = ToolMain.Option(args, "--txid") ?? "T" + Guid.NewGuid().ToString("N")[..16];
        string? name = ToolMain.Option(args, "--operator") ?? server.Admin.Operators.FirstOrDefault()?.Name;
        var tokens = new OperatorTokens(server.Admin.TokenSecret, server.Admin.TokenLifetimeSeconds,
            new OperatorDirectory(server.Admin.Operators));
        string? token = name is null ? null : tokens.Mint(name, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 300);
        if (token is null)
        {
            await Console.Error.WriteLineAsync($"no operator {name} in {ServerConfig.FileName} (admin.operators) to look the order up " +
                "with");
            return 2;
        }
        string host = server.AdminHost is "0.0.0.0" ? "127.0.0.1" : server.AdminHost;
        using var http = new HttpClient { BaseAddress = new UriBuilder("http", host, server.AdminPort).Uri };
        using var lookupRequest = new HttpRequestMessage(HttpMethod.Get, $"/pay/order/{Uri.EscapeDataString(orderId)}");
        lookupRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var lookup = await http.SendAsync(lookupRequest);
        if (!lookup.IsSuccessStatusCode)
        {
            await Console.Error.WriteLineAsync($"order {orderId}: {(int)lookup.StatusCode} {await lookup.Content.ReadAsStringAsync()}");
            return 1;
        }
        using var order = JsonDocument.Parse(await lookup.Content.ReadAsStringAsync());
        long amount = order.RootElement.GetProperty("amount").GetInt64();
        string sign = Modules.Player.Payments.Payments.Sign(player.PaySecret, orderId, amount, txId);
        var response = await http.PostAsJsonAsync("/pay/callback", new { orderid = orderId, amount, txid = txId, sign });
        Console.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.IsSuccessStatusCode ? 0 : 1;
    }
}
