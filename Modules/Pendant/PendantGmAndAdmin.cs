using System.Globalization;
using System.Text.Json;
using SocialGame.Core;
using SocialGame.Core.Admin;
using SocialGame.Core.Gm;
using SocialGame.Core.Options;
using SocialGame.Modules.Room;

namespace SocialGame.Modules.Pendant;

/// <summary>
/// //gm pendant: fire, move and end room activity by hand (e.g. a red packet before its module exists), and see
/// what a room shows.
/// </summary>
internal sealed class PendantCommand(PendantService pendants) : IGmCommand
{
    public string Name => "pendant";
    public string Usage => "pendant trigger <roomid> <gift|redPacket> <key> [current total] | pendant progress <roomid> <kind> <key> " +
        "<current> <total> | " +
        "pendant end <roomid> <kind> <key> | pendant room <roomid>";

    public async ValueTask<GmResult> ExecuteAsync(GmContext context, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count < 2 || !RoomService.ValidRoomId(args[1])) return GmResult.Usage(this);
        string room = args[1];
        if (args[0] == "room")
        {
            var shown = await pendants.TriggeredAsync(room).ConfigureAwait(false);
            return GmResult.Ok(shown.Count == 0 ? $"room {room}: no triggered pendants"
                : string.Join("\n", shown.Select(p => $"{p.Id} {p.Kind} {p.Key} until {p.End} progress {p.Current}/{p.Total}")));
        }
        if (args.Count < 4 || !Enum.TryParse<PendantTriggerKind>(args[2], ignoreCase: true, out var kind)
            || kind == PendantTriggerKind.Operator ||
            !Enum.IsDefined(kind) || !PendantService.ValidKey(args[3]))
            return GmResult.Usage(this);
        string key = args[3];
        long current = 0, total = 0;
        bool numbers = args.Count >= 6 && long.TryParse(args[4], NumberStyles.None, CultureInfo.InvariantCulture, out current) &&
            long.TryParse(args[5], NumberStyles.None, CultureInfo.InvariantCulture, out total) && current <= total
                && total <= PendantService.MaxProgress;
        switch (args[0])
        {
            case "trigger" when args.Count == 4 || numbers:
                int shown = await pendants.TriggerAsync(room, kind, key, numbers ? new PendantProgress(current, total) : null,
                    by: context.GmAccount).ConfigureAwait(false);
                return GmResult.Ok($"room {room}: {shown} pendants shown");
            case "progress" when numbers && total > 0:
                return GmResult.Ok($"room {room}: " +
                    $"{await pendants.UpdateProgressAsync(room, kind, key, current, total).ConfigureAwait(false)} pendants moved");
            case "end":
                return GmResult.Ok($"room {room}: {await pendants.EndAsync(room, kind, key, "gm").ConfigureAwait(false)} pendants ended");
            default:
                return GmResult.Usage(this);
        }
    }
}

/// <summary>
/// The operator API on the admin port: <c>GET /admin/pendants</c>, <c>GET /admin/pendants/{id}</c> (viewer),
/// <c>POST /admin/pendants</c>, <c>PUT|DELETE /admin/pendants/{id}</c> (operator). A pendant's JSON is the shape of an
/// entry in Config/pendants.json; a bad one answers 400 with <c>error</c> and the <c>field</c> at fault. Changes reach
/// every node at once; the datalog names the operator who made them.
/// </summary>
internal sealed class PendantAdmin(PendantService pendants)
{
    public void Register(IModuleBuilder builder)
    {
        builder.AdminRoute(new AdminRoute("GET", "/admin/pendants", _ => Task.FromResult(AdminResponse.Ok(new
        {
            version = pendants.Store.Version,
            pendants = pendants.Store.All.Select(Json).ToList(),
        }))), OperatorRole.Viewer);
        builder.AdminRoute(new AdminRoute("GET", "/admin/pendants/{id}", request =>
        {
            var def = pendants.Store.Find(request.RouteValues.GetValueOrDefault("id") ?? "");
            return Task.FromResult(def is null ? AdminResponse.Error(404, "unknown pendant") : AdminResponse.Ok(Json(def)));
        }), OperatorRole.Viewer);
        builder.AdminRoute(new AdminRoute("POST", "/admin/pendants", request => SaveAsync(request, PendantSaveOp.Create, null)),
            OperatorRole.Operator);
        builder.AdminRoute(new AdminRoute("PUT", "/admin/pendants/{id}",
            request => SaveAsync(request, PendantSaveOp.Change, request.RouteValues.GetValueOrDefault("id") ?? "")),
            OperatorRole.Operator);
        builder.AdminRoute(new AdminRoute("DELETE", "/admin/pendants/{id}", async request =>
        {
            string id = request.RouteValues.GetValueOrDefault("id") ?? "";
            if (!PendantDef.ValidId(id)) return AdminResponse.Invalid("id", "must be 1-32 letters, digits, '-', '_' or '.'");
            return await pendants.Store.SaveAsync(PendantSaveOp.Remove, id, null, By(request))
                .ConfigureAwait(false) == PendantSaveOutcome.Missing
                ? AdminResponse.Error(404, "unknown pendant")
                : AdminResponse.Ok(new { removed = id, version = pendants.Store.Version });
        }), OperatorRole.Operator);
    }

    private static string By(AdminRequest request) => request.Operator?.Name ?? "admin";

    private async Task<AdminResponse> SaveAsync(AdminRequest request, PendantSaveOp op, string? pathId)
    {
        PendantDef def;
        try
        {
            def = ConfigLoader.Parse<PendantDef>(request.Body, "body", validate: false);
        }
        catch (ConfigException ex)
        {
            string message = ex.Message.StartsWith("body: ", StringComparison.Ordinal) ? ex.Message[6..] : ex.Message;
            int colon = message.IndexOf(": ", StringComparison.Ordinal);
            return new AdminResponse(400, new { error = message, field = colon > 0 ? message[..colon] : "(body)" });
        }
        if (pathId is not null)
        {
            if (def.Id.Length == 0) def.Id = pathId;
            else if (def.Id != pathId) return AdminResponse.Invalid("id", $"must match the path ({pathId}), got '{def.Id}'");
        }
        var v = new OptionsValidator();
        def.Validate(v);
        pendants.CheckReferences(def, v);
        if (v.Errors.Count > 0)
        {
            string first = v.Errors[0];
            return new AdminResponse(400, new { error = string.Join("; ", v.Errors),
                field = first[..first.IndexOf(": ", StringComparison.Ordinal)] });
        }
        return await pendants.Store.SaveAsync(op, def.Id, def, By(request)).ConfigureAwait(false) switch
        {
            PendantSaveOutcome.Exists => AdminResponse.Error(409, $"pendant {def.Id} exists (change it with PUT /admin/pendants/{def.Id})"),
            PendantSaveOutcome.Missing => AdminResponse.Error(404, "unknown pendant"),
            _ => AdminResponse.Ok(Json(def)),
        };
    }

    /// <summary>A pendant as the JSON of Config/pendants.json (enums as names, camelCase).</summary>
    private static JsonElement Json(PendantDef def) => JsonSerializer.SerializeToElement(def, ConfigLoader.Json);
}
