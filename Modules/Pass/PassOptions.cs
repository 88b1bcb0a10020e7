using SocialGame.Core.Options;

namespace SocialGame.Modules.Pass;

/// <summary><c>Config/pass.json</c>: the current season's pass, its gifting and its levels (<see cref="PassOptions"/>' season part in
/// PassSeasonOptions.cs).</summary>
internal sealed partial class PassOptions : IValidatableOptions
{
    public const string FileName = "pass.json";

    public string Season { get; set; } = "S1";
    /// <summary>The pass item (items.json) unlocked for the recipient.</summary>
    public int ItemId { get; set; } = 8001;
    /// <summary>The RMB product (products.json, module "pass") for gifting with RMB; empty: no RMB gifting.</summary>
    public string ProductId { get; set; } = "";
    /// <summary>Gold price of a gift; 0: no gold gifting.</summary>
    public long GoldPrice { get; set; }
    public bool GiftingOn { get; set; } = true;
    public DateTimeOffset GiftBegin { get; set; }
    public DateTimeOffset GiftEnd { get; set; } = DateTimeOffset.MaxValue;

    public bool GiftingOpen(DateTimeOffset now) => GiftingOn && now >= GiftBegin && now < GiftEnd;

    public void Validate(OptionsValidator v)
    {
        if (!Common.Validate.Text(Season, 32) || Season.Contains(' ')) v.Error("season", "must be a short name without spaces");
        v.Range("itemId", ItemId, 1, int.MaxValue);
        v.Range("goldPrice", GoldPrice, 0, 1_000_000_000);
        if (GoldPrice == 0 && string.IsNullOrEmpty(ProductId)) v.Error("goldPrice", "gifting needs a gold price or an RMB product");
        if (GiftEnd <= GiftBegin) v.Error("giftEnd", "must be after giftBegin");
        ValidateSeason(v);
    }
}
