using System.Globalization;
using SocialGame.Core.Gm;
using SocialGame.Core.Time;
using SocialGame.Modules.Common;

namespace SocialGame.Modules.Room;

/// <summary>
/// //gm live start|stop|owner: the live events without a broker (the same path the Kafka handlers take).
/// </summary>
internal sealed class LiveCommand(RoomService rooms, IClock clock) : IGmCommand
{
    public string Name => "live";
    // <owner> is the live platform's owner as the live events carry it (they name owners the game may never have seen),
    // so unlike the commands that name a game account it is not checked against the profiles
    public string Usage => "live start <roomid> <owner> [slots] | live stop <roomid> | live owner <roomid> <owner>";

    public async ValueTask<GmResult> ExecuteAsync(GmContext context, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count < 2 || !RoomService.ValidRoomId(args[1])) return GmResult.Usage(this);
        string room = args[1];
        string session = clock.UnixMilliseconds.ToString(CultureInfo.InvariantCulture);
        LiveOutcome outcome;
        switch (args[0])
        {
            case "start" when args.Count >= 3 && Validate.Account(args[2]):
                int slots = args.Count >= 4 && int.TryParse(args[3], out int n) && n is > 0 and <= 100 ? n : 8;
                outcome = await rooms.ApplyAsync(room, LiveAction.Start, session, args[2], slots, "", "gm", $"gm start|{room}|{session}")
                    .ConfigureAwait(false);
                break;
            case "stop":
                outcome = await rooms.ApplyAsync(room, LiveAction.Stop, "", "", 0, "", "live.stop", $"gm stop|{room}|{session}")
                    .ConfigureAwait(false);
                break;
            case "owner" when args.Count >= 3 && Validate.Account(args[2]):
                outcome = await rooms.ApplyAsync(room, LiveAction.Owner, "", args[2], 0, "", "gm", $"gm owner|{room}|{args[2]}|{session}")
                    .ConfigureAwait(false);
                break;
            default:
                return GmResult.Usage(this);
        }
        return GmResult.Ok($"room {room}: {RoomService.LiveOutcomes.Write(outcome)}");
    }
}
