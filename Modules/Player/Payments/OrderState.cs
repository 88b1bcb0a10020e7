using SocialGame.Core.Storage;

namespace SocialGame.Modules.Player.Payments;

/// <summary>Where an RMB order is: CREATED, then PAID by the platform and FULFILLED by its module, or EXPIRED unpaid.</summary>
internal enum OrderState
{
    Created,
    Paid,
    Fulfilled,
    Expired,
}

internal static class OrderStates
{
    /// <summary>The stored texts ("CREATED", "PAID", "FULFILLED", "EXPIRED"), also written by the order scripts.</summary>
    public static readonly StringCodec<OrderState> Codec = StringCodec<OrderState>.UpperCase("order state");
}
