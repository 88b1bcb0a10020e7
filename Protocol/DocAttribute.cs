namespace SocialGame.Protocol;

/// <summary>One line of documentation carried into the generated protocol document and Lua tables.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Class)]
public sealed class DocAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}
