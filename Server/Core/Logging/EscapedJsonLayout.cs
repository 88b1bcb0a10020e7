using System.Text;
using NLog;
using NLog.Layouts;

namespace SocialGame.Core.Logging;

/// <summary>
/// <c>xsi:type="EscapedJsonLayout"</c> in nlog.config: NLog's JSON layout, then <see cref="LogText.EscapeJson"/>,
/// so a datalog line holds no character that some reader takes for a line end (U+0085, U+2028) or that hides
/// or reorders text, while every value still decodes to exactly what was logged.
/// </summary>
[Layout(Name)]
internal sealed class EscapedJsonLayout : JsonLayout
{
    public const string Name = "EscapedJsonLayout";

    protected override void RenderFormattedMessage(LogEventInfo logEvent, StringBuilder target)
    {
        int start = target.Length;
        base.RenderFormattedMessage(logEvent, target);
        LogText.EscapeJson(target, start);
    }
}
