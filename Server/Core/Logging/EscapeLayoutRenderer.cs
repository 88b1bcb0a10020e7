using NLog.LayoutRenderers;
using NLog.LayoutRenderers.Wrappers;

namespace SocialGame.Core.Logging;

/// <summary>
/// <c>${escape:inner=...}</c> in nlog.config: the inner text through <see cref="LogText.Escape(string?, bool)"/>.
/// <c>keepLines=true</c> (for exceptions) keeps line feeds and indents every line after the first.
/// </summary>
[LayoutRenderer(Name)]
internal sealed class EscapeLayoutRenderer : WrapperLayoutRendererBase
{
    public const string Name = "escape";

    public bool KeepLines { get; set; }

    protected override string Transform(string text) => LogText.Escape(text, KeepLines);
}
