using System.Text.Json;
using NLog;

namespace SocialGame.Tests.Unit;

public partial class LoggingConfigTests
{
    [Test]
    public void AServerLogEntryWithAHostileNamedValueIsOneLineOfJsonThatKeepsTheValueAsAField()
    {
        var factory = Load();
        factory.GetLogger("SocialGame.Modules.Gm.GmRunner").Warn("{Session} is not a GM but sent: {Text}", "#1(p1@127.0.0.1)", Hostile);
        factory.Shutdown();
        string line = File.ReadLines(Path.Combine(_dir, "serverlog.json")).Single();
        Assert.That(line.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u202e' or '\u0085'), Is.False, line);
        var entry = JsonDocument.Parse(line).RootElement;
        Assert.That(entry.GetProperty("Text").GetString(), Is.EqualTo(Hostile));
        Assert.That(entry.GetProperty("Session").GetString(), Is.EqualTo("#1(p1@127.0.0.1)"));
        Assert.That(entry.GetProperty("message").GetString(), Is.EqualTo("#1(p1@127.0.0.1) is not a GM but sent: " + Hostile));
        Assert.That(entry.GetProperty("logger").GetString(), Is.EqualTo("SocialGame.Modules.Gm.GmRunner"));
    }
}
