namespace SocialGame.Core.Options;

/// <summary>A configuration file that cannot be used; the message names the file and the field.</summary>
public sealed class ConfigException(string message, Exception? inner = null) : Exception(message, inner);
