using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Outbox;

namespace OmniErp.Customers.Contracts;

// One customer across channels, matched by normalized phone and/or email.

public sealed record CustomerSummary(long Id, string Name, string? Phone, string? Email, string? Group, string? Tier);

/// <summary>A customer by id; a merged-away id answers with the customer it was merged into.</summary>
public sealed record GetCustomer(long CustomerId) : IQuery<CustomerSummary?>;

/// <summary>Finds the customer with this phone (normalized) or email, or creates one; used by POS and marketplace orders.</summary>
public sealed record FindOrCreateCustomer(string? Phone, string? Email, string? Name, string Channel) : ICommand<CustomerSummary>;

/// <summary>The money value of loyalty points, for the pricing engine to turn a redemption into a discount.</summary>
public sealed record GetPointsValue(long CustomerId, int Points) : IQuery<decimal>;

public sealed record CustomerRegistered(long CustomerId, string Channel) : IIntegrationEvent;

/// <summary>Customers page by page in id order (seeding, exports). Merged-away customers are left out.</summary>
public sealed record ListCustomers(int Offset = 0, int Limit = 1000) : IQuery<IReadOnlyList<CustomerSummary>>;

/// <summary>
/// Two customer records were found to be one person and merged: <see cref="MergedId"/> no longer exists on its own;
/// its orders, points, cart and wishlist now belong to <see cref="SurvivorId"/>. Modules that keep customer ids
/// (orders) re-point them.
/// </summary>
public sealed record CustomersMerged(long SurvivorId, long MergedId, DateTimeOffset MergedAt) : IIntegrationEvent;

// Loyalty

/// <summary>Debits points for an order (checkout on any channel), atomically: refused when the balance is short. Idempotent per reference.</summary>
public sealed record RedeemPoints(long CustomerId, int Points, string Reference) : ICommand<PointsRedemption>;

public sealed record PointsRedemption(string Reference, int Points, decimal Value, string Currency, long BalanceAfter);

/// <summary>Gives back the points of a redemption (order cancelled before payment). Idempotent.</summary>
public sealed record RestoreRedeemedPoints(string Reference) : ICommand<int>;

public sealed record LoyaltyStatus(long CustomerId, long Balance, decimal Value, string Currency, string Tier, decimal Spend12Months);

public sealed record GetLoyaltyStatus(long CustomerId) : IQuery<LoyaltyStatus?>;

// Storefront identity

/// <summary>The customer an access token (from <c>Authorization: Bearer …</c>) belongs to, or null when unknown, expired or revoked.</summary>
public sealed record AuthenticateCustomer(string AccessToken) : IQuery<long?>;

// Carts and wishlists

public sealed record CartLineInfo(string Sku, int Quantity);

/// <summary>A customer's server-side cart as the POS sees it (found by the customer's phone).</summary>
public sealed record CustomerCart(CustomerSummary Customer, long CartId, IReadOnlyList<CartLineInfo> Lines, DateTimeOffset UpdatedAt);

/// <summary>The active cart of the customer with this phone (any format), or null.</summary>
public sealed record FindCartByPhone(string Phone) : IQuery<CustomerCart?>;

/// <summary>A cart with items lay idle past the configured time (for a reminder adapter).</summary>
public sealed record CartAbandoned(long CustomerId, long CartId, string? Phone, string? Email, IReadOnlyList<CartLineInfo> Lines, DateTimeOffset LastActivityAt) : IIntegrationEvent;

/// <summary>A wished SKU is available again (for a notification adapter).</summary>
public sealed record WishedItemBackInStock(long CustomerId, string Sku, int Available) : IIntegrationEvent;

/// <summary>A wished SKU's price dropped on a channel (null: the base price).</summary>
public sealed record WishedItemPriceDropped(long CustomerId, string Sku, string? Channel, string Currency, decimal OldPrice, decimal NewPrice) : IIntegrationEvent;
