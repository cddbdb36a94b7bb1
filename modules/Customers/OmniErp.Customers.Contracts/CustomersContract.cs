using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Outbox;

namespace OmniErp.Customers.Contracts;

// One customer across channels, matched by normalized phone and/or email.

public sealed record CustomerSummary(long Id, string Name, string? Phone, string? Email, string? Group, string? Tier);

public sealed record GetCustomer(long CustomerId) : IQuery<CustomerSummary?>;

/// <summary>Finds the customer with this phone (normalized) or email, or creates one; used by POS and marketplace orders.</summary>
public sealed record FindOrCreateCustomer(string? Phone, string? Email, string? Name, string Channel) : ICommand<CustomerSummary>;

/// <summary>The money value of loyalty points, for the pricing engine to turn a redemption into a discount.</summary>
public sealed record GetPointsValue(long CustomerId, int Points) : IQuery<decimal>;

public sealed record CustomerRegistered(long CustomerId, string Channel) : IIntegrationEvent;
