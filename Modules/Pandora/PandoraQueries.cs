using SocialGame.Protocol.Messages.Pandora;

namespace SocialGame.Modules.Pandora;

/// <summary>What players read: a room's box, the published odds and their own records.</summary>
internal sealed partial class PandoraService
{
    /// <summary>Records per page of <c>records</c>.</summary>
    public const int RecordsPage = 50;

    /// <summary>The room's box, or null when the room never had one.</summary>
    public async Task<PandoraInfoResponse?> InfoAsync(string room)
    {
        var f = await Db.HashGetAsync(PandoraKeys.Box(room), ["box", "state", "owner", "energy", "opened"]).ConfigureAwait(false);
        if (f[0].IsNull) return null;
        long energy = (long)f[3];
        int level = LevelOf(energy);
        var opened = OpenedLevels(f[4].ToString());
        bool live = f[1] == "live";
        return new PandoraInfoResponse
        {
            RoomId = room, Live = live ? 1 : 0, Owner = f[2].ToString(), Energy = energy, Level = level,
            Thresholds = Options.Levels.Select(l => l.Threshold).ToList(), Opened = opened,
            Openable = live ? Enumerable.Range(1, level).Where(l => !opened.Contains(l)).ToList() : [],
        };
    }

    /// <summary>The published odds: every level's pool, each prize's weight and probability, and the owner reward.</summary>
    public PandoraOddsResponse Odds() => new()
    {
        Rules = Options.Rules,
        Levels = Options.Levels.Select(l =>
        {
            var pool = Options.Pool(l.Pool)!;
            return new PandoraLevelOdds
            {
                Level = l.Level, Threshold = l.Threshold, TotalWeight = pool.TotalWeight,
                OwnerReward = PandoraPrizes.Wire(l.OwnerReward, _player.Items),
                Prizes = pool.Prizes.Select(p => new PandoraOdd
                {
                    Prize = PandoraPrizes.Wire(p, _player.Items), Weight = p.Weight, Chance = PandoraDrawing.Chance(pool, p),
                }).ToList(),
            };
        }).ToList(),
    };

    /// <summary>The player's records kept (recordDays), newest first, one page.</summary>
    public async Task<PandoraRecordsResponse> RecordsAsync(string acc, int page)
    {
        var key = PandoraKeys.Records(acc);
        double from = Now - (long)Options.RecordDays * 86400;
        var entries = await Db.SortedSetRangeByScoreAsync(key, from, double.PositiveInfinity, order: StackExchange.Redis.Order.Descending,
            skip: (long)page * RecordsPage, take: RecordsPage).ConfigureAwait(false);
        long total = await Db.SortedSetLengthAsync(key, from).ConfigureAwait(false);
        return new PandoraRecordsResponse
        {
            Total = total,
            Records = entries.Select(e => PandoraPrizes.Read<StoredRecord>(e.ToString())).Select(r => new PandoraRecord
            {
                RoomId = r.RoomId, Level = r.Level, Kind = r.Kind, Prize = PandoraPrizes.Wire(r.Prize), Time = r.Prize.Time,
            }).ToList(),
        };
    }
}
