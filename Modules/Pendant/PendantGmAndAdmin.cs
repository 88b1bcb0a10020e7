using System.Globalization;
using System.Text.Json;
using SocialGame.Core;
using SocialGame.Core.Admin;
using SocialGame.Core.Gm;
using SocialGame.Core.Options;
using SocialGame.Core.Push;
using SocialGame.Core.Time;
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
/// <c>POST /admin/pendants/preview</c> (viewer: who would see it), <c>POST /admin/pendants</c>, <c>PUT|DELETE /admin/pendants/{id}</c>
/// (operator). A pendant's JSON is the shape of an
/// entry in Config/pendants.json; a bad one answers 400 with <c>error</c> and the <c>field</c> at fault. Changes reach
/// every node at once; the datalog names the operator who made them.
/// </summary>
internal sealed class PendantAdmin(PendantService pendants, RoomService rooms, Player.Profiles profiles, MessageRouter router, IClock clock)
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
        builder.AdminRoute(new AdminRoute("POST", "/admin/pendants/preview", PreviewAsync), OperatorRole.Viewer);
        builder.AdminRoute(new AdminRoute("PUT", "/admin/pendants/{id}",
            request => SaveAsync(request, PendantSaveOp.Change, request.RouteValues.GetValueOrDefault("id") ?? "")),
            OperatorRole.Operator);
        builder.AdminRoute(new AdminRoute("DELETE", "/admin/pendants/{id}", async request =>
        {
            string id = request.RouteValues.GetValueOrDefault("id") ?? "";
            if (!PendantDef.ValidId(id)) return AdminResponse.Invalid("id", "must be 1-32 letters, digits, '-', '_' or '.'");
            var before = pendants.Store.Find(id);
            return await pendants.Store.SaveAsync(PendantSaveOp.Remove, id, null, By(request))
                .ConfigureAwait(false) == PendantSaveOutcome.Missing
                ? AdminResponse.Error(404, "unknown pendant")
                : AdminResponse.Ok(new { removed = id, version = pendants.Store.Version })
                    with { Before = before is null ? null : Json(before) };
        }), OperatorRole.Operator);
    }

    private static string By(AdminRequest request) => request.Operator?.Name ?? "admin";

    private async Task<AdminResponse> SaveAsync(AdminRequest request, PendantSaveOp op, string? pathId)
    {
        var (def, refusal) = Parse(request.Body, pathId);
        if (refusal is not null) return refusal;
        var before = pendants.Store.Find(def!.Id);
        return await pendants.Store.SaveAsync(op, def.Id, def, By(request)).ConfigureAwait(false) switch
        {
            PendantSaveOutcome.Exists => AdminResponse.Error(409, $"pendant {def.Id} exists (change it with PUT /admin/pendants/{def.Id})"),
            PendantSaveOutcome.Missing => AdminResponse.Error(404, "unknown pendant"),
            _ => AdminResponse.Ok(Json(def)) with { Before = before is null ? null : Json(before), After = Json(def) },
        };
    }

    /// <summary>
    /// A pendant from a request body, checked whole: or 400 with <c>error</c>, the first <c>field</c> at fault and every problem in
    /// <c>errors</c> (<c>[{field, message}]</c>), so a form can show each at its field.
    /// </summary>
    private (PendantDef? Def, AdminResponse? Refusal) Parse(string body, string? pathId)
    {
        PendantDef def;
        try
        {
            def = ConfigLoader.Parse<PendantDef>(body, "body", validate: false);
        }
        catch (ConfigException ex)
        {
            string message = ex.Message.StartsWith("body: ", StringComparison.Ordinal) ? ex.Message[6..] : ex.Message;
            int colon = message.IndexOf(": ", StringComparison.Ordinal);
            string field = colon > 0 ? message[..colon] : "(body)";
            return (null, new AdminResponse(400, new { error = message, field,
                errors = new[] { new { field, message = colon > 0 ? message[(colon + 2)..] : message } } }));
        }
        if (pathId is not null)
        {
            if (def.Id.Length == 0) def.Id = pathId;
            else if (def.Id != pathId) return (null, AdminResponse.Invalid("id", $"must match the path ({pathId}), got '{def.Id}'"));
        }
        var v = new OptionsValidator();
        def.Validate(v);
        pendants.CheckReferences(def, v);
        if (v.Errors.Count == 0) return (def, null);
        var errors = v.Errors.Select(e =>
        {
            int colon = e.IndexOf(": ", StringComparison.Ordinal);
            return new { field = e[..colon], message = e[(colon + 2)..] };
        }).ToList();
        return (null, new AdminResponse(400, new { error = string.Join("; ", v.Errors), field = errors[0].field, errors }));
    }

    /// <summary>
    /// Who would see a pendant (checked as a save would check it, not saved): the rules in words, whether it shows now, and for
    /// <c>?room=</c> each member of that room with the VIP level, ownership and client version that decide it (a version is known for
    /// the members connected to this node).
    /// </summary>
    private async Task<AdminResponse> PreviewAsync(AdminRequest request)
    {
        var (def, refusal) = Parse(request.Body, null);
        if (refusal is not null) return refusal;
        var now = clock.UtcNow;
        var rules = new List<string>
        {
            def!.Enabled ? "已启用 enabled" : "已关闭：谁也看不到 switched off: nobody sees it",
            $"业务 business: {def.Business}",
            def.Rooms.Count == 0 ? "所有房间 every room" : "房间 rooms: " + string.Join(", ", def.Rooms),
            $"客户端版本 client version: {(def.MinVersion.Length > 0 ? def.MinVersion : "any")} - " +
                $"{(def.MaxVersion.Length > 0 ? def.MaxVersion : "any")}",
            def.MinVipLevel > 0 ? $"VIP ≥ {def.MinVipLevel}" : "任何VIP等级 any VIP level",
            def.OwnerOnly ? "仅房主 the room's owner only" : "所有成员 every member",
            def.Trigger.Kind == PendantTriggerKind.Operator ? "运营配置：窗口内显示 operator: shown in its window"
                : $"触发后显示 {def.Trigger.DurationSeconds}s shown {def.Trigger.DurationSeconds}s after its trigger " +
                    $"({PendantService.KindName(def.Trigger.Kind)})",
        };
        bool showsNow = def.Enabled && def.InWindow(now) && def.Trigger.Kind == PendantTriggerKind.Operator;
        var members = new List<object>();
        string room = request.Query.GetValueOrDefault("room") ?? "";
        if (room.Length > 0)
        {
            if (!RoomService.ValidRoomId(room)) return AdminResponse.Invalid("room", "is not a room id");
            var accounts = await rooms.MembersAsync(room).ConfigureAwait(false);
            var versions = router.LocalRoomMembers(room).ToDictionary(s => s.Account!, s => s.Login?.Version);
            var info = await rooms.InfoAsync(room).ConfigureAwait(false);
            var audience = await pendants.Caster.AudienceAsync(room, accounts, [def]).ConfigureAwait(false);
            var vip = (await profiles.GetManyAsync(accounts).ConfigureAwait(false)).ToDictionary(p => p.Key, p => p.Value.VipLevel);
            foreach (string acc in accounts.Order(StringComparer.Ordinal).Take(200))
            {
                bool known = versions.TryGetValue(acc, out string? version);
                bool sees = def.Enabled && def.AppliesTo(room) && (known ? audience(def, acc, version)
                    : def.MinVipLevel <= vip.GetValueOrDefault(acc) && (!def.OwnerOnly || info?.Owner == acc));
                members.Add(new
                {
                    acc, vipLevel = vip.GetValueOrDefault(acc), owner = info?.Owner == acc, version = known ? version ?? "" : null, sees,
                });
            }
        }
        return AdminResponse.Ok(new { rules, showsNow, room, members });
    }

    /// <summary>A pendant as the JSON of Config/pendants.json (enums as names, camelCase).</summary>
    private static JsonElement Json(PendantDef def) => JsonSerializer.SerializeToElement(def, ConfigLoader.Json);
}
