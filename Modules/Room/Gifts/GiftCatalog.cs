using SocialGame.Core.Options;

namespace SocialGame.Modules.Room.Gifts;

internal sealed class ExtraReward
{
    /// <summary>The item granted (items.json).</summary>
    public int ItemId { get; set; }
    /// <summary>Chance per gift, 0..1: one reward per gift, granted or not.</summary>
    public double Probability { get; set; }
}

internal sealed class GiftDef
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public long Price { get; set; }
    public long Charm { get; set; }
    public long Wealth { get; set; }
    /// <summary>0: a normal gift (normal wall); above 0: a VIP gift for this VIP level and up.</summary>
    public int VipLevel { get; set; }
    public ExtraReward? Extra { get; set; }
}

/// <summary><c>Config/gifts.json</c>: the room gift catalogue.</summary>
internal sealed class GiftCatalog : IValidatableOptions
{
    public const string FileName = "gifts.json";
    public List<GiftDef> Gifts { get; set; } = [];

    public GiftDef? Find(int id) => Gifts.FirstOrDefault(g => g.Id == id);

    public void Validate(OptionsValidator v)
    {
        for (int i = 0; i < Gifts.Count; i++)
        {
            var g = Gifts[i];
            var at = v.At($"gifts[{i}].");
            at.Range("id", g.Id, 1, int.MaxValue);
            at.NotEmpty("name", g.Name);
            at.Range("price", g.Price, 1, 100_000_000);
            at.Range("charm", g.Charm, 0, 100_000_000);
            at.Range("wealth", g.Wealth, 0, 100_000_000);
            at.Range("vipLevel", g.VipLevel, 0, 100);
            if (g.Extra is { } e)
            {
                at.Range("extra.itemId", e.ItemId, 1, int.MaxValue);
                at.Range("extra.probability", e.Probability, 0, 1);
            }
        }
        foreach (var dup in Gifts.GroupBy(g => g.Id).Where(d => d.Count() > 1)) v.Error("gifts", $"gift id {dup.Key} appears twice");
    }
}
