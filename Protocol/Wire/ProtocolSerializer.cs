using MessagePack;

namespace SocialGame.Protocol.Wire;

/// <summary>MessagePack settings shared by the server and every tool: untrusted-data security everywhere.</summary>
public static class ProtocolSerializer
{
    public static readonly MessagePackSerializerOptions Options =
        MessagePackSerializerOptions.Standard.WithSecurity(MessagePackSecurity.UntrustedData);

    /// <summary>Serialises a <c>data</c> object (a response, push or request DTO) by its runtime type.</summary>
    public static byte[] SerializeData(object data) =>
        MessagePackSerializer.Serialize(data.GetType(), data, Options);

    /// <summary>
    /// Reads a request's <c>data</c> into <typeparamref name="T"/>. Absent or nil data gives a default
    /// instance (validation then decides); a wrong type anywhere gives false, never an exception.
    /// </summary>
    public static bool TryDeserialize<T>(ReadOnlyMemory<byte> data, out T value) where T : new()
    {
        if (data.IsEmpty || (data.Length == 1 && data.Span[0] == MessagePackCode.Nil))
        {
            value = new T();
            return true;
        }
        try
        {
            value = MessagePackSerializer.Deserialize<T>(data, Options, out int read);
            if (read != data.Length || value is null)
            {
                value = new T();
                return false;
            }
            return true;
        }
        catch (MessagePackSerializationException)
        {
            value = new T();
            return false;
        }
    }
}
