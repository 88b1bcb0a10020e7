using System.Collections.Concurrent;
using StackExchange.Redis;

namespace SocialGame.Baseline;

/// <summary>
/// The Redis work of the game server's bargain requests, and nothing else: a help reads the helper's profile
/// (HMGET of its fields) and then runs bargain_help.lua by SHA with the same keys and arguments as the bargain module; a
/// start runs bargain_start.lua (set-up only). The scripts are the module's files, prefixed with bargain_doc.lua
/// as the module loads them, so their SHA is the module's.
/// </summary>
internal sealed class BaselineBargain(IDatabase db, BaselineConfig config, byte[] helpSha, byte[] startSha)
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private readonly RedisKey[] _helpKeys = [config.PlayerKey, config.CodeKey, config.HelpKey];
    private readonly RedisKey[] _startKeys = [config.PlayerKey, config.CodeKey];
    private static readonly RedisValue[] ProfileFields = ["nickname", "head", "sex", "level", "viplevel", "regtime"];

    /// <summary>Logged-in connections by account, for the helpntf push to a code's owner.</summary>
    public ConcurrentDictionary<string, BaselineHandler> Online { get; } = new(StringComparer.Ordinal);

    public static async Task<BaselineBargain> LoadAsync(IConnectionMultiplexer mux, BaselineConfig config, string luaDir)
    {
        string doc = await File.ReadAllTextAsync(Path.Combine(luaDir, "bargain_doc.lua")).ConfigureAwait(false);
        async Task<byte[]> Load(string file)
        {
            string source = doc + "\n" + await File.ReadAllTextAsync(Path.Combine(luaDir, file)).ConfigureAwait(false);
            byte[] sha = [];
            foreach (var server in mux.GetServers()) sha = await server.ScriptLoadAsync(source).ConfigureAwait(false);
            return sha;
        }
        return new BaselineBargain(mux.GetDatabase(), config, await Load("bargain_help.lua").ConfigureAwait(false),
            await Load("bargain_start.lua").ConfigureAwait(false));
    }

    public static RedisKey ProfileKey(string acc) => "sg:{" + acc + "}:profile";

    /// <summary>The profile a login creates (as the player module does for a new account).</summary>
    public Task EnsureProfileAsync(string acc, long now) => db.HashSetAsync(ProfileKey(acc),
        [new("nickname", acc), new("head", ""), new("sex", 0), new("level", 1), new("viplevel", 0), new("regtime", now)]);

    /// <summary>One help: (outcome, delprice, totaldelprice, master, idx, goodsid) as the script answers.</summary>
    public async Task<RedisResult[]> HelpAsync(string helper, string code, string ip, string device)
    {
        // the player module's read: HMGET of the profile's fields (nickname, head, sex, level, viplevel, regtime)
        var profile = await db.HashGetAsync(ProfileKey(helper), ProfileFields).ConfigureAwait(false);
        bool exists = !Array.TrueForAll(profile, v => v.IsNull);
        long level = (long)profile[3], vip = (long)profile[4], regTime = (long)profile[5], now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var amounts = config.Help[config.Classify(vip, level, regTime, exists, now)];
        var goods = config.Goods;
        var argv = new RedisValue[10 + 2 * goods.Count];
        argv[0] = helper;
        argv[1] = code;
        argv[2] = ip;
        argv[3] = device;
        argv[4] = config.AccountsPerIp;
        argv[5] = config.AccountsPerDevice;
        argv[6] = config.HelpsPerAccount;
        argv[7] = Random.Shared.NextInt64(amounts.FirstMin, amounts.FirstMax + 1);
        argv[8] = Random.Shared.NextInt64(amounts.LaterMin, amounts.LaterMax + 1);
        argv[9] = goods.Count;
        for (int i = 0; i < goods.Count; i++)
        {
            argv[10 + 2 * i] = goods[i].Idx;
            argv[11 + 2 * i] = goods[i].MaxCut;
        }
        return (RedisResult[])(await db.ScriptEvaluateAsync(helpSha, _helpKeys, argv).ConfigureAwait(false))!;
    }

    /// <summary>Starts a bargain on goods <paramref name="idx"/>; the code (new or current), or null when refused.</summary>
    public async Task<string?> StartAsync(string acc, long idx)
    {
        var goods = config.Goods.First(g => g.Idx == idx);
        for (int attempt = 0; attempt < 5; attempt++)
        {
            string candidate = string.Create(8, 0, static (span, _) =>
            {
                for (int i = 0; i < span.Length; i++) span[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
            });
            var r = (RedisResult[])(await db.ScriptEvaluateAsync(startSha, _startKeys, [acc, goods.Idx, goods.GoodsId, goods.GetCount,
                config.MaxDoing, candidate, Random.Shared.NextInt64(goods.SysMin, goods.SysMax + 1), goods.MaxCut,
                DateTimeOffset.UtcNow.ToUnixTimeSeconds()]).ConfigureAwait(false))!;
            string outcome = (string)r[0]!;
            if (outcome == "collision") continue;
            return outcome is "new" or "swap" or "select_cur" ? (string?)r[1] : null;
        }
        return null;
    }
}
