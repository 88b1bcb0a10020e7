namespace SocialGame.Server.Hosting;

/// <summary>
/// Applies <c>inlineSocketCompletions</c>. The runtime reads its switch once, when the first socket
/// registers with its epoll engine, so this runs at start-up before any socket exists.
/// </summary>
public static class SocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Sets the switch unless the environment already decided; returns whether completions run inline.</summary>
    public static bool Apply(bool inline)
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given) return given == "1";
        if (inline) Environment.SetEnvironmentVariable(Variable, "1");
        return inline;
    }
}
