using System.Reflection;
using SocialGame.Protocol.Messages.Bargain;

namespace SocialGame.Protocol.Catalog;

/// <summary>One named value of a <see cref="ValueTable"/>: an int or a string.</summary>
public sealed record ValueEntry(string Name, object Value, string Doc);

/// <summary>A table of values the protocol uses in fields (states, device types, kick reasons, currencies).</summary>
public sealed record ValueTable(string Name, string Doc, IReadOnlyList<ValueEntry> Entries);

/// <summary>Every value table, in the names seed 003 gives them; the Lua constants and the document list them.</summary>
public static class ValueTables
{
    public static IReadOnlyList<ValueTable> All { get; } =
    [
        FromEnum<BargainGoodsState>("GoodsState", "bargain: the state of one goods for the player (goods_state_list, bargaindata.state)"),
        FromEnum<BargainPlayerState>("PlayerState", "bargain: the player's state in a period (getconfig state)"),
        FromEnum<BargainHelpState>("HelpState", "bargain: whether the account may help (helpstate)"),
        FromEnum<DeviceType>("DeviceType", "devicetype of login and bargain help"),
        new("KickReason", "reason of the system kicked push (its text: Answer order, connection limits and close rules)",
            KickReason.All.Select(r => new ValueEntry(r.Reason, r.Reason, r.When)).ToList()),
        FromConstants(typeof(Currency), "Currency", "currency names (wallet, prices, ledger)"),
    ];

    private static ValueTable FromEnum<T>(string name, string doc) where T : struct, Enum =>
        new(name, doc, Enum.GetValues<T>().Select(v => new ValueEntry(
            Generators.ProtocolText.SnakeCase(v.ToString()), Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture),
            typeof(T).GetField(v.ToString())!.GetCustomAttribute<DocAttribute>()?.Text ?? "")).ToList());

    private static ValueTable FromConstants(Type holder, string name, string doc) =>
        new(name, doc, holder.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => new ValueEntry(Generators.ProtocolText.SnakeCase(f.Name), (string)f.GetRawConstantValue()!,
                f.GetCustomAttribute<DocAttribute>()?.Text ?? ""))
            .ToList());
}
