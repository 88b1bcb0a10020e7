using System.Text.Json;
using System.Text.Json.Nodes;
using SocialGame.Core.Options;

namespace SocialGame.Tools;

/// <summary>
/// <c>benchconfig --out DIR</c>: a copy of the configuration for load tests: the request, login and connection limits
/// lifted (per connection, account and IP, the bargain minimum intervals included), the bargain help limits and the koi's
/// daily store limit lifted too (kept as shipped with <c>--limits shipped</c>), and goods priced so high that helps never
/// reach the floor.
/// Never for production.
/// </summary>
public static class BenchConfigTool
{
    private static readonly JsonDocumentOptions Read = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static int Run(string[] args)
    {
        string from = ServerConfig.ResolveDir(args);
        string to = ToolMain.Option(args, "--out") ?? ".data/bench/config";
        string limits = ToolMain.Option(args, "--limits") ?? "lifted";
        if (limits is not ("lifted" or "shipped"))
        {
            Console.Error.WriteLine($"--limits must be lifted or shipped, not {limits}");
            return 2;
        }
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        Edit(Path.Combine(to, "server.json"), s =>
        {
            s["rateLimit"]!["ratePerSecond"] = 1_000_000;
            s["rateLimit"]!["burst"] = 1_000_000;
            s["rateLimit"]!["closeAfterRejected"] = 100_000_000;
            s["rateLimit"]!["minIntervalMs"] = new JsonObject();
            s["rateLimit"]!["loginsPerIpPerMinute"] = 100_000_000;
            s["rateLimit"]!["loginsPerAccountPerMinute"] = 100_000_000;
            s["connections"] = new JsonObject { ["max"] = 1_000_000, ["maxPerIp"] = 1_000_000, ["maxNotLoggedIn"] = 1_000_000,
                ["maxNotLoggedInPerIp"] = 1_000_000 };
            s["maxQueuedPerSession"] = 100_000;
            // a load-test copy runs with the shipped development secrets
            s["development"] = true;
        });
        Edit(Path.Combine(to, "bargain.json"), b =>
        {
            if (limits == "lifted")
            {
                b["limits"]!["accountsPerIp"] = 1_000_000;
                b["limits"]!["accountsPerDevice"] = 1_000_000;
                b["limits"]!["helpsPerAccount"] = 10_000;
            }
            foreach (var goods in b["periods"]![0]!["goods"]!.AsArray()) goods!["price"] = 1_000_000_000;
        });
        Edit(Path.Combine(to, "stores.json"), st =>
        {
            // the store scenario buys koi (aquarium item 201): its daily limit stays a limit, only high enough for a run
            if (limits == "lifted")
                foreach (var store in st["stores"]!.AsArray())
                    foreach (var item in store!["items"]!.AsArray().Where(i => (int)i!["id"]! == 201))
                        item!["limits"] = new JsonObject { ["day"] = 1_000_000 };
        });
        Console.WriteLine($"wrote load-test configuration ({limits} bargain limits) to {to}");
        return 0;
    }

    private static void Edit(string path, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(File.ReadAllText(path), documentOptions: Read)!;
        change(node);
        File.WriteAllText(path, node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
