namespace SocialGame.Core.Events;

/// <summary>
/// An event topic and the type of its messages: a subscriber's handler and a publisher's message must be of
/// <typeparamref name="T"/>, or the code does not compile. <see cref="Name"/> is the topic's name in the code
/// (<c>kafka.topics</c> may map it to another Kafka topic).
/// </summary>
public sealed record EventTopic<T>(string Name) where T : class
{
    public override string ToString() => Name;
}
