using MessagePack;

namespace SocialGame.Protocol.Messages.Gm;

[MessagePackObject]
public sealed class GmCommandRequest
{
    [Key("text"), Doc("the chat command, 1-1024 characters without control characters, e.g. //gm msact bargain 1 1000 <code> 100")]
    public string? Text { get; set; }
}

[MessagePackObject]
public sealed class GmCommandResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("output"), AlsoOnError, Doc("what the command printed, or its usage line (lines separated by \\n)")]
    public string Output { get; set; } = "";
}

[MessagePackObject]
public sealed class GmNoticePush
{
    [Key("from"), Doc("the GM account")] public string From { get; set; } = "";
    [Key("text"), Doc("the notice")] public string Text { get; set; } = "";
}
