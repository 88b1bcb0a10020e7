using System.Text.Json.Serialization;

namespace SocialGame.Core.Events;

/// <summary>The topics and events the server itself emits.</summary>
public static class SystemEvents
{
    /// <summary>An account came online (a login on any node).</summary>
    public static readonly EventTopic<OnlineEvent> Online = new("socialgame_user_online");
}

/// <summary>An account logged in. <see cref="EventId"/> makes repeated deliveries recognisable.</summary>
public sealed class OnlineEvent
{
    [JsonPropertyName("event_id")] public string EventId { get; set; } = "";
    [JsonPropertyName("acc")] public string Account { get; set; } = "";
    [JsonPropertyName("node")] public string Node { get; set; } = "";
    [JsonPropertyName("ip")] public string Ip { get; set; } = "";
    /// <summary>Unix milliseconds.</summary>
    [JsonPropertyName("time")] public long Time { get; set; }
    /// <summary>The language the client gave at login ("" when none), for texts sent because of the login.</summary>
    [JsonPropertyName("lang")] public string Lang { get; set; } = "";
}
