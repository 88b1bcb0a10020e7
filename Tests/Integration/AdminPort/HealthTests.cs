using System.Net;
using SocialGame.Core.Storage;

namespace SocialGame.Tests.Integration.AdminPort;

/// <summary><c>/health</c> is open: however often it is asked, it checks Redis at most once a second.</summary>
public class HealthTests : ServerFixture
{
    private async Task<long> PingsAsync()
    {
        var primary = (await RedisPrimaries.ListAsync(Host.Services.Redis)).Single();
        var stats = await Host.Services.Redis.Connection.GetServer(primary.EndPoint).InfoAsync("commandstats");
        var ping = stats.SelectMany(g => g).FirstOrDefault(kv => kv.Key == "cmdstat_ping").Value ?? "calls=0,";
        return long.Parse(ping.Split(',')[0]["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public async Task ManyConcurrentHealthRequestsShareOneRedisCheckAndALaterOneChecksAgain()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Host.AdminPort}") };
        await Task.Delay(1100); // past any check made before
        long before = await PingsAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => http.GetAsync("/health")));
        Assert.That(answers.Select(a => a.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        long during = await PingsAsync() - before;
        Assert.That(during, Is.InRange(1, 2), "50 requests, one check (two if they straddled a second)");

        await Task.Delay(1100);
        Assert.That((await http.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await PingsAsync() - before - during, Is.EqualTo(1), "a request after the second checks again");
    }
}
