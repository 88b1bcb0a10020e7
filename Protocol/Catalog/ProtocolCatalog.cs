namespace SocialGame.Protocol.Catalog;

/// <summary>Every operation of every module, in one list. A module adds its protocol class here.</summary>
public static class ProtocolCatalog
{
    public static IReadOnlyList<OpDef> All { get; } =
    [
        .. SystemProtocol.All,
        .. GmProtocol.All,
        .. BargainProtocol.All,
        .. PlayerProtocol.All,
        .. AccountProtocol.All,
        .. PassProtocol.All,
        .. RoomProtocol.All,
        .. PendantProtocol.All,
        .. RedPacketProtocol.All,
        .. PandoraProtocol.All,
        .. RankProtocol.All,
        .. StoreProtocol.All,
        .. ActivityProtocol.All,
    ];

    /// <summary>Problems with the tables themselves: duplicate (module, opid), duplicate names, duplicate result values.</summary>
    public static IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        foreach (var g in All.GroupBy(o => (o.Module, o.OpId)).Where(g => g.Count() > 1))
            problems.Add($"duplicate opid {(int)g.Key.Module}/{g.Key.OpId}: {string.Join(", ", g.Select(o => o.Name))}");
        foreach (var g in All.GroupBy(o => (o.Module, o.Name)).Where(g => g.Count() > 1))
            problems.Add($"duplicate op name {g.Key.Module}.{g.Key.Name}");
        foreach (var g in Enum.GetValues<ResultCode>().GroupBy(c => (int)c).Where(g => g.Count() > 1))
            problems.Add($"duplicate result code value {g.Key}");
        foreach (var g in Enum.GetValues<ModuleType>().GroupBy(c => (int)c).Where(g => g.Count() > 1))
            problems.Add($"duplicate module number {g.Key}");
        return problems;
    }
}
