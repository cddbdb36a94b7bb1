using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Outbox;

namespace OmniErp.Orders.Contracts;

// One order pipeline for store, web and marketplace. Others learn of orders through these events.

public sealed record OrderLineFact(string Sku, int Quantity, decimal UnitPrice, decimal LineTotal, int VatRate, decimal VatAmount);

public sealed record OrderPlaced(long OrderId, string Number, string Channel, long? CustomerId, string Currency, decimal Total, IReadOnlyList<OrderLineFact> Lines, DateTimeOffset PlacedAt) : IIntegrationEvent;

public sealed record OrderPaid(long OrderId, string Number, string Channel, long? CustomerId, string Currency, decimal AmountPaid, DateTimeOffset PaidAt) : IIntegrationEvent;

public sealed record OrderCancelled(long OrderId, string Number, string Reason, DateTimeOffset CancelledAt) : IIntegrationEvent;

public sealed record OrderReturned(long OrderId, string Number, long? CustomerId, string Currency, decimal RefundAmount, DateTimeOffset ReturnedAt) : IIntegrationEvent;

public sealed record OrderSummary(long Id, string Number, string Channel, string Status, string Currency, decimal Total, DateTimeOffset PlacedAt);

public sealed record GetCustomerOrders(long CustomerId) : IQuery<IReadOnlyList<OrderSummary>>;

// Placing orders: one command for every channel (POS, web, marketplace).

/// <summary>How an order reaches the customer.</summary>
public static class Fulfilment
{
    /// <summary>A POS sale: the customer takes the goods at the counter; paid and completed at once.</summary>
    public const string InStore = "in_store";

    /// <summary>Shipped to an address (web and marketplace).</summary>
    public const string Delivery = "delivery";

    /// <summary>Click-and-collect at a chosen store.</summary>
    public const string Pickup = "pickup";

    public static readonly IReadOnlyList<string> All = [InStore, Delivery, Pickup];
}

public static class OrderStatuses
{
    public const string Placed = "placed";
    public const string Allocated = "allocated";
    public const string Picking = "picking";
    public const string Shipped = "shipped";
    public const string ReadyForPickup = "ready_for_pickup";
    public const string Delivered = "delivered";
    public const string Collected = "collected";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Placed, Allocated, Picking, Shipped, ReadyForPickup, Delivered, Collected, Completed, Cancelled];
}

public static class PaymentStatuses
{
    public const string Unpaid = "unpaid";
    public const string Paid = "paid";
    public const string Refunded = "refunded";
}

public static class PaymentMethods
{
    public const string Cash = "cash";
    public const string Card = "card";
    public const string BankTransfer = "bank_transfer";
    public const string Cod = "cod";
    public const string Marketplace = "marketplace";

    public static readonly IReadOnlyList<string> All = [Cash, Card, BankTransfer, Cod, Marketplace];
}

public sealed record OrderLineRequest(string Sku, int Quantity);

/// <summary>Who buys when no customer id is known (POS by phone, marketplace buyer): found or created by Customers.</summary>
public sealed record OrderBuyer(string? Phone, string? Email, string? Name);

/// <summary>
/// Places an order on any channel. Priced by the pricing engine at this moment, stock reserved all-or-nothing at the
/// location the sourcing rule picks. A repeat with the same <see cref="IdempotencyKey"/> (per channel) returns the first
/// result; the same key with a different request is refused (IDEMPOTENCY_KEY_REUSED).
/// </summary>
/// <param name="Store">The POS store (in_store) or the pickup store (pickup).</param>
/// <param name="PaymentMethod">POS: cash, card or bank_transfer (paid at once); web: cod, card or bank_transfer (unpaid until recorded); marketplace: marketplace (paid).</param>
/// <param name="ExternalId">The marketplace's own order id.</param>
/// <param name="ReplayGuard">A webhook signature: a second use is refused as a replay (REPLAY). Not part of the request hash.</param>
/// <param name="RedeemPoints">Loyalty points to redeem as a discount (needs a customer): priced by the pricing engine, debited through Customers' RedeemPoints in the same transaction.</param>
public sealed record PlaceOrder(
    string Channel,
    string IdempotencyKey,
    IReadOnlyList<OrderLineRequest> Lines,
    string Fulfilment,
    string? Store = null,
    long? CustomerId = null,
    OrderBuyer? Buyer = null,
    string? DeliveryAddress = null,
    string? PaymentMethod = null,
    IReadOnlyList<string>? CouponCodes = null,
    string? ExternalId = null,
    string PlacedBy = "system",
    string? ReplayGuard = null,
    int RedeemPoints = 0) : IStagedCommand<PlacedOrder>;

/// <param name="Repeated">True when this answers a repeat of an earlier request (no new order was made).</param>
public sealed record PlacedOrder(long OrderId, string Number, string Channel, string Status, string PaymentStatus, string Currency, decimal Total,
    string Location, string SourcingReason, long? CustomerId, bool Repeated, int PointsRedeemed = 0);

/// <summary>A line an order could not take, and why (UNKNOWN_SKU, NOT_PRICED, OUT_OF_STOCK, QUOTA_EXCEEDED, …).</summary>
public sealed record RefusedLine(string Sku, int Quantity, string Code, string Message, int? Available = null);

/// <summary>The order was refused as a whole because of these lines; nothing was written.</summary>
public sealed class OrderRefusedException(IReadOnlyList<RefusedLine> lines, string summary)
    : AppException(ErrorKind.Conflict, lines.Select(l => new Error(l.Code, $"{l.Sku}: {l.Message}", l.Sku)).DefaultIfEmpty(new Error("ORDER_REFUSED", summary)).ToList())
{
    public IReadOnlyList<RefusedLine> Lines { get; } = lines;
    public string Summary { get; } = summary;
}

/// <summary>An order became ready at the pickup store (notification adapters tell the customer).</summary>
public sealed record OrderReadyForPickup(long OrderId, string Number, long? CustomerId, string Store, DateTimeOffset At) : IIntegrationEvent;

/// <summary>An order left the warehouse or store for delivery.</summary>
public sealed record OrderShipped(long OrderId, string Number, long? CustomerId, DateTimeOffset At) : IIntegrationEvent;

/// <summary>A marketplace feed row as it now is (price from the pricing engine, availability after the channel's buffer and quota); Removed when the SKU left the feed.</summary>
public sealed record FeedRowChange(string Sku, string Currency, decimal Price, int Available, bool Removed = false);

/// <summary>Rows of a marketplace channel's feed changed (price or availability): for a push adapter to send to the marketplace.</summary>
public sealed record MarketplaceFeedChanged(string Channel, IReadOnlyList<FeedRowChange> Changes, DateTimeOffset At) : IIntegrationEvent;
