using System.Net.Http.Json;
using System.Text.Json;
using SocialGame.Core.Options;
using SocialGame.Modules.Player;

namespace SocialGame.Tools;

/// <summary>
/// <c>./run.sh pay ORDERID</c>: plays the payment platform for local testing: looks the order up on
/// the admin port, then posts a signed callback for its amount with a new transaction id.
/// </summary>
public static class PayTool
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("usage: pay ORDERID [--txid ID] [--config DIR]");
            return 2;
        }
        string dir = ServerConfig.ResolveDir(args);
        var server = ServerConfig.Load(dir, forServer: false);
        var player = ConfigLoader.Load<PlayerOptions>(Path.Combine(dir, PlayerOptions.FileName));
        string orderId = args[0];
        string txId = ToolMain.Option(args, "--txid") ?? "T" + Guid.NewGuid().ToString("N")[..16];
        using var http = new HttpClient { BaseAddress = new Uri($"http://{server.Host}:{server.AdminPort}") };
        var lookup = await http.GetAsync($"/pay/order/{Uri.EscapeDataString(orderId)}");
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
