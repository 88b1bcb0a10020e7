using SocialGame.Core.Storage;

namespace SocialGame.Modules.Account;

/// <summary>Where a cancellation record is (its hash's <c>state</c> field, written by the cancellation scripts).</summary>
internal enum CancelState
{
    /// <summary>Applied for; waiting out the cooling period.</summary>
    Cooling,
    Withdrawn,
    /// <summary>Claimed by a node that is deleting the account.</summary>
    Executing,
    Done,
}

internal static class CancelStates
{
    public static readonly StringCodec<CancelState> Codec = StringCodec<CancelState>.SnakeCase("cancellation state");

    /// <summary>The account is being cancelled or is gone (cooling, executing, done).</summary>
    public static bool IsCancelling(this CancelState? state) => state is CancelState.Cooling or CancelState.Executing or CancelState.Done;
}
