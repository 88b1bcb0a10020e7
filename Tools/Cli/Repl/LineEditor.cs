namespace SocialGame.Tools.Repl;

/// <summary>What a key did to the line being typed.</summary>
public enum LineEvent
{
    /// <summary>The line changed (or the cursor moved): redraw it.</summary>
    Edited,
    /// <summary>Enter: <see cref="LineEditor.Take"/> gives the line.</summary>
    Entered,
    /// <summary>Ctrl-D on an empty line: the input ended.</summary>
    EndOfInput,
}

/// <summary>
/// A readline-like line with history, one key at a time: Left/Right/Home/End (Ctrl-A/E), Backspace/Delete, Ctrl-U to
/// clear, Up/Down through earlier lines (a line typed half-way is kept while browsing). Pure logic; the terminal draws.
/// </summary>
public sealed class LineEditor(IEnumerable<string>? history = null, int maxHistory = 1000)
{
    private readonly List<string> _history = history?.ToList() ?? [];
    private readonly System.Text.StringBuilder _line = new();
    private int _browse = -1;
    private string _draft = "";

    public string Text => _line.ToString();
    public int Cursor { get; private set; }
    public IReadOnlyList<string> History => _history;

    public LineEvent Apply(ConsoleKeyInfo key)
    {
        bool ctrl = (key.Modifiers & ConsoleModifiers.Control) != 0;
        switch (key.Key)
        {
            case ConsoleKey.Enter:
                return LineEvent.Entered;
            case ConsoleKey.D when ctrl && _line.Length == 0:
                return LineEvent.EndOfInput;
            case ConsoleKey.LeftArrow:
                Cursor = Math.Max(0, Cursor - 1);
                break;
            case ConsoleKey.RightArrow:
                Cursor = Math.Min(_line.Length, Cursor + 1);
                break;
            case ConsoleKey.Home:
            case ConsoleKey.A when ctrl:
                Cursor = 0;
                break;
            case ConsoleKey.End:
            case ConsoleKey.E when ctrl:
                Cursor = _line.Length;
                break;
            case ConsoleKey.Backspace:
                if (Cursor > 0) _line.Remove(--Cursor, 1);
                break;
            case ConsoleKey.Delete:
                if (Cursor < _line.Length) _line.Remove(Cursor, 1);
                break;
            case ConsoleKey.U when ctrl:
                Set("");
                break;
            case ConsoleKey.UpArrow:
                Browse(-1);
                break;
            case ConsoleKey.DownArrow:
                Browse(+1);
                break;
            default:
                if (!ctrl && !char.IsControl(key.KeyChar)) _line.Insert(Cursor++, key.KeyChar);
                break;
        }
        return LineEvent.Edited;
    }

    /// <summary>The entered line; a non-blank one different from the last goes into the history.</summary>
    public string Take()
    {
        string line = Text;
        if (line.Trim().Length > 0 && (_history.Count == 0 || _history[^1] != line))
        {
            _history.Add(line);
            if (_history.Count > maxHistory) _history.RemoveAt(0);
        }
        Set("");
        _browse = -1;
        return line;
    }

    private void Browse(int step)
    {
        if (_history.Count == 0) return;
        if (_browse == -1)
        {
            if (step > 0) return;
            _draft = Text;
            _browse = _history.Count;
        }
        _browse += step;
        if (_browse < 0) _browse = 0;
        if (_browse >= _history.Count)
        {
            _browse = -1;
            Set(_draft);
            return;
        }
        Set(_history[_browse]);
    }

    private void Set(string text)
    {
        _line.Clear().Append(text);
        Cursor = text.Length;
    }
}
