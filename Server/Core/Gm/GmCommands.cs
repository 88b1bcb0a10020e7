using SocialGame.Core.Sessions;
using SocialGame.Protocol;

namespace SocialGame.Core.Gm;

/// <summary>Who runs a GM command and from which connection.</summary>
public sealed record GmContext(string GmAccount, ISession Session);

public sealed record GmResult(ResultCode Code, string Output)
{
    /// <summary>The typed answer behind the output, for a command also served as a protocol operation (bargain 6/1000).</summary>
    public object? Reply { get; init; }

    public static GmResult Ok(string output) => new(ResultCode.Success, output);
    public static GmResult Usage(IGmCommand command, string? problem = null) =>
        new(ResultCode.ParamError, (problem is null ? "" : problem + "; ") + "usage: //gm " + command.Usage);
}

/// <summary>
/// One GM chat command. <see cref="Name"/> is one word (<c>kick</c>) or, for an activity's commands
/// under <c>msact</c>, two (<c>msact bargain</c>); the arguments are the words after it.
/// </summary>
public interface IGmCommand
{
    string Name { get; }
    /// <summary>The usage line, without the leading "//gm ".</summary>
    string Usage { get; }

    /// <summary>
    /// The arguments that name accounts (for <paramref name="args"/> as typed). Each must be a known account
    /// (one with a profile) or the command is refused with unknown_account before it runs.
    /// </summary>
    IEnumerable<string> AccountsIn(IReadOnlyList<string> args) => [];

    ValueTask<GmResult> ExecuteAsync(GmContext context, IReadOnlyList<string> args, CancellationToken ct);
}

/// <summary>Every GM command by name; a name registered twice stops the start-up.</summary>
public sealed class GmCommandRegistry
{
    private readonly Dictionary<string, IGmCommand> _commands = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<IGmCommand> All => _commands.Values.OrderBy(c => c.Name, StringComparer.Ordinal);

    public void Add(IGmCommand command)
    {
        if (!_commands.TryAdd(command.Name, command))
            throw new InvalidOperationException($"GM command '{command.Name}' registered twice");
    }

    /// <summary>Splits "//gm msact bargain 1 1000 code 100" and finds the command and its arguments.</summary>
    public (IGmCommand? Command, string[] Args) Find(string text)
    {
        var words = Tokenize(text);
        if (words.Count >= 2 && _commands.TryGetValue(words[0] + " " + words[1], out var two))
            return (two, words.Skip(2).ToArray());
        if (words.Count >= 1 && _commands.TryGetValue(words[0], out var one))
            return (one, words.Skip(1).ToArray());
        return (null, []);
    }

    public static List<string> Tokenize(string text)
    {
        var words = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 0 && words[0].Equals("//gm", StringComparison.OrdinalIgnoreCase)) words.RemoveAt(0);
        return words;
    }
}
