using System.Diagnostics;
using System.Net;
using SocialGame.Client;

namespace SocialGame.Tools.Bots;

/// <summary>One bot: a logged-in connection, with its requests measured into the shared stats.</summary>
public sealed class Bot(int index, string account, GameClient client, BotStats stats)
{
    public int Index { get; } = index;
    public string Account { get; } = account;
    public GameClient Client { get; } = client;
    /// <summary>Scenario state of this bot (e.g. its current bargain code).</summary>
    public Dictionary<string, object?> State { get; } = [];

    /// <summary>
    /// Sends a request and records its latency under <paramref name="op"/>, measured from
    /// <paramref name="scheduled"/> (the open loop's intended send time) or from now. Returns null when no answer came.
    /// </summary>
    public async Task<Frame?> CallAsync(string op, int module, int opid, object? data = null, long? scheduled = null)
    {
        long start = scheduled ?? Stopwatch.GetTimestamp();
        try
        {
            var frame = await Client.RequestAsync(module, opid, data).ConfigureAwait(false);
            stats.Record(op, (long)Stopwatch.GetElapsedTime(start).TotalMicroseconds, frame.Result);
            return frame;
        }
        catch (TimeoutException)
        {
            stats.Failed(op, "timeout");
        }
        catch (IOException)
        {
            stats.Failed(op, "closed");
        }
        return null;
    }

    /// <summary>The source address of bot <paramref name="index"/>: 127.0.0.2 to 127.0.0.254, so per-IP limits see many players.</summary>
    public static IPAddress SourceAddress(int index) => new([127, 0, 0, (byte)(2 + index % 253)]);
}
