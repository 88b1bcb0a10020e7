using SocialGame.Client;
using SocialGame.Tools;
using SocialGame.Tools.Bots;
using SocialGame.Tools.Repl;

namespace SocialGame.Tests.Unit;

/// <summary>The interactive client's line editing, its reading of typed lines and its printing of answers.</summary>
[NonParallelizable]
public class ReplTests
{
    private static ConsoleKeyInfo Key(ConsoleKey key, char c = '\0', bool ctrl = false) => new(c, key, false, false, ctrl);

    private static void Type(LineEditor editor, string text)
    {
        foreach (char c in text) editor.Apply(new ConsoleKeyInfo(c, ConsoleKey.A, false, false, false));
    }

    [Test]
    public void UpAndDownBrowseEarlierLinesAndKeepTheDraft()
    {
        var editor = new LineEditor(["//gm help"]);
        Type(editor, "login gm");
        Assert.That(editor.Apply(Key(ConsoleKey.Enter)), Is.EqualTo(LineEvent.Entered));
        Assert.That(editor.Take(), Is.EqualTo("login gm"));
        Type(editor, "6 0");
        editor.Apply(Key(ConsoleKey.UpArrow));
        Assert.That(editor.Text, Is.EqualTo("login gm"));
        editor.Apply(Key(ConsoleKey.UpArrow));
        Assert.That(editor.Text, Is.EqualTo("//gm help"), "the history loaded from the file comes first");
        editor.Apply(Key(ConsoleKey.UpArrow));
        Assert.That(editor.Text, Is.EqualTo("//gm help"));
        editor.Apply(Key(ConsoleKey.DownArrow));
        editor.Apply(Key(ConsoleKey.DownArrow));
        Assert.That(editor.Text, Is.EqualTo("6 0"), "past the newest line the half-typed one is back");
        Assert.That(editor.History, Is.EqualTo(new[] { "//gm help", "login gm" }));
    }

    [Test]
    public void TheCursorEditsInsideTheLine()
    {
        var editor = new LineEditor();
        Type(editor, "gm hlp");
        editor.Apply(Key(ConsoleKey.LeftArrow));
        editor.Apply(Key(ConsoleKey.LeftArrow));
        Type(editor, "e");
        Assert.That((editor.Text, editor.Cursor), Is.EqualTo(("gm help", 5)));
        editor.Apply(Key(ConsoleKey.Home));
        editor.Apply(Key(ConsoleKey.Delete));
        editor.Apply(Key(ConsoleKey.End));
        editor.Apply(Key(ConsoleKey.Backspace));
        Assert.That(editor.Text, Is.EqualTo("m hel"));
        editor.Apply(Key(ConsoleKey.U, ctrl: true));
        Assert.That(editor.Apply(Key(ConsoleKey.D, ctrl: true)), Is.EqualTo(LineEvent.EndOfInput),
            "Ctrl-D on an empty line ends the input");
    }

    [Test]
    public void TypedLinesBecomeRequests()
    {
        var chat = ReplCommand.Parse("//gm addmoney alice gold 5");
        Assert.That((chat.Action, chat.Module, chat.OpId), Is.EqualTo((ReplAction.Request, 2, 1)));
        Assert.That(((Dictionary<string, object?>)chat.Data!)["text"], Is.EqualTo("//gm addmoney alice gold 5"), "sent as typed in chat");
        Assert.That(((Dictionary<string, object?>)ReplCommand.Parse("gm help").Data!)["text"], Is.EqualTo("//gm help"));
        var named = ReplCommand.Parse("bargain getconfig {\"id\":1}");
        Assert.That((named.Module, named.OpId, ((Dictionary<string, object?>)named.Data!)["id"]), Is.EqualTo((6, 1, (object)1L)));
        Assert.That((ReplCommand.Parse("6 1").Module, ReplCommand.Parse("6 1").Data), Is.EqualTo((6, (object?)null)));
        Assert.That(ReplCommand.Parse("login gm"), Is.EqualTo(new ReplCommand(ReplAction.Login, Account: "gm")));
        Assert.Throws<FormatException>(() => ReplCommand.Parse("bargain nosuchop"));
        Assert.Throws<FormatException>(() => ReplCommand.Parse("6 1 {bad"));
    }

    private static Frame FrameOf(int module, int opid, Dictionary<string, object?> data) => new(module, opid, 1, data, []);

    [Test]
    public void AnswersShowResultNamesAndTextAsLines()
    {
        string gm = ReplFormat.Frame(FrameOf(2, 1, new() { ["result"] = 0, ["output"] = "//gm help\n//gm kick <acc>" }));
        Assert.That(gm.Split('\n'), Is.EqualTo(new[] { "<< gm/command (2/1): success (0)", "   //gm help", "   //gm kick <acc>" }));
        string error = ReplFormat.Frame(FrameOf(6, 1, new() { ["result"] = 2, ["field"] = "id" }));
        Assert.That(error, Is.EqualTo("<< bargain/getconfig (6/1): param_error (2)\n   {\"field\":\"id\"}"));
        string push = ReplFormat.Frame(FrameOf(6, 7, new() { ["bargaincode"] = "ABCDEFGH" }));
        Assert.That(push, Is.EqualTo("<< push bargain/helpntf (6/7) {\"bargaincode\":\"ABCDEFGH\"}"));
        Assert.That(ReplFormat.ResultText(999), Is.EqualTo("result 999"));
    }

    [Test]
    public async Task BotsHelpPrintsTheOptions()
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        int code;
        try
        {
            code = await ToolMain.RunAsync(["bots", "--help"]);
        }
        finally
        {
            Console.SetOut(original);
        }
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output.ToString(), Does.Contain("--scenario").And.Contain("--rate").And.Contain("benchconfig"));
    }

    [Test]
    public void BotsSayWhenMostAnswersWereClickTooFast()
    {
        var stats = new BotStats();
        for (int i = 0; i < 10; i++) stats.Record("heartbeat", 100, 0);
        Assert.That(stats.Throttled(), Is.Null);
        for (int i = 0; i < 11; i++) stats.Record("heartbeat", 100, 3);
        Assert.That(stats.Throttled(), Does.Contain("11 of 21 answers").And.Contain("click_too_fast")
            .And.Contain("benchconfig --out .data/bench/config"));
        Assert.That(stats.Table(1), Does.Contain("WARNING"));
    }
}
