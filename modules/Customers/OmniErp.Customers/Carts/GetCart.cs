using MediatR;
using OmniErp.Customers.Contracts;
using OmniErp.Customers.Profiles;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;
using OmniErp.Pricing.Contracts;

namespace OmniErp.Customers.Carts;

/// <summary>A cart line with what it costs and whether it can be had now, on the channel asking.</summary>
internal sealed record CartLineView(string Sku, string? Name, int Quantity, decimal? UnitPrice, decimal? LineTotal, string? Currency, int? Available, string? Problem);

internal sealed record CartView(long? CartId, long CustomerId, string Channel, IReadOnlyList<CartLineView> Lines, decimal? Total, string? Currency, DateTimeOffset? UpdatedAt)
{
    public int ItemCount => Lines.Sum(l => l.Quantity);
}

/// <summary>
/// The customer's cart priced live by the pricing engine for this channel and customer (so tier prices and
/// promotions apply) with the channel's availability: the web, the app and the POS show the same cart, each with
/// its own channel's price and stock.
/// </summary>
internal sealed record GetCart(long CustomerId, string Channel) : IQuery<CartView>;

internal sealed class GetCartHandler(DbSession session, OtherModules others) : IRequestHandler<GetCart, CartView>
{
    public async Task<CartView> Handle(GetCart request, CancellationToken cancellationToken)
    {
        var customerId = await CustomerDirectory.LiveIdAsync(session, request.CustomerId, cancellationToken) ?? request.CustomerId;
        var cart = await CartReader.ActiveAsync(session, customerId, cancellationToken);
        if (cart is null || cart.Lines.Count == 0)
            return new CartView(cart?.CartId, customerId, request.Channel, [], 0m, null, cart?.UpdatedAt);

        var skus = cart.Lines.Select(l => l.Sku).ToList();
        var names = await others.SkusAsync(skus, cancellationToken);
        var quote = await others.QuoteAsync(request.Channel, cart.Lines.Select(l => new QuoteLineRequest(l.Sku, l.Quantity)).ToList(), customerId, cancellationToken);
        var available = await others.AvailabilityAsync(request.Channel, skus, cancellationToken);

        var lines = cart.Lines.Select(l =>
        {
            var quoted = quote?.Lines.FirstOrDefault(q => q.Sku == l.Sku);
            var problem = quote?.Problems.FirstOrDefault(p => p.Sku == l.Sku)?.Message
                ?? (available.TryGetValue(l.Sku, out var a) && a < l.Quantity ? $"Only {a} available on this channel." : null)
                ?? (quote is null ? "Price unavailable right now." : null);
            return new CartLineView(l.Sku, names?.GetValueOrDefault(l.Sku)?.Name, l.Quantity, quoted?.UnitPrice, quoted?.LineTotal, quote?.Currency,
                available.TryGetValue(l.Sku, out var av) ? av : null, problem);
        }).ToList();
        return new CartView(cart.CartId, customerId, request.Channel, lines, quote?.Total, quote?.Currency, cart.UpdatedAt);
    }
}

internal static class CartReader
{
    public static async Task<CustomerCart?> ActiveAsync(DbSession session, long customerId, CancellationToken ct)
    {
        var cart = await session.QuerySingleOrDefaultAsync<CartRow>(
            "SELECT id AS Id, updated_at AS UpdatedAt FROM customers.carts WHERE customer_id = @customerId AND status = 'Active'", new { customerId }, ct);
        if (cart is null) return null;
        var lines = (await session.QueryAsync<LineRow>(
            "SELECT sku AS Sku, quantity AS Quantity FROM customers.cart_lines WHERE cart_id = @Id ORDER BY added_at, sku", new { cart.Id }, ct))
            .Select(l => new CartLineInfo(l.Sku, l.Quantity)).ToList();
        var customer = await CustomerDirectory.SummaryAsync(session, customerId, ct);
        return customer is null ? null : new CustomerCart(customer, cart.Id, lines, cart.UpdatedAt);
    }

    private sealed class CartRow
    {
        public long Id { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
    }

    private sealed class LineRow
    {
        public string Sku { get; init; } = "";
        public int Quantity { get; init; }
    }
}

/// <summary>The POS looks a customer's cart up by the phone they give, in whatever format.</summary>
internal sealed class FindCartByPhoneHandler(DbSession session) : IRequestHandler<FindCartByPhone, CustomerCart?>
{
    public async Task<CustomerCart?> Handle(FindCartByPhone request, CancellationToken cancellationToken)
    {
        if (PhoneNumber.Normalize(request.Phone) is not { } phone) return null;
        var id = await session.ExecuteScalarAsync<long?>("SELECT id FROM customers.customers WHERE phone = @phone", new { phone }, cancellationToken);
        return id is null ? null : await CartReader.ActiveAsync(session, id.Value, cancellationToken);
    }
}
