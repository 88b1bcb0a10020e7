using System.Diagnostics;
using System.Net;
using NLog;
using SocialGame.Core.Metrics;
using SocialGame.Core.Options;
using SocialGame.Protocol.Catalog;

namespace SocialGame.Core.Dispatch;

/// <summary>Which connection cap refused a connection (a metrics label).</summary>
public enum ConnectionCap
{
    Max,
    PerIp,
    NotLoggedIn,
    NotLoggedInPerIp,
}

/// <summary>
/// Counts this node's connections, in all and per client IP, and those not logged in yet, and refuses a connection
/// that would pass a cap (<see cref="ConnectionOptions"/>). Used once when a connection opens, once at its login and
/// once at its close, never per request, so one lock is enough.
/// </summary>
internal sealed class ConnectionGate(ConnectionOptions options, ServerMetrics metrics)
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private static readonly long WarnEvery = Stopwatch.Frequency * 10;
    private readonly Lock _lock = new();
    private long _lastWarning = -WarnEvery;
    private long _refusedSinceWarning;
    private readonly Dictionary<IPAddress, Counts> _byIp = [];
    private int _open;
    private int _notLoggedIn;

    public int Open
    {
        get { lock (_lock) return _open; }
    }

    public int NotLoggedIn
    {
        get { lock (_lock) return _notLoggedIn; }
    }

    /// <summary>Client IPs with at least one open connection.</summary>
    public int Addresses
    {
        get { lock (_lock) return _byIp.Count; }
    }

    /// <summary>
    /// Admits a new connection from <paramref name="ip"/> (null: not known yet, a trusted proxy names it later through
    /// <see cref="Admission.AssignIp"/>), or returns null and the kick reason to send.
    /// </summary>
    public Admission? Admit(IPAddress? ip, out string refusal)
    {
        lock (_lock)
        {
            ConnectionCap? cap = _open >= options.Max ? ConnectionCap.Max
                : _notLoggedIn >= options.MaxNotLoggedIn ? ConnectionCap.NotLoggedIn
                : ip is null ? null : CheckIp(ip);
            if (cap is { } refused)
            {
                refusal = Refuse(refused);
                return null;
            }
            _open++;
            _notLoggedIn++;
            if (ip is not null) CountIp(ip);
        }
        metrics.ConnectionAccepted();
        refusal = "";
        return new Admission(this, ip);
    }

    private ConnectionCap? CheckIp(IPAddress ip)
    {
        if (!_byIp.TryGetValue(ip, out var counts)) return null;
        return counts.Open >= options.MaxPerIp ? ConnectionCap.PerIp
            : counts.NotLoggedIn >= options.MaxNotLoggedInPerIp ? ConnectionCap.NotLoggedInPerIp
            : null;
    }

    private void CountIp(IPAddress ip)
    {
        if (!_byIp.TryGetValue(ip, out var counts)) _byIp[ip] = counts = new Counts();
        counts.Open++;
        counts.NotLoggedIn++;
    }

    /// <summary>Counts the refusal (logged at most every ten seconds, in summary); returns the kick reason to send. Under the
    /// lock.</summary>
    private string Refuse(ConnectionCap cap)
    {
        metrics.ConnectionRefused(cap);
        _refusedSinceWarning++;
        long now = Stopwatch.GetTimestamp();
        if (now - _lastWarning >= WarnEvery)
        {
            Log.Warn("refusing connections: {Refused} refused since the last warning, the latest at the {Cap} cap ({Open} open, " +
                "{NotLoggedIn} not logged in)", _refusedSinceWarning, cap, _open, _notLoggedIn);
            (_lastWarning, _refusedSinceWarning) = (now, 0);
        }
        return cap is ConnectionCap.Max or ConnectionCap.NotLoggedIn ? KickReason.ServerFull : KickReason.TooManyFromIp;
    }

    /// <summary>One admitted connection's place in the counts.</summary>
    public sealed class Admission
    {
        private readonly ConnectionGate _gate;
        private IPAddress? _ip;
        private bool _loggedIn;
        private bool _released;

        internal Admission(ConnectionGate gate, IPAddress? ip)
        {
            _gate = gate;
            _ip = ip;
        }

        /// <summary>The client IP a trusted proxy named: counted against its caps; the kick reason when over one.</summary>
        public string? AssignIp(IPAddress ip)
        {
            lock (_gate._lock)
            {
                if (_released || _ip is not null) return null;
                if (_gate.CheckIp(ip) is { } cap) return _gate.Refuse(cap);
                _ip = ip;
                _gate.CountIp(ip);
                if (_loggedIn) _gate._byIp[ip].NotLoggedIn--;
                return null;
            }
        }

        /// <summary>The connection logged in: it no longer counts as not logged in.</summary>
        public void LoggedIn()
        {
            lock (_gate._lock)
            {
                if (_released || _loggedIn) return;
                _loggedIn = true;
                _gate._notLoggedIn--;
                if (_ip is not null) _gate._byIp[_ip].NotLoggedIn--;
            }
        }

        /// <summary>The connection closed (once; later calls do nothing).</summary>
        public void Release()
        {
            lock (_gate._lock)
            {
                if (_released) return;
                _released = true;
                _gate._open--;
                if (!_loggedIn) _gate._notLoggedIn--;
                if (_ip is null) return;
                var counts = _gate._byIp[_ip];
                counts.Open--;
                if (!_loggedIn) counts.NotLoggedIn--;
                if (counts.Open == 0) _gate._byIp.Remove(_ip);
            }
        }
    }

    private sealed class Counts
    {
        public int Open;
        public int NotLoggedIn;
    }
}
