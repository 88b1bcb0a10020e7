using SocialGame.Modules.Player;

namespace SocialGame.Modules.Store;

/// <summary>
/// One purchase as the store is about to make it. <paramref name="Payer"/> pays and is counted against the limits;
/// <paramref name="Recipient"/> receives the items (the payer, or another account the purchase is for).
/// </summary>
internal sealed record StorePurchase(string StoreId, StoreItem Item, int Count, string Payer, string Recipient, string RequestId)
{
    public bool ForAnother => Payer != Recipient;

    /// <summary>The purchase's own id for another account (its grant's ledger key): for what must happen once per purchase.</summary>
    public string DeliveryId => StoreKeys.GiftGrant(Payer, RequestId);
}

/// <summary>A mark shown on an item in the <c>items</c> answer (e.g. kind "bogo", label 「买一送一」, left 2; kind "giftable").</summary>
internal sealed record StoreMark(string Kind, string Label, long Left = -1);

/// <summary>
/// What a promotion adds to a purchase: items granted to the recipient beside the item's own, and counters of the payer checked
/// and counted in the same ledger operation (e.g. "buy one get one, twice a day"). Both go into the purchase's one ledger
/// operation; when the ledger refuses it only because of one of these counters, the store makes the purchase once more without
/// any promotion's extras.
/// </summary>
internal sealed record PromotionExtras(IReadOnlyList<ItemChange> Items, IReadOnlyList<LedgerCounter> Counters)
{
    public static readonly PromotionExtras None = new([], []);

    public bool IsEmpty => Items.Count == 0 && Counters.Count == 0;
}

/// <summary>
/// The store's extension point for activities (issue 22's engine): the store is built with a list of these (none by default,
/// wired in <c>Modules/ModuleList.cs</c>) and asks each of them while listing items and buying.
/// </summary>
internal interface IStorePromotions
{
    /// <summary>Marks to show on each of <paramref name="items"/> of store <paramref name="storeId"/> for <paramref name="account"/>
    /// now: one list per item, in their order (asked once per listing, so what the marks need is read once).</summary>
    Task<IReadOnlyList<IReadOnlyList<StoreMark>>> MarksAsync(string account, string storeId, IReadOnlyList<StoreItem> items,
        DateTimeOffset now);

    /// <summary>Extra grants and counters for a purchase (<see cref="PromotionExtras.None"/>: nothing).</summary>
    Task<PromotionExtras> ExtrasAsync(StorePurchase purchase, DateTimeOffset now);

    /// <summary>Whether the activity <paramref name="activityId"/> (an item's <c>activity</c> rule) is open now; null when this
    /// promotion does not know the activity.</summary>
    bool? IsActivityOpen(string activityId, DateTimeOffset now);
}
