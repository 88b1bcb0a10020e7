using NLog;
using SocialGame.Core.Options;
using SocialGame.Modules.Player;

namespace SocialGame.Modules.Bargain;

/// <summary>
/// The live <see cref="BargainOptions"/>. A request reads <see cref="Current"/> once and works with that
/// snapshot; <see cref="Reload"/> swaps in a new file only when it parses and validates completely.
/// </summary>
internal sealed class BargainConfig
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly string _path;
    private readonly PlayerBase _player;
    private volatile BargainOptions _current;

    public BargainConfig(string configDir, PlayerBase player)
    {
        _path = Path.Combine(configDir, BargainOptions.FileName);
        _player = player;
        _current = Load();
    }

    public BargainOptions Current => _current;

    /// <summary>Reads the file again. On any problem throws <see cref="ConfigException"/> and keeps the old options.</summary>
    public BargainOptions Reload()
    {
        var next = Load();
        _current = next;
        Log.Info("{File} reloaded: {Periods} periods", BargainOptions.FileName, next.Periods.Count);
        return next;
    }

    private BargainOptions Load()
    {
        var options = ConfigLoader.Load<BargainOptions>(_path);
        options.CheckAgainst(_player.Options, _player.Items, BargainOptions.FileName);
        return options;
    }
}
