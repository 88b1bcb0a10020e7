using SocialGame.Core.Storage;

namespace SocialGame.Modules.RedPacket;

/// <summary>Where a red packet is (stored in its hash's <c>state</c> field, and written by its scripts).</summary>
internal enum PacketState
{
    /// <summary>A gold send whose debit is under way.</summary>
    Paying,
    /// <summary>An RMB packet waiting for its order's payment.</summary>
    Ordered,
    Open,
    /// <summary>Closed; what was left is being given back.</summary>
    Refunding,
    Refunded,
    /// <summary>Every share grabbed.</summary>
    Done,
    /// <summary>An RMB packet whose order expired unpaid (a late payment still opens it).</summary>
    Expired,
    /// <summary>A send that was never paid.</summary>
    Failed,
}

/// <summary>How a packet is paid for (its hash's <c>pay</c> field).</summary>
internal enum PacketPay
{
    Gold,
    Rmb,
}

/// <summary>What <see cref="RedPacketService.OpenAsync"/> did.</summary>
internal enum OpenOutcome
{
    Opened,
    /// <summary>Not this payment's packet.</summary>
    Refused,
    Missing,
    /// <summary>Its configuration is no longer configured.</summary>
    Unconfigured,
    /// <summary>It was not waiting for a payment: <see cref="OpenResult.Had"/> says where it is.</summary>
    NotWaiting,
}

/// <summary>An open's outcome, with the state the packet already had when it was <see cref="OpenOutcome.NotWaiting"/>.</summary>
internal sealed record OpenResult(OpenOutcome Outcome, PacketState? Had = null)
{
    public override string ToString() => Had is { } had ? $"{Outcome} ({PacketStates.State.Write(had)})" : Outcome.ToString();
}

internal static class PacketStates
{
    public static readonly StringCodec<PacketState> State = StringCodec<PacketState>.SnakeCase("red packet state");

    public static readonly StringCodec<PacketPay> Pay = StringCodec<PacketPay>.SnakeCase("red packet payment kind");
}
