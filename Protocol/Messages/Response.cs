using MessagePack;
using MessagePack.Formatters;

namespace SocialGame.Protocol.Messages;

/// <summary>Every response's <c>data</c> holds <c>result</c>.</summary>
public interface IResponse
{
    int Result { get; set; }
}

/// <summary>A response that carries nothing but its result (used for errors answered before a handler runs).</summary>
[MessagePackObject]
public sealed class ResultOnly : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }

    public static ResultOnly Of(ResultCode code) => new() { Result = (int)code };
}

/// <summary>A request with no fields: any map (its keys ignored) or nil.</summary>
[MessagePackFormatter(typeof(EmptyRequestFormatter))]
public sealed class EmptyRequest
{
}

public sealed class EmptyRequestFormatter : IMessagePackFormatter<EmptyRequest>
{
    public void Serialize(ref MessagePackWriter writer, EmptyRequest value, MessagePackSerializerOptions options) =>
        writer.WriteMapHeader(0);

    public EmptyRequest Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil()) return new EmptyRequest();
        if (reader.NextMessagePackType != MessagePackType.Map) throw new MessagePackSerializationException("data must be a map");
        reader.Skip();
        return new EmptyRequest();
    }
}
