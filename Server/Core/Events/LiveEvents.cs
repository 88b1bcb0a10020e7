using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SocialGame.Core.Events;

/// <summary>The live-room topics the media centre publishes (seed 000); the room features that use them come later.</summary>
public static class LiveEvents
{
    /// <summary>A room went live or stopped.</summary>
    public static readonly EventTopic<LiveBaseEvent> Base = new("nvwa_mediacenter_mediacenter_live_base_event_socialgame");
    /// <summary>A room's owner changed.</summary>
    public static readonly EventTopic<LiveOwnerSetEvent> OwnerSet =
        new("nvwa_mediacenter_mediacenter_live_base_owner_set_event_socialgame");

    public const string Start = "live.start";
    public const string Stop = "live.stop";
    /// <summary>Stopped because the room's heartbeat expired.</summary>
    public const string Expired = "live.expired";
}

/// <summary>The seed's <c>LiveBaseKafkaMsg</c>: a room went live (live.start), stopped (live.stop) or expired (live.expired).</summary>
public sealed class LiveBaseEvent
{
    /// <summary>"socialgame".</summary>
    [JsonPropertyName("namespace")] public string Namespace { get; set; } = "";
    /// <summary>live.start, live.stop or live.expired.</summary>
    [JsonPropertyName("event")] public string Event { get; set; } = "";
    [JsonPropertyName("live_id")] public string LiveId { get; set; } = "";
    [JsonPropertyName("uid")] public long Uid { get; set; }
    /// <summary>The current host's uid.</summary>
    [JsonPropertyName("owner")] public long Owner { get; set; }
    [JsonPropertyName("live_type")] public string LiveType { get; set; } = "";
    [JsonPropertyName("title")] public string Title { get; set; } = "";
    [JsonPropertyName("cover")] public string Cover { get; set; } = "";
    [JsonPropertyName("pub_stat")] public int PubStat { get; set; }
    [JsonPropertyName("status")] public int Status { get; set; }
    [JsonPropertyName("publish_addr")] public string PublishAddr { get; set; } = "";
    [JsonPropertyName("stream_mix_addr")] public string StreamMixAddr { get; set; } = "";
    [JsonPropertyName("stream_multi_addr")] public string StreamMultiAddr { get; set; } = "";
    [JsonPropertyName("stream_link_addr")] public string StreamLinkAddr { get; set; } = "";
    [JsonPropertyName("share_addr")] public string ShareAddr { get; set; } = "";
    [JsonPropertyName("landscape")] public int LandScape { get; set; }
    [JsonPropertyName("start_time")] public string StartTime { get; set; } = "";
    [JsonPropertyName("stop_time")] public string StopTime { get; set; } = "";
    [JsonPropertyName("longitude")] public string Longitude { get; set; } = "";
    [JsonPropertyName("latitude")] public string Latitude { get; set; } = "";
    [JsonPropertyName("location")] public string Location { get; set; } = "";
    /// <summary>The host's current mic slot.</summary>
    [JsonPropertyName("slot_id")] public int SlotId { get; set; }
    /// <summary>Number of mic slots.</summary>
    [JsonPropertyName("slot_num")] public int SlotNum { get; set; }
    /// <summary>The room owner's gender.</summary>
    [JsonPropertyName("gender")] public int Gender { get; set; }
    /// <summary>Free-form extension (any JSON value).</summary>
    [JsonPropertyName("extra")] public JsonNode? Extra { get; set; }
}

/// <summary>The seed's <c>LiveOwnerSeKafkaMsg</c>: a room's owner was handed over.</summary>
public sealed class LiveOwnerSetEvent
{
    [JsonPropertyName("namespace")] public string Namespace { get; set; } = "";
    [JsonPropertyName("live_id")] public string LiveId { get; set; } = "";
    [JsonPropertyName("room_id")] public string RoomId { get; set; } = "";
    [JsonPropertyName("slot_id")] public int SlotId { get; set; }
    /// <summary>The owner before the handover.</summary>
    [JsonPropertyName("uid")] public long Uid { get; set; }
    /// <summary>The previous owner's slot.</summary>
    [JsonPropertyName("uid_slot")] public int UidSlot { get; set; }
    /// <summary>The current owner.</summary>
    [JsonPropertyName("owner")] public long Owner { get; set; }
    /// <summary>The current owner's slot.</summary>
    [JsonPropertyName("owner_slot")] public int OwnerSlot { get; set; }
    [JsonPropertyName("live_type")] public string LiveType { get; set; } = "";
    /// <summary>Free-form extension (any JSON value).</summary>
    [JsonPropertyName("extra")] public JsonNode? Extra { get; set; }
}
