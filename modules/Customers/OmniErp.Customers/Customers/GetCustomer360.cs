using MediatR;
using Microsoft.Extensions.Logging;
using OmniErp.Customers.Carts;
using OmniErp.Customers.Contracts;
using OmniErp.Customers.Loyalty;
using OmniErp.Customers.Profiles;
using OmniErp.Customers.Wishlists;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;
using OmniErp.Orders.Contracts;

namespace OmniErp.Customers.Customers;

internal sealed record ChannelUse(string Channel, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt, int Purchases, decimal Spend);


/// <summary>Everything about one customer on one page: profile, orders from every channel, points, cart, wishlist, channels.</summary>
internal sealed record Customer360(
    CustomerSummary Profile, DateTimeOffset CreatedAt, string FirstChannel, bool HasAccount, LoyaltyStatus Loyalty,
    IReadOnlyList<PointsEntry> Ledger, IReadOnlyList<OrderSummary>? Orders, IReadOnlyList<ChannelUse> Channels,
    IReadOnlyList<ConsentEntry> Consents, IReadOnlyList<AddressView> Addresses, CartView Cart, IReadOnlyList<WishlistItemView> Wishlist,
    IReadOnlyList<long> MergedFrom);

internal sealed record GetCustomer360(long CustomerId) : IQuery<Customer360?>;

internal sealed class GetCustomer360Handler(DbSession session, IMediator mediator, ILogger<GetCustomer360Handler> log) : IRequestHandler<GetCustomer360, Customer360?>
{
    public async Task<Customer360?> Handle(GetCustomer360 request, CancellationToken cancellationToken)
    {
        if (await CustomerDirectory.LiveSummaryAsync(session, request.CustomerId, cancellationToken) is not { } profile) return null;
        var id = profile.Id;
        var extra = (await session.QuerySingleOrDefaultAsync<ExtraRow>(
            "SELECT created_at AS CreatedAt, first_channel AS FirstChannel, password_hash IS NOT NULL AS HasAccount FROM customers.customers WHERE id = @id",
            new { id }, cancellationToken))!;
        var loyalty = (await mediator.Send(new GetLoyaltyStatus(id), cancellationToken))!;
        var ledger = await mediator.Send(new GetPointsLedger(id, 50), cancellationToken);
        var mergedFrom = (await session.QueryAsync<long>("SELECT id FROM customers.customers WHERE merged_into_id = @id ORDER BY id", new { id }, cancellationToken)).ToList();
        var orders = await OrderHistory.ForAsync(mediator, log, [id, .. mergedFrom], cancellationToken);

        var channels = (await session.QueryAsync<ChannelRow>(
            """
            SELECT cc.channel AS Channel, cc.first_seen_at AS FirstSeenAt, cc.last_seen_at AS LastSeenAt,
                   (SELECT COUNT(*) FROM customers.purchases p WHERE p.customer_id = cc.customer_id AND p.channel = cc.channel) AS Purchases,
                   (SELECT COALESCE(SUM(p.amount - p.refunded), 0) FROM customers.purchases p WHERE p.customer_id = cc.customer_id AND p.channel = cc.channel) AS Spend
            FROM customers.customer_channels cc WHERE cc.customer_id = @id ORDER BY cc.first_seen_at
            """, new { id }, cancellationToken)).Select(r => new ChannelUse(r.Channel, r.FirstSeenAt, r.LastSeenAt, r.Purchases, r.Spend)).ToList();
        var consents = (await mediator.Send(new GetConsents(id), cancellationToken)).Current;
        var addresses = await AddressRows.ListAsync(session, id, cancellationToken);
        var cart = await mediator.Send(new GetCart(id, Channel.Store), cancellationToken);
        var wishlist = await mediator.Send(new GetWishlist(id, Channel.Store), cancellationToken);
        return new Customer360(profile, extra.CreatedAt, extra.FirstChannel, extra.HasAccount, loyalty, ledger, orders, channels, consents, addresses, cart, wishlist, mergedFrom);
    }

    private sealed class ExtraRow
    {
        public DateTimeOffset CreatedAt { get; init; }
        public string FirstChannel { get; init; } = "";
        public bool HasAccount { get; init; }
    }

    private sealed class ChannelRow
    {
        public string Channel { get; init; } = "";
        public DateTimeOffset FirstSeenAt { get; init; }
        public DateTimeOffset LastSeenAt { get; init; }
        public int Purchases { get; init; }
        public decimal Spend { get; init; }
    }
}

/// <summary>
/// A customer's orders from the Orders module, including those placed under ids later merged into this customer
/// (Orders keeps the id the order was placed with), newest first; null when Orders cannot answer.
/// </summary>
internal static class OrderHistory
{
    public static async Task<IReadOnlyList<OrderSummary>?> ForAsync(IMediator mediator, ILogger log, IReadOnlyList<long> customerIds, CancellationToken ct)
    {
        var all = new List<OrderSummary>();
        foreach (var customerId in customerIds)
        {
            try { all.AddRange(await mediator.Send(new GetCustomerOrders(customerId), ct)); }
            catch (InvalidOperationException ex)
            {
                log.LogWarning(ex, "Orders could not list customer {Id}'s orders", customerId);
                return null;
            }
        }
        return all.DistinctBy(o => o.Id).OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id).ToList();
    }
}
