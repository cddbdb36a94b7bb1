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

internal sealed record ConsentState(string Channel, bool Granted, string Source, DateTimeOffset RecordedAt);

internal sealed record AddressView(long Id, string? Label, string Recipient, string? Phone, string Line, bool IsDefault);

/// <summary>Everything about one customer on one page: profile, orders from every channel, points, cart, wishlist, channels.</summary>
internal sealed record Customer360(
    CustomerSummary Profile, DateTimeOffset CreatedAt, string FirstChannel, bool HasAccount, LoyaltyStatus Loyalty,
    IReadOnlyList<PointsEntry> Ledger, IReadOnlyList<OrderSummary>? Orders, IReadOnlyList<ChannelUse> Channels,
    IReadOnlyList<ConsentState> Consents, IReadOnlyList<AddressView> Addresses, CartView Cart, IReadOnlyList<WishlistItemView> Wishlist,
    IReadOnlyList<long> MergedFrom);

internal sealed record GetCustomer360(long CustomerId) : IQuery<Customer360?>;

internal sealed class GetCustomer360Handler(DbSession session, IMediator mediator, ILogger<GetCustomer360Handler> log) : IRequestHandler<GetCustomer360, Customer360?>
{
    public async Task<Customer360?> Handle(GetCustomer360 request, CancellationToken cancellationToken)
    {
        if (await CustomerDirectory.LiveIdAsync(session, request.CustomerId, cancellationToken) is not { } id) return null;
        var profile = await CustomerDirectory.SummaryAsync(session, id, cancellationToken);
        if (profile is null) return null;
        var extra = (await session.QuerySingleOrDefaultAsync<ExtraRow>(
            "SELECT created_at AS CreatedAt, first_channel AS FirstChannel, password_hash IS NOT NULL AS HasAccount FROM customers.customers WHERE id = @id",
            new { id }, cancellationToken))!;
        var loyalty = (await mediator.Send(new GetLoyaltyStatus(id), cancellationToken))!;
        var ledger = await mediator.Send(new GetPointsLedger(id, 50), cancellationToken);
        IReadOnlyList<OrderSummary>? orders;
        try { orders = await mediator.Send(new GetCustomerOrders(id), cancellationToken); }
        catch (InvalidOperationException ex)
        {
            log.LogWarning(ex, "Orders could not list customer {Id}'s orders", id);
            orders = null;
        }

        var channels = (await session.QueryAsync<ChannelRow>(
            """
            SELECT cc.channel AS Channel, cc.first_seen_at AS FirstSeenAt, cc.last_seen_at AS LastSeenAt,
                   (SELECT COUNT(*) FROM customers.purchases p WHERE p.customer_id = cc.customer_id AND p.channel = cc.channel) AS Purchases,
                   (SELECT COALESCE(SUM(p.amount - p.refunded), 0) FROM customers.purchases p WHERE p.customer_id = cc.customer_id AND p.channel = cc.channel) AS Spend
            FROM customers.customer_channels cc WHERE cc.customer_id = @id ORDER BY cc.first_seen_at
            """, new { id }, cancellationToken)).Select(r => new ChannelUse(r.Channel, r.FirstSeenAt, r.LastSeenAt, r.Purchases, r.Spend)).ToList();
        var consents = (await session.QueryAsync<ConsentRow>(
            """
            SELECT channel AS Channel, granted AS Granted, source AS Source, recorded_at AS RecordedAt FROM customers.consents k
            WHERE customer_id = @id AND NOT EXISTS (SELECT 1 FROM customers.consents later WHERE later.customer_id = k.customer_id
                AND later.channel = k.channel AND (later.recorded_at > k.recorded_at OR (later.recorded_at = k.recorded_at AND later.id > k.id)))
            ORDER BY channel
            """, new { id }, cancellationToken)).Select(r => new ConsentState(r.Channel, r.Granted, r.Source, r.RecordedAt)).ToList();
        var addresses = (await session.QueryAsync<AddressRow>(
            "SELECT id AS Id, label AS Label, recipient AS Recipient, phone AS Phone, line1 AS Line1, ward AS Ward, district AS District, province AS Province, is_default AS IsDefault FROM customers.addresses WHERE customer_id = @id ORDER BY is_default DESC, id",
            new { id }, cancellationToken))
            .Select(a => new AddressView(a.Id, a.Label, a.Recipient, a.Phone, string.Join(", ", new[] { a.Line1, a.Ward, a.District, a.Province }.Where(s => !string.IsNullOrEmpty(s))), a.IsDefault))
            .ToList();
        var cart = await mediator.Send(new GetCart(id, Channel.Store), cancellationToken);
        var wishlist = await mediator.Send(new GetWishlist(id, Channel.Store), cancellationToken);
        var mergedFrom = (await session.QueryAsync<long>("SELECT id FROM customers.customers WHERE merged_into_id = @id ORDER BY id", new { id }, cancellationToken)).ToList();
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

    private sealed class ConsentRow
    {
        public string Channel { get; init; } = "";
        public bool Granted { get; init; }
        public string Source { get; init; } = "";
        public DateTimeOffset RecordedAt { get; init; }
    }

    private sealed class AddressRow
    {
        public long Id { get; init; }
        public string? Label { get; init; }
        public string Recipient { get; init; } = "";
        public string? Phone { get; init; }
        public string Line1 { get; init; } = "";
        public string? Ward { get; init; }
        public string? District { get; init; }
        public string Province { get; init; } = "";
        public bool IsDefault { get; init; }
    }
}
