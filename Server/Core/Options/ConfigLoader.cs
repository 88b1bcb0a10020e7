using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocialGame.Core.Options;

/// <summary>
/// Reads one JSON configuration file into a typed options class: camelCase names, comments allowed,
/// unknown fields refused (a typo is an error, not a silently ignored setting), then validated.
/// Every failure is a <see cref="ConfigException"/> naming the file and the field.
/// </summary>
public static class ConfigLoader
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static T Load<T>(string path, bool validate = true) where T : IValidatableOptions
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new ConfigException($"{path}: cannot read: {ex.Message}", ex);
        }
        return Parse<T>(text, path, validate);
    }

    public static T Parse<T>(string json, string fileName, bool validate = true) where T : IValidatableOptions
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(json, Json);
        }
        catch (JsonException ex)
        {
            string field = string.IsNullOrEmpty(ex.Path) ? "(file)" : ex.Path.TrimStart('$', '.');
            throw new ConfigException($"{fileName}: {field}: {FirstSentence(ex.Message)}", ex);
        }
        if (value is null) throw new ConfigException($"{fileName}: (file): is empty");
        if (validate) Validate(value, fileName);
        return value;
    }

    public static void Validate(IValidatableOptions value, string fileName)
    {
        var v = new OptionsValidator();
        value.Validate(v);
        if (v.Errors.Count > 0)
            throw new ConfigException($"{fileName}: {string.Join("; ", v.Errors)}");
    }

    private static string FirstSentence(string message)
    {
        int i = message.IndexOf(". Path:", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message;
    }
}
