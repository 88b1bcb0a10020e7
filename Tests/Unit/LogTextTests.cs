using SocialGame.Core.Logging;

namespace SocialGame.Tests.Unit;

public class LogTextTests
{
    [Test]
    public void ControlFormatAndSeparatorCharactersBecomeVisibleEscapes()
    {
        Assert.That(LogText.Escape("a\nb\rc\td"), Is.EqualTo("a\\nb\\rc\\td"));
        Assert.That(LogText.Escape("\u001b[31mred\u001b[0m"), Is.EqualTo("\\x1b[31mred\\x1b[0m"));
        Assert.That(LogText.Escape("x\u0000y\u007fz\u0085\u009b"), Is.EqualTo("x\\x00y\\x7fz\\x85\\x9b"));
        Assert.That(LogText.Escape("a\u2028b\u2029c"), Is.EqualTo("a\\u2028b\\u2029c"));
        Assert.That(LogText.Escape("abc\u202edef\u200b\u2066"), Is.EqualTo("abc\\u202edef\\u200b\\u2066"));
        Assert.That(LogText.Escape("lone " + (char)0xD800 + " and " + (char)0xDC00), Is.EqualTo("lone \\ud800 and \\udc00"));
    }

    [Test]
    public void OrdinaryTextIsTheSameString()
    {
        const string text = "player 张三 sent 😀 {\"a\":1} \\n";
        Assert.That(LogText.Escape(text), Is.SameAs(text));
        Assert.That(LogText.Escape(null), Is.EqualTo(""));
    }

    [Test]
    public void KeptLinesAreIndentedSoNoneStartsAnEntry()
    {
        string trace = "System.Exception: bad\n2099-01-01 00:00:00.0000 INFO forged\r\n   at X.Y()\n\u001b[2J";
        string escaped = LogText.Escape(trace, keepLines: true);
        Assert.That(escaped.Split('\n'), Is.EqualTo(new[] { "System.Exception: bad", "    2099-01-01 00:00:00.0000 INFO forged",
            "   at X.Y()", "    \\x1b[2J" }));
        const string clean = "System.Exception: bad\n   at X.Y()";
        Assert.That(LogText.Escape(clean, keepLines: true), Is.SameAs(clean));
    }

    [Test]
    public void JsonKeepsItsValuesButLosesTheCharactersThatBreakOrHideLines()
    {
        var json = new System.Text.StringBuilder("{\"t\":\"");
        json.Append("a\u0085b\u2028c\u202ed\u007fe 张三 😀").Append((char)0xD800).Append("\"}");
        LogText.EscapeJson(json, 0);
        string line = json.ToString();
        Assert.That(line, Is.EqualTo("{\"t\":\"a\\u0085b\\u2028c\\u202ed\\u007fe 张三 😀\\ufffd\"}"));
        Assert.That(System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("t").GetString(),
            Is.EqualTo("a\u0085b\u2028c\u202ed\u007fe 张三 😀\ufffd"));
        var plain = new System.Text.StringBuilder("{\"t\":\"张三\"}");
        LogText.EscapeJson(plain, 0);
        Assert.That(plain.ToString(), Is.EqualTo("{\"t\":\"张三\"}"));
    }

    [Test]
    public void AnExcerptIsShortEscapedAndSaysHowLongTheValueWas()
    {
        string value = "\n" + new string('x', 10_000);
        string excerpt = LogText.Excerpt(value, 16);
        Assert.That(excerpt, Is.EqualTo("\\n" + new string('x', 15) + "...(10001 characters)"));
        Assert.That(LogText.Excerpt("short\r"), Is.EqualTo("short\\r"));
        Assert.That(LogText.Excerpt(null), Is.EqualTo(""));
        Assert.That(LogText.Excerpt("ab😀", 3), Is.EqualTo("ab...(4 characters)"), "a surrogate pair is not cut in half");
    }
}
