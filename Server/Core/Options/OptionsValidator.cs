namespace SocialGame.Core.Options;

/// <summary>Options classes validate themselves into this: each problem is "field.path: what is wrong".</summary>
public interface IValidatableOptions
{
    void Validate(OptionsValidator v);
}

public sealed class OptionsValidator
{
    private readonly List<string> _errors = [];
    private readonly string _prefix;
    private readonly OptionsValidator? _root;

    public OptionsValidator() => _prefix = "";

    private OptionsValidator(OptionsValidator root, string prefix)
    {
        _root = root;
        _prefix = prefix;
    }

    public IReadOnlyList<string> Errors => (_root ?? this)._errors;

    public void Error(string field, string message) => (_root ?? this)._errors.Add($"{_prefix}{field}: {message}");

    public void Range(string field, long value, long min, long max)
    {
        if (value < min || value > max) Error(field, $"must be between {min} and {max}, got {value}");
    }

    public void Range(string field, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max) Error(field, $"must be between {min} and {max}, got {value}");
    }

    public void NotEmpty(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) Error(field, "is required");
    }

    /// <summary>Validates a nested options object under "field.".</summary>
    public void Nested(string field, IValidatableOptions? child)
    {
        if (child is null)
        {
            Error(field, "is required");
            return;
        }
        child.Validate(new OptionsValidator(_root ?? this, $"{_prefix}{field}."));
    }

    /// <summary>A validator whose errors are prefixed (for list items: "goods[2].").</summary>
    public OptionsValidator At(string prefix) => new(_root ?? this, _prefix + prefix);
}
