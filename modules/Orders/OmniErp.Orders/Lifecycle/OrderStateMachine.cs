using OmniErp.Orders.Contracts;

namespace OmniErp.Orders.Lifecycle;

/// <summary>An action a person (or the marketplace) takes on an order, the states it may start from and where it lands.</summary>
internal sealed record OrderAction(string Code, string Label, IReadOnlyList<string> From, string To, string? OnlyFor = null);

/// <summary>
/// placed → allocated → picking → shipped (delivery) | ready_for_pickup (pickup) → delivered | collected → completed;
/// cancel from any state before the goods leave (placed, allocated, picking, ready_for_pickup). A POS sale is completed when placed.
/// </summary>
internal static class OrderStateMachine
{
    public const string Allocate = "allocate";
    public const string Pick = "pick";
    public const string Ship = "ship";
    public const string ReadyForPickup = "ready";
    public const string Deliver = "deliver";
    public const string Collect = "collect";
    public const string Complete = "complete";
    public const string Cancel = "cancel";

    public static readonly IReadOnlyList<OrderAction> Actions =
    [
        new(Allocate, "Allocate", [OrderStatuses.Placed], OrderStatuses.Allocated),
        new(Pick, "Start picking", [OrderStatuses.Allocated], OrderStatuses.Picking),
        new(Ship, "Ship", [OrderStatuses.Picking], OrderStatuses.Shipped, Fulfilment.Delivery),
        new(ReadyForPickup, "Ready for pickup", [OrderStatuses.Picking], OrderStatuses.ReadyForPickup, Fulfilment.Pickup),
        new(Deliver, "Mark delivered", [OrderStatuses.Shipped], OrderStatuses.Delivered),
        new(Collect, "Mark collected", [OrderStatuses.ReadyForPickup], OrderStatuses.Collected),
        new(Complete, "Complete", [OrderStatuses.Delivered, OrderStatuses.Collected], OrderStatuses.Completed),
        new(Cancel, "Cancel", [OrderStatuses.Placed, OrderStatuses.Allocated, OrderStatuses.Picking, OrderStatuses.ReadyForPickup], OrderStatuses.Cancelled),
    ];

    public static OrderAction? Find(string code) => Actions.FirstOrDefault(a => a.Code == code);

    public static bool Allows(OrderAction action, string status, string fulfilment) =>
        action.From.Contains(status) && (action.OnlyFor is null || action.OnlyFor == fulfilment);

    /// <summary>The actions the order's state allows now (the buttons on its page).</summary>
    public static IReadOnlyList<OrderAction> Legal(string status, string fulfilment) => Actions.Where(a => Allows(a, status, fulfilment)).ToList();

    /// <summary>States whose goods have reached the customer: returns are taken from these.</summary>
    public static readonly IReadOnlyList<string> Returnable = [OrderStatuses.Delivered, OrderStatuses.Collected, OrderStatuses.Completed];
}
