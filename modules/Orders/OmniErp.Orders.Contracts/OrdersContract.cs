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
