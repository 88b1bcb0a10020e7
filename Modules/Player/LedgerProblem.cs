namespace SocialGame.Modules.Player;

/// <summary>Why a ledger operation cannot be attempted at all (see <see cref="Ledger.Check"/>).</summary>
internal enum LedgerProblemKind
{
    BadAccount,
    BadKey,
    BadReason,
    NothingToChange,
    UnknownCurrency,
    BadAmount,
    CurrencyTwice,
    UnknownItem,
    BadCount,
    ItemTwice,
    BadCounter,
}

/// <summary>A typed refusal of <see cref="Ledger.Check"/>: callers branch on <see cref="Kind"/>; <see cref="Message"/> is for
/// people.</summary>
internal sealed record LedgerProblem(LedgerProblemKind Kind, string? Subject = null)
{
    public string Message => Kind switch
    {
        LedgerProblemKind.BadAccount => "bad account",
        LedgerProblemKind.BadKey => "bad idempotency key",
        LedgerProblemKind.BadReason => "bad reason",
        LedgerProblemKind.NothingToChange => "nothing to change",
        LedgerProblemKind.UnknownCurrency => $"unknown currency {Subject}",
        LedgerProblemKind.BadAmount => $"bad amount {Subject}",
        LedgerProblemKind.CurrencyTwice => "a currency appears twice",
        LedgerProblemKind.UnknownItem => $"unknown item {Subject}",
        LedgerProblemKind.BadCount => $"bad count {Subject}",
        LedgerProblemKind.BadCounter => $"bad counter {Subject}",
        _ => "an item appears twice",
    };

    public override string ToString() => Message;
}
