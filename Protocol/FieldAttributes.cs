namespace SocialGame.Protocol;

/// <summary>
/// A request field the client may leave out (absent or nil). Every other request field is required: a request
/// without it answers <c>param_error</c> with <c>field</c> naming it, before the handler runs.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OptionalAttribute : Attribute;

/// <summary>
/// A response field that also goes with a result other than success, when it has a value (not nil, 0, "" or
/// empty). Every other field is sent with success only: an error answer carries no made-up defaults.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AlsoOnErrorAttribute : Attribute;

/// <summary>
/// A response sent whole with these results too: they are outcomes with data, not failures
/// (e.g. gethelp's <c>help_none</c> still carries the counters).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class InFullWithAttribute(params ResultCode[] results) : Attribute
{
    public IReadOnlyList<ResultCode> Results { get; } = results;
}
