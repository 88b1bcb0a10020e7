using System.Text.Json.Nodes;

namespace SocialGame.Modules.Player.Payments;

/// <summary>Fulfils "player" products: grants their currencies and items through the ledger (key = the order id) and mails the
/// buyer.</summary>
internal sealed class PlayerFulfiller(Ledger ledger, Inbox inbox) : IOrderFulfiller
{
    public const string ModuleName = "player";

    public string Module => ModuleName;

    public async Task<bool> FulfilAsync(Order order, ProductDef product)
    {
        var op = new LedgerOperation(order.Account, "order:" + order.Id, "order " + product.Id,
            product.Currencies.Select(c => new CurrencyChange(c.Key, c.Value)).ToList(),
            product.Items.Select(i => new ItemChange(i.ItemId, i.Count)).ToList());
        var outcome = await ledger.ApplyAsync(op).ConfigureAwait(false);
        if (!outcome.Succeeded) return false;
        await inbox.SendAsync(order.Account, "system", "Payment received", $"{product.Name} has been added to your account.",
            new JsonObject { ["orderid"] = order.Id }, dedupeKey: "order:" + order.Id).ConfigureAwait(false);
        return true;
    }
}
