using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Account;

/// <summary>
/// The shipped configuration with the nodes' own cancellation job slowed to once a day: the deletion tests run every pass
/// themselves (on the node they choose), so a background pass started by the fake clock's jump cannot take a deletion
/// first and leave the test's pass nothing, or stop it at another step.
/// </summary>
internal static class DrivenDeletionConfig
{
    private static readonly Lazy<string> Dir = new(() =>
    {
        string dir = TestServer.CopyConfig(), file = Path.Combine(dir, "account.json");
        string text = File.ReadAllText(file);
        const string Shipped = "\"jobIntervalSeconds\": 30";
        if (!text.Contains(Shipped, StringComparison.Ordinal))
            throw new InvalidOperationException("account.json: " + Shipped + " not found");
        File.WriteAllText(file, text.Replace(Shipped, "\"jobIntervalSeconds\": 86400", StringComparison.Ordinal));
        return dir;
    });

    public static string Folder => Dir.Value;
}
