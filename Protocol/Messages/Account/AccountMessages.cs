using MessagePack;

namespace SocialGame.Protocol.Messages.Account;

[MessagePackObject]
public sealed class CancelRecordInfo
{
    [Key("sid"), Doc("the record's id")] public string Sid { get; set; } = "";
    [Key("state"), Doc("cooling (active), withdrawn, executing, done")] public string State { get; set; } = "";
    [Key("createtime"), Doc("when applied, unix seconds")] public long CreateTime { get; set; }
    [Key("duetime"), Doc("when the account is deleted unless withdrawn, unix seconds")] public long DueTime { get; set; }
}

[MessagePackObject]
public sealed class CancelResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("text"), AlsoOnError, Doc("a text the client can show (from configuration)")] public string Text { get; set; } = "";
    [Key("record"), AlsoOnError, Doc("the cancellation record, when there is one")] public CancelRecordInfo? Record { get; set; }
}
