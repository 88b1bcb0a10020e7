using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Account;
using static SocialGame.Protocol.ResultCode;

namespace SocialGame.Protocol.Catalog;

/// <summary>Module 11 <c>account</c>: cancellation with a cooling period (seed 000, 3.3.80).</summary>
public static class AccountProtocol
{
    private const ModuleType M = ModuleType.Account;

    public static readonly OpDef<EmptyRequest, CancelResponse> CancelApply = new(M, 1, "cancelapply",
        "Applies for cancellation: pre-checks, then one active record with a cooling period (a second apply returns the active one). " +
        "Logging in again withdraws it.",
        [Success, CancelFamilyLeader, CancelBound, CancelTooOften, CancelAlreadyDone, RedisError]);

    public static readonly OpDef<EmptyRequest, CancelResponse> CancelStatus = new(M, 2, "cancelstatus",
        "The latest cancellation record, if any.", [Success, RedisNoData, RedisError]);

    public static readonly OpDef<EmptyRequest, CancelResponse> CancelWithdraw = new(M, 3, "cancelwithdraw",
        "Withdraws the active cancellation.", [Success, CancelNone, RedisError]);

    public static IReadOnlyList<OpDef> All { get; } = [CancelApply, CancelStatus, CancelWithdraw];
}
