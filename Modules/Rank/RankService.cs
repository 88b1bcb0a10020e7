using System.Globalization;
using NLog;
using SocialGame.Core.Push;
using SocialGame.Core.Storage;
using SocialGame.Modules.Player;
using SocialGame.Modules.Room.Gifts;
using SocialGame.Protocol;
using SocialGame.Protocol.Messages.Rank;
using StackExchange.Redis;

namespace SocialGame.Modules.Rank;

/// <summary>
/// The charm and wealth boards: counting each gift (the room's <see cref="GiftSent"/>, raised once per paid gift request) on
/// every board of its metric for the period it falls in, and reading pages, one's own place and settled periods.
/// </summary>
internal sealed partial class RankService
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly RedisStore _redis;
    private readonly RankScripts _scripts;
    private readonly IPushService _push;
    private readonly PlayerBase _player;
    private readonly string _node;

    public RankService(RedisStore redis, ScriptRegistry scripts, IPushService push, RankPeriods periods, string node, PlayerBase player,
        RankOptions options)
    {
        _redis = redis;
        _scripts = new RankScripts(scripts);
        _push = push;
        Periods = periods;
        _node = node;
        _player = player;
        Options = options;
    }

    public RankOptions Options { get; }
    public RankPeriods Periods { get; }
    private IDatabase Db => _redis.Db;

    /// <summary>A gift: its charm on the recipient's boards, its wealth (with any activity bonus) on the sender's, in one call.</summary>
    public Task OnGiftSentAsync(GiftSent e) => AddAsync(Options.Boards
        .Select(board => board.Metric == RankMetric.Charm ? (board, e.To, e.Charm) : (board, e.From, e.Wealth))
        .Where(a => a.Item3 > 0).ToList(), Periods.Now);

    /// <summary>Adds <paramref name="points"/> for <paramref name="acc"/> on one board; returns the period counted in.</summary>
    public async Task<string> AddAsync(RankBoard board, string acc, long points, DateTimeOffset at) =>
        (await AddAsync([(board, acc, points)], at).ConfigureAwait(false))[0];

    /// <summary>
    /// Adds each board's points to the period <paramref name="at"/> falls in; a period frozen meanwhile (its settlement began)
    /// passes them on to the next, never into the settled one. Returns the period each was counted in.
    /// </summary>
    private async Task<string[]> AddAsync(IReadOnlyList<(RankBoard Board, string Acc, long Points)> additions, DateTimeOffset at)
    {
        var counted = new string[additions.Count];
        var pending = Enumerable.Range(0, additions.Count).ToList();
        var from = additions.Select(_ => at).ToArray();
        for (int tries = 0; pending.Count > 0; tries++)
        {
            if (tries == 4)
                throw new InvalidOperationException($"rank {additions[pending[0]].Board.Id}: four periods in a row are frozen");
            var parts = pending.Select(i =>
            {
                var (board, acc, points) = additions[i];
                return new RankScripts.Addition(board.Id, Periods.KeyOf(board, from[i]), acc, points,
                    Periods.KeepSeconds(board, Periods.BoundsOf(board, from[i]).End));
            }).ToList();
            var scores = await _scripts.Add.CallAsync(new RankScripts.AddArgs(parts)).ConfigureAwait(false);
            var frozen = new List<int>();
            for (int k = 0; k < pending.Count; k++)
            {
                int i = pending[k];
                if (scores[k] >= 0)
                {
                    counted[i] = parts[k].Period;
                    continue;
                }
                from[i] = Periods.BoundsOf(additions[i].Board, from[i]).End;
                frozen.Add(i);
            }
            pending = frozen;
        }
        return counted;
    }

    /// <summary>The period a request names ("" or null: the current one), with its bounds; null when it is no period of the board
    /// or it has not begun.</summary>
    public (string Period, DateTimeOffset Start, DateTimeOffset End)? PeriodOf(RankBoard board, string? period)
    {
        var now = Periods.Now;
        if (string.IsNullOrEmpty(period))
        {
            var (s, e) = Periods.BoundsOf(board, now);
            return (Periods.KeyOf(board, now), s, e);
        }
        return Periods.Parse(board, period) is { } b && b.Start <= now ? (period, b.Start, b.End) : null;
    }

    /// <summary>Whether the period's data is gone (its keep days are over).</summary>
    public bool Gone(RankBoard board, DateTimeOffset end) => RankPeriods.ExpireAt(board, end) <= Periods.Now.ToUnixTimeSeconds();

    public async Task<RankTopResponse> TopAsync(RankBoard board, string period, int offset, int count)
    {
        var page = await Db.SortedSetRangeByRankWithScoresAsync(RankKeys.Board(board.Id, period), offset, offset + count - 1,
            Order.Descending).ConfigureAwait(false);
        var state = await Db.HashGetAsync(RankKeys.State(board.Id, period), "state").ConfigureAwait(false);
        var entries = page.Select((e, i) => (Rank: offset + i + 1, Acc: AccountOf(e.Element), Score: (long)e.Score)).ToList();
        return new RankTopResponse
        {
            Board = board.Id, Period = period, Settled = state == "done" ? 1 : 0,
            Entries = await EntriesAsync(entries).ConfigureAwait(false),
        };
    }

    public async Task<RankMeResponse> MeAsync(string acc, RankBoard board, string period)
    {
        var response = new RankMeResponse { Period = period };
        var member = await Db.HashGetAsync(RankKeys.Members(board.Id, period), acc).ConfigureAwait(false);
        if (!member.IsNull && await Db.SortedSetRankAsync(RankKeys.Board(board.Id, period), member, Order.Descending)
                .ConfigureAwait(false) is { } rank)
        {
            response.Rank = (int)rank + 1;
            response.Score = (long)(await Db.SortedSetScoreAsync(RankKeys.Board(board.Id, period), member).ConfigureAwait(false) ?? 0);
            if (rank > 0)
            {
                var above = await Db.SortedSetRangeByRankWithScoresAsync(RankKeys.Board(board.Id, period), rank - 1, rank - 1,
                    Order.Descending).ConfigureAwait(false);
                response.Gap = above.Length == 1 ? (long)above[0].Score - response.Score : 0;
            }
        }
        if (await Db.HashGetAsync(RankKeys.State(board.Id, period), "state").ConfigureAwait(false) != "done") return response;
        response.Settled = 1;
        var final = await FinalAsync(board.Id, period).ConfigureAwait(false);
        int place = final.FindIndex(f => f.Acc == acc) + 1;
        response.SettledRank = place;
        if (place > 0 && board.RewardOf(place) is { } reward
            && await _player.Ledger.WasAppliedAsync(acc, LedgerKey(board.Id, period, place)).ConfigureAwait(false))
            response.Rewards = Describe(reward, _player.Items);
        return response;
    }

    public async Task<RankHistoryResponse> HistoryAsync(RankBoard board, string period)
    {
        var state = await Db.HashGetAsync(RankKeys.State(board.Id, period), ["state", "settledat"]).ConfigureAwait(false);
        if (state[0] != "done") return new RankHistoryResponse { Result = (int)ResultCode.RankNotSettled, Period = period };
        var final = await FinalAsync(board.Id, period).ConfigureAwait(false);
        return new RankHistoryResponse
        {
            Period = period, SettledAt = (long)state[1],
            Entries = await EntriesAsync(final.Select((f, i) => (i + 1, f.Acc, f.Score)).ToList()).ConfigureAwait(false),
        };
    }

    /// <summary>The frozen final places, best first (empty before the freeze).</summary>
    public async Task<List<(string Acc, long Score)>> FinalAsync(string board, string period)
    {
        var list = await Db.ListRangeAsync(RankKeys.Final(board, period)).ConfigureAwait(false);
        return list.Select(v => v.ToString()).Select(s =>
        {
            int tab = s.LastIndexOf('\t');
            return (s[..tab], long.Parse(s[(tab + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture));
        }).ToList();
    }

    /// <summary>A period's settlement as stored: its state (open, frozen, done; null before anything was counted or claimed), when it
    /// was settled and the last place handled.</summary>
    public async Task<(string? State, long SettledAt, long Step)> SettlementOfAsync(string board, string period)
    {
        var f = await Db.HashGetAsync(RankKeys.State(board, period), ["state", "settledat", "step"]).ConfigureAwait(false);
        return (f[0].IsNull ? null : f[0].ToString(), f[1].IsNull ? 0 : (long)f[1], f[2].IsNull ? 0 : (long)f[2]);
    }

    /// <summary>Whether a place's reward was granted (its ledger operation applied).</summary>
    public Task<bool> GrantedAsync(string board, string period, int rank, string acc) =>
        _player.Ledger.WasAppliedAsync(acc, LedgerKey(board, period, rank));

    /// <summary>What a place of the board wins, or null for none.</summary>
    public List<RankReward>? RewardsOf(RankBoard board, int rank) => board.RewardOf(rank) is { } r ? Describe(r, _player.Items) : null;

    /// <summary>The ledger key of a place's reward: board, period and place, so each is granted once.</summary>
    public static string LedgerKey(string board, string period, int rank) =>
        string.Create(CultureInfo.InvariantCulture, $"rank:{board}:{period}:{rank}");

    public static List<RankReward> Describe(RankRewardSet set, ItemCatalog items)
    {
        var (currencies, changes) = RankOptions.Changes(set, items);
        return
        [
            .. currencies.Select(c => new RankReward { Kind = "currency", Id = c.Currency, Amount = c.Delta }),
            .. changes.Select(i => new RankReward
            {
                Kind = "item", Id = i.ItemId.ToString(CultureInfo.InvariantCulture), Amount = i.Count,
            }),
        ];
    }

    /// <summary>The account of a board member (<c>&lt;12-digit tie&gt;:&lt;acc&gt;</c>).</summary>
    private static string AccountOf(RedisValue member) => member.ToString()[13..];

    private async Task<List<RankEntry>> EntriesAsync(List<(int Rank, string Acc, long Score)> places)
    {
        var profiles = await _player.Profiles.GetManyAsync(places.Select(p => p.Acc)).ConfigureAwait(false);
        return places.Select(p => new RankEntry
        {
            Rank = p.Rank, Acc = p.Acc, Score = p.Score,
            Nickname = profiles.GetValueOrDefault(p.Acc)?.Nickname ?? p.Acc,
            Head = profiles.GetValueOrDefault(p.Acc)?.Head ?? _player.Options.DefaultHead,
        }).ToList();
    }
}
