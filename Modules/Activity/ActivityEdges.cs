using NLog;
using SocialGame.Core.Jobs;
using SocialGame.Core.Logging;
using SocialGame.Core.Sessions;
using SocialGame.Core.Storage;
using SocialGame.Modules.Player;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Activity;
using StackExchange.Redis;

namespace SocialGame.Modules.Activity;

/// <summary>
/// The started/ended pushes. Every node looks, each tick, at which activities are open now and at the state each was last announced
/// in (Redis); a change is claimed in one atomic step (<c>activity_edge.lua</c>), so the one node that claims it announces it on the
/// edges channel, and every node delivers it to its own players online who may see the activity (client version, VIP level).
/// An activity removed while open is announced ended to everyone.
/// </summary>
internal sealed class ActivityEdges
{
    private const string Open = "open", Closed = "closed";
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly RedisStore _redis;
    private readonly ActivityService _activities;
    private readonly SessionRegistry _sessions;
    private readonly Profiles _profiles;
    private readonly string _node;
    private readonly LuaScript<EdgeArgs, bool> _claim;
    private ChannelMessageQueue? _queue;
    private PeriodicJob? _job;

    public ActivityEdges(RedisStore redis, ScriptRegistry scripts, ActivityService activities, SessionRegistry sessions, Profiles profiles,
        string node)
    {
        _redis = redis;
        _activities = activities;
        _sessions = sessions;
        _profiles = profiles;
        _node = node;
        _claim = new(scripts, typeof(ActivityEdges).Assembly, "activity_edge.lua", r => r.Flag());
    }

    public async Task StartAsync(TimeSpan tick)
    {
        _queue = await _redis.SubscribeAsync(s => s.SubscribeAsync(ActivityKeys.Edges)).ConfigureAwait(false);
        _queue.OnMessage(async m =>
        {
            try
            {
                await DeliverAsync(m.Message.ToString()).ConfigureAwait(false);
            }
            catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
            {
                Log.Warn("activity edge {Message} not delivered on this node: {Error}", m.Message.ToString(), ex.Message);
            }
        });
        _job = PeriodicJob.Start("activity edges", tick, _ => PassAsync());
    }

    public async Task StopAsync()
    {
        if (_job is not null) await _job.StopAsync().ConfigureAwait(false);
        if (_queue is null) return;
        try
        {
            await _queue.UnsubscribeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
        {
            Log.Warn("activity edges channel: unsubscribe failed: {Error}", ex.Message);
        }
    }

    /// <summary>One look: claims and announces every activity whose state differs from the one announced last.</summary>
    public async Task PassAsync()
    {
        var now = _activities.Clock.UtcNow;
        var snapshot = _activities.Store.Current;
        var announced = (await _redis.Db.HashGetAllAsync(ActivityKeys.Announced).ConfigureAwait(false))
            .ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        var changes = snapshot.Activities
            .Select(a => (a.Id, State: _activities.IsOpen(snapshot, a, now) ? Open : Closed))
            .Where(c => announced.GetValueOrDefault(c.Id, Closed) != c.State)
            .Concat(announced.Where(e => e.Value == Open && snapshot.Activities.All(a => a.Id != e.Key))
                .Select(e => (Id: e.Key, State: Closed)))
            .ToList();
        foreach (var (id, state) in changes)
        {
            if (!await _claim.CallAsync(new EdgeArgs(id, state)).ConfigureAwait(false)) continue;
            DataLog.Write(state == Open ? "activity started" : "activity ended", ("id", id), ("node", _node),
                ("version", snapshot.Version));
            await _redis.Subscriber.PublishAsync(ActivityKeys.Edges, state + "|" + id).ConfigureAwait(false);
        }
    }

    /// <summary>Delivers an announced change to this node's players online who may see the activity.</summary>
    private async Task DeliverAsync(string message)
    {
        int bar = message.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0) return;
        string state = message[..bar], id = message[(bar + 1)..];
        var def = _activities.Store.Find(id);
        if (def is null && state == Open)
        {
            // Announced by a node that heard of it before this one.
            await _activities.Store.ReloadAsync().ConfigureAwait(false);
            def = _activities.Store.Find(id);
        }
        if (def is null && state == Open) return;
        var sessions = _sessions.LoggedIn().Where(s => def is null || def.VisibleTo(s.Login?.Version, int.MaxValue)).ToList();
        if (def is { MinVipLevel: > 0 } && sessions.Count > 0)
        {
            var profiles = await _profiles.GetManyAsync(sessions.Select(s => s.Account!)).ConfigureAwait(false);
            sessions.RemoveAll(s => (profiles.GetValueOrDefault(s.Account!)?.VipLevel ?? 0) < def.MinVipLevel);
        }
        if (state == Open)
        {
            var push = new ActivityStartedPush { Activity = _activities.Banner(def!) };
            foreach (var s in sessions) s.Push(ActivityProtocol.Started, push);
        }
        else
        {
            var push = new ActivityEndedPush { ActivityId = id };
            foreach (var s in sessions) s.Push(ActivityProtocol.Ended, push);
        }
    }

    /// <summary><c>activity_edge.lua</c>.</summary>
    private sealed record EdgeArgs(string Id, string State) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(ActivityKeys.Announced).Args(Id, State);
    }
}
