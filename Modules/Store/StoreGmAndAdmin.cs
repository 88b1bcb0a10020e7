using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SocialGame.Core;
using SocialGame.Core.Admin;
using SocialGame.Core.Gm;
using SocialGame.Core.Logging;
using SocialGame.Core.Options;
using SocialGame.Modules.Player;
using SocialGame.Protocol;
using StackExchange.Redis;

namespace SocialGame.Modules.Store;

/// <summary>
/// //gm store reload | limits &lt;acc&gt; | grant &lt;acc&gt; &lt;storeid&gt; &lt;itemid&gt;: reload stores.json on this node (a bad file
/// is
/// refused and the running one stays), show an account's purchase counts, grant an item's contents without payment or limits.
/// </summary>
internal sealed class StoreCommand(StoreService store) : IGmCommand
{
    public string Name => "store";
    public string Usage => "store reload | store limits <acc> | store grant <acc> <storeid> <itemid>";

    public IEnumerable<string> AccountsIn(IReadOnlyList<string> args) =>
        args.Count >= 2 && args[0] is "limits" or "grant" ? [args[1]] : [];

    public async ValueTask<GmResult> ExecuteAsync(GmContext context, IReadOnlyList<string> args, CancellationToken ct)
    {
        switch (args)
        {
            case ["reload"]:
                try
                {
                    var options = store.Reload();
                    DataLog.Write("store reload", ("gm", context.GmAccount), ("stores", options.Stores.Count));
                    return GmResult
                        .Ok($"stores.json reloaded: {options.Stores.Count} stores, {options.Stores.Sum(s => s.Items.Count)} items");
                }
                catch (ConfigException ex)
                {
                    return new GmResult(ResultCode.ParamError, "refused, the running configuration stays: " + ex.Message);
                }
            case ["limits", var acc]:
                return GmResult.Ok(await LimitsAsync(acc).ConfigureAwait(false));
            case ["grant", var acc, var storeId, var itemText]:
                if (!StoreOptions.ValidId(storeId) || store.Options.Find(storeId) is not { } def
                    || !int.TryParse(itemText, NumberStyles.None, CultureInfo.InvariantCulture,
                        out int itemId) || def.Find(itemId) is not { } item)
                    return GmResult.Usage(this, "unknown store or item");
                string key = "storegm:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
                var outcome = await store.Player.Ledger.ApplyAsync(new LedgerOperation(acc, key, "store gm " + StoreKeys.Field(storeId,
                    itemId), [], item.GrantChanges())).ConfigureAwait(false);
                if (!outcome.Succeeded) return new GmResult(outcome.ToResult(), $"refused: {outcome.Status}");
                DataLog.Write("store gm grant", ("gm", context.GmAccount), ("acc", acc), ("store", storeId), ("item", itemId));
                return GmResult.Ok($"granted {storeId} item {itemId} ({item.Name}) to {acc}");
            default:
                return GmResult.Usage(this);
        }
    }

    private async Task<string> LimitsAsync(string acc)
    {
        var text = new StringBuilder();
        foreach (var s in store.Options.Stores)
            foreach (var item in s.Items.Where(i => i.Limits.Any))
            {
                var periods = store.PeriodsNow(acc, s, item);
                var values = await store.Redis.Db.StringGetAsync(periods.Select(p => (RedisKey)p.Key).ToArray()).ConfigureAwait(false);
                text.Append(s.Id).Append(' ').Append(item.Id).Append(' ').Append(item.Name).Append(':');
                for (int i = 0; i < periods.Count; i++)
                    text.Append(' ').Append(periods[i].Name)
                        .Append('=').Append(values[i].IsNull ? 0 : (long)values[i]).Append('/').Append(periods[i].Limit)
                        .Append(periods[i].ResetAt > 0 ? $" (resets {periods[i].ResetAt})" : "");
                text.Append('\n');
            }
        return text.Length == 0 ? $"{acc}: no store item has limits" : $"{acc}:\n{text.ToString().TrimEnd()}";
    }
}

/// <summary>Admin API: <c>GET /admin/stores</c> (the stores, tabs and items) and <c>GET /admin/stores/sales</c> (units sold, stock left
/// per item), both for viewers.</summary>
internal static class StoreAdmin
{
    public static void Register(IModuleBuilder builder, StoreService store)
    {
        builder.AdminRoute(new AdminRoute("GET", "/admin/stores", _ => Task.FromResult(AdminResponse.Ok(new
        {
            stores = store.Options.Stores.Select(s => new
            {
                s.Id, s.Name, s.Order, s.MinVipLevel, tabs = s.Tabs,
                items = s.Items.Select(i => new
                {
                    i.Id, i.Tab, i.Name, category = Protocol.Generators.ProtocolText.SnakeCase(i.Category.ToString()), i.Grants, i.Currency,
                    price = store.PriceOf(i), i.ProductId, i.OriginalPrice, i.Order, i.Begin, i.End, i.MinVersion, i.MaxVersion,
                        i.MinVipLevel,
                    i.MaxVipLevel, i.Activity, i.NotIfOwned, i.Limits, i.Stock,
                }),
            }),
        }))), OperatorRole.Viewer);
        builder.AdminRoute(new AdminRoute("GET", "/admin/stores/sales", async _ =>
        {
            var sales = await store.Stock.SalesAsync().ConfigureAwait(false);
            var items = store.Options.Stores.SelectMany(s => s.Items.Select(i => (Store: s.Id, Item: i))).ToList();
            var left = await store.Stock.LeftAsync(items.Select(x => StoreKeys.Field(x.Store, x.Item.Id)).ToList()).ConfigureAwait(false);
            return AdminResponse.Ok(new
            {
                items = items.Select((x, n) => new
                {
                    store = x.Store, item = x.Item.Id, name = x.Item.Name, sold = sales.GetValueOrDefault(StoreKeys.Field(x.Store,
                        x.Item.Id)),
                    stock = x.Item.Stock is { } s ? left[n] ?? s : (long?)null,
                }),
            });
        }), OperatorRole.Viewer);
    }
}
