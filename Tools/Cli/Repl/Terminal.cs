namespace SocialGame.Tools.Repl;

using Con = System.Console;

/// <summary>
/// The interactive client's terminal: a prompt with a <see cref="LineEditor"/> (history kept in a file across runs),
/// and lines printed from any thread (answers, pushes, connection news) above the prompt, which is then drawn again
/// with what was typed so far. With input that is not a terminal, plain lines are read and printed.
/// </summary>
public sealed class Terminal : IDisposable
{
    private readonly object _gate = new();
    private readonly LineEditor _editor;
    private readonly string? _historyFile;
    private readonly bool _interactive = !Con.IsInputRedirected && !Con.IsOutputRedirected;
    private Func<string> _prompt = () => "> ";

    public Terminal(string? historyFile)
    {
        _historyFile = historyFile;
        var history = historyFile is not null && File.Exists(historyFile) ? File.ReadAllLines(historyFile) : [];
        _editor = new LineEditor(history);
    }

    public void SetPrompt(Func<string> prompt) => _prompt = prompt;

    /// <summary>Prints one line above the prompt (each line of a multi-line text separately).</summary>
    public void Print(string text)
    {
        lock (_gate)
        {
            if (_interactive) Con.Write("\r\u001b[K");
            foreach (string line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')) Con.WriteLine(line);
            if (_interactive) Redraw();
        }
    }

    /// <summary>The next line typed, or null at the end of the input (Ctrl-D, or end of a piped input).</summary>
    public string? ReadLine()
    {
        if (!_interactive)
        {
            lock (_gate) Con.Write(_prompt());
            return Con.ReadLine();
        }
        lock (_gate) Redraw();
        while (true)
        {
            var key = Con.ReadKey(intercept: true);
            lock (_gate)
            {
                switch (_editor.Apply(key))
                {
                    case LineEvent.EndOfInput:
                        Con.WriteLine();
                        return null;
                    case LineEvent.Entered:
                        string line = _editor.Take();
                        Con.WriteLine();
                        Save();
                        return line;
                    default:
                        Redraw();
                        break;
                }
            }
        }
    }

    private void Redraw()
    {
        string prompt = _prompt();
        Con.Write("\r\u001b[K" + prompt + _editor.Text);
        int back = _editor.Text.Length - _editor.Cursor;
        if (back > 0) Con.Write($"\u001b[{back}D");
    }

    private void Save()
    {
        if (_historyFile is null) return;
        try
        {
            File.WriteAllLines(_historyFile, _editor.History);
        }
        catch (IOException)
        {
            // history is a convenience: a read-only home folder does not stop the client
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public void Dispose() => Save();
}
