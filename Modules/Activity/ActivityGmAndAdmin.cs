using System.Text.Json;
using SocialGame.Core;
using SocialGame.Core.Admin;
using SocialGame.Core.Gm;
using SocialGame.Core.Options;
using SocialGame.Protocol;

namespace SocialGame.Modules.Activity;

/// <summary>
/// //gm activity: list the activities and their state, open or close one by hand whatever its window says (auto: back to its
/// window), apply Config/activities.json again (a bad file is refused and the running activities stay).
/// </summary>
internal sealed class ActivityCommand(ActivityService activities, string configDir) : IGmCommand
{
    public string Name => "activity";
    public string Usage => "activity list | activity open <id> | activity close <id> | activity auto <id> | activity reload";

    public async ValueTask<GmResult> ExecuteAsync(GmContext context, IReadOnlyList<string> args, CancellationToken ct)
    {
        var store = activities.Store;
        switch (args.Count > 0 ? args[0] : "")
        {
            case "list" when args.Count == 1:
                await store.ReloadAsync().ConfigureAwait(false);
                var snapshot = store.Current;
                var now = activities.Clock.UtcNow;
                return GmResult.Ok(snapshot.Activities.Count == 0 ? $"no activities (version {snapshot.Version})" : string.Join("\n",
                    snapshot.Activities.Select(a => $"{a.Id} {a.Kind} {(activities.IsOpen(snapshot, a, now) ? "open" : "closed")} " +
                        $"window {a.Begin} - {a.End} ({activities.Zone.Id}) " +
                        $"override {ActivityStore.OverrideName(snapshot.Overrides.GetValueOrDefault(a.Id))}")));
            case "open" or "close" or "auto" when args.Count == 2:
                if (store.Find(args[1]) is null) return new GmResult(ResultCode.ActivityUnknown, "unknown activity");
                var state = args[0] switch
                {
                    "open" => ActivityOverride.Open,
                    "close" => ActivityOverride.Close,
                    _ => ActivityOverride.Auto,
                };
                long version = await store.OverrideAsync(args[1], state, context.GmAccount).ConfigureAwait(false);
                return GmResult.Ok($"{args[1]}: {args[0]} (version {version})");
            case "reload" when args.Count == 1:
                string path = Path.Combine(configDir, ActivityFile.FileName);
                ActivityFile file;
                string text;
                try
                {
                    text = File.ReadAllText(path);
                    file = ConfigLoader.Parse<ActivityFile>(text, ActivityFile.FileName, validate: false);
                    file.Zone = activities.Zone;
                    ConfigLoader.Validate(file, ActivityFile.FileName);
                    var references = new OptionsValidator();
                    activities.CheckReferences(file.Activities, references);
                    if (references.Errors.Count > 0)
                        throw new ConfigException($"{ActivityFile.FileName}: {string.Join("; ", references.Errors)}");
                }
                catch (Exception ex) when (ex is ConfigException or IOException)
                {
                    return new GmResult(ResultCode.ParamError, "refused, the running activities stay: " + ex.Message);
                }
                long v = await store.ReplaceAsync(file.Activities, ActivityStore.Digest(text), context.GmAccount).ConfigureAwait(false);
                return GmResult.Ok($"{file.Activities.Count} activities loaded from {ActivityFile.FileName} (version {v})");
            default:
                return GmResult.Usage(this);
        }
    }
}

/// <summary>
/// The operator API on the admin port: <c>GET /admin/activities</c> (viewer) answers the running activities, their overrides, the ids
/// open now and the version; <c>PUT /admin/activities</c> (operator) replaces them all with <c>{"activities": [...]}</c> (each the
/// shape of an entry in Config/activities.json). A bad set answers 400 with <c>error</c> and the <c>field</c> at fault, and nothing
/// changes. Changes reach every node at once; the datalog names the operator.
/// </summary>
internal sealed class ActivityAdmin(ActivityService activities)
{
    public void Register(IModuleBuilder builder)
    {
        builder.AdminRoute(new AdminRoute("GET", "/admin/activities", async _ =>
        {
            await activities.Store.ReloadAsync().ConfigureAwait(false);
            var snapshot = activities.Store.Current;
            var now = activities.Clock.UtcNow;
            return AdminResponse.Ok(new
            {
                version = snapshot.Version,
                timeZone = activities.Zone.Id,
                activities = JsonSerializer.SerializeToElement(snapshot.Activities, ConfigLoader.Json),
                overrides = snapshot.Overrides.ToDictionary(o => o.Key, o => ActivityStore.OverrideName(o.Value)),
                open = snapshot.Activities.Where(a => activities.IsOpen(snapshot, a, now)).Select(a => a.Id),
            });
        }), OperatorRole.Viewer);
        builder.AdminRoute(new AdminRoute("PUT", "/admin/activities", ReplaceAsync), OperatorRole.Operator);
    }

    private async Task<AdminResponse> ReplaceAsync(AdminRequest request)
    {
        ActivitySet set;
        try
        {
            set = ConfigLoader.Parse<ActivitySet>(request.Body, "body");
        }
        catch (ConfigException ex)
        {
            return Refused(ex.Message.StartsWith("body: ", StringComparison.Ordinal) ? ex.Message[6..] : ex.Message);
        }
        var v = new OptionsValidator();
        ActivityFile.ValidateActivities(v, set.Activities, activities.Zone, activities.AppSchemes);
        if (v.Errors.Count == 0) activities.CheckReferences(set.Activities, v);
        if (v.Errors.Count > 0) return Refused(string.Join("; ", v.Errors));
        string by = request.Operator?.Name ?? "admin";
        long version = await activities.Store.ReplaceAsync(set.Activities, "", by).ConfigureAwait(false);
        return AdminResponse.Ok(new { version, count = set.Activities.Count });
    }

    /// <summary>400 with the whole message and the first field it names.</summary>
    private static AdminResponse Refused(string message)
    {
        int colon = message.IndexOf(": ", StringComparison.Ordinal);
        return new AdminResponse(400, new { error = message, field = colon > 0 ? message[..colon] : "(body)" });
    }
}
