using FluentValidation;
using MediatR;
using OmniErp.Customers.Carts;
using OmniErp.Customers.Contracts;
using OmniErp.Customers.Profiles;
using OmniErp.Inventory.Contracts;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Outbox;
using OmniErp.Pricing.Contracts;

namespace OmniErp.Customers.Wishlists;

internal sealed record AddToWishlist(long CustomerId, string Sku, string Channel) : ICommand<bool>;

internal sealed record RemoveFromWishlist(long CustomerId, string Sku) : ICommand<bool>;

internal sealed record WishlistItemView(string Sku, string? Name, DateTimeOffset AddedAt, decimal? Price, string? Currency, int? Available);

/// <summary>The wishlist with live price and availability for the asking channel.</summary>
internal sealed record GetWishlist(long CustomerId, string Channel) : IQuery<IReadOnlyList<WishlistItemView>>;

internal sealed class AddToWishlistValidator : AbstractValidator<AddToWishlist>
{
    public AddToWishlistValidator()
    {
        RuleFor(r => r.Sku).NotEmpty().MaximumLength(64);
        RuleFor(r => r.Channel).NotEmpty();
    }
}

internal sealed class AddToWishlistHandler(DbSession session, OtherModules others, TimeProvider clock) : IRequestHandler<AddToWishlist, bool>
{
    public async Task<bool> Handle(AddToWishlist request, CancellationToken cancellationToken)
    {
        var customerId = await CartRows.LiveCustomerAsync(session, request.CustomerId, cancellationToken);
        await SkuCheck.EnsureSellableAsync(others, request.Sku, cancellationToken);
        // Remember the price and availability seen now: a later drop or restock is measured against them.
        var price = (await others.PricesAsync(request.Channel, [request.Sku], customerId, cancellationToken)).GetValueOrDefault(request.Sku);
        var available = await others.AvailabilityAsync(request.Channel, [request.Sku], cancellationToken);
        bool? inStock = available.TryGetValue(request.Sku, out var a) ? a > 0 : null;
        return await session.ExecuteAsync(
            """
            INSERT INTO customers.wishlist_items (customer_id, sku, channel, added_at, seen_price, in_stock)
            VALUES (@customerId, @Sku, @Channel, @now, @seenPrice, @inStock)
            ON CONFLICT (customer_id, sku) DO NOTHING
            """, new { customerId, request.Sku, request.Channel, now = clock.GetUtcNow(), seenPrice = price?.Price, inStock }, cancellationToken) == 1;
    }
}

internal sealed class RemoveFromWishlistHandler(DbSession session) : IRequestHandler<RemoveFromWishlist, bool>
{
    public async Task<bool> Handle(RemoveFromWishlist request, CancellationToken cancellationToken)
    {
        var customerId = await CartRows.LiveCustomerAsync(session, request.CustomerId, cancellationToken);
        return await session.ExecuteAsync("DELETE FROM customers.wishlist_items WHERE customer_id = @customerId AND sku = @Sku",
            new { customerId, request.Sku }, cancellationToken) == 1;
    }
}

internal sealed class GetWishlistHandler(DbSession session, OtherModules others) : IRequestHandler<GetWishlist, IReadOnlyList<WishlistItemView>>
{
    public async Task<IReadOnlyList<WishlistItemView>> Handle(GetWishlist request, CancellationToken cancellationToken)
    {
        var customerId = await CustomerDirectory.LiveIdAsync(session, request.CustomerId, cancellationToken) ?? request.CustomerId;
        var items = (await session.QueryAsync<ItemRow>(
            "SELECT sku AS Sku, added_at AS AddedAt FROM customers.wishlist_items WHERE customer_id = @customerId ORDER BY added_at DESC, sku",
            new { customerId }, cancellationToken)).ToList();
        if (items.Count == 0) return [];
        var skus = items.Select(i => i.Sku).ToList();
        var names = await others.SkusAsync(skus, cancellationToken);
        var prices = await others.PricesAsync(request.Channel, skus, customerId, cancellationToken);
        var available = await others.AvailabilityAsync(request.Channel, skus, cancellationToken);
        return items.Select(i =>
        {
            var price = prices.GetValueOrDefault(i.Sku);
            return new WishlistItemView(i.Sku, names?.GetValueOrDefault(i.Sku)?.Name, i.AddedAt, price?.Price, price?.Currency,
                available.TryGetValue(i.Sku, out var a) ? a : null);
        }).ToList();
    }

    private sealed class ItemRow
    {
        public string Sku { get; init; } = "";
        public DateTimeOffset AddedAt { get; init; }
    }
}

/// <summary>
/// Back-in-stock notices: the module keeps the last availability per SKU and location, so it can tell a SKU coming
/// back (nothing anywhere → something) from one that merely moved; customers whose wished item was out of stock get
/// one <see cref="WishedItemBackInStock"/>.
/// </summary>
internal sealed class NoticeBackInStock(DbSession session, IOutbox outbox, TimeProvider clock) : INotificationHandler<StockChanged>
{
    public async Task Handle(StockChanged notification, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await session.ExecuteAsync(
            """
            INSERT INTO customers.sku_stock (sku, location, available, updated_at) VALUES (@Sku, @Location, @Available, @now)
            ON CONFLICT (sku, location) DO UPDATE SET available = excluded.available, updated_at = excluded.updated_at
            """, new { notification.Sku, notification.Location, notification.Available, now }, cancellationToken);
        var total = await session.ExecuteScalarAsync<long>(
            "SELECT COALESCE(SUM(CASE WHEN available > 0 THEN available ELSE 0 END), 0) FROM customers.sku_stock WHERE sku = @Sku", new { notification.Sku }, cancellationToken);

        if (total <= 0)
        {
            await session.ExecuteAsync("UPDATE customers.wishlist_items SET in_stock = @no WHERE sku = @Sku AND (in_stock IS NULL OR in_stock = @yes)",
                new { notification.Sku, no = false, yes = true }, cancellationToken);
            return;
        }

        var back = await session.QueryAsync<long>(
            "UPDATE customers.wishlist_items SET in_stock = @yes WHERE sku = @Sku AND in_stock = @no RETURNING customer_id",
            new { notification.Sku, no = false, yes = true }, cancellationToken);
        foreach (var customerId in back) outbox.Add(new WishedItemBackInStock(customerId, notification.Sku, (int)Math.Min(int.MaxValue, total)));
        await session.ExecuteAsync("UPDATE customers.wishlist_items SET in_stock = @yes WHERE sku = @Sku AND in_stock IS NULL",
            new { notification.Sku, yes = true }, cancellationToken);
    }
}

/// <summary>Price-drop notices: a wished SKU whose price falls below what the customer last saw raises one notice per drop.</summary>
internal sealed class NoticePriceDrop(DbSession session, IOutbox outbox) : INotificationHandler<PriceChanged>
{
    public async Task Handle(PriceChanged notification, CancellationToken cancellationToken)
    {
        // A customer sees the base price or their channel's price: notify those who wished it on that channel (any, for the base price).
        var dropped = await session.QueryAsync<DropRow>(
            """
            SELECT customer_id AS CustomerId, seen_price AS SeenPrice FROM customers.wishlist_items
            WHERE sku = @Sku AND (@Channel IS NULL OR channel = @Channel) AND seen_price IS NOT NULL AND seen_price > @NewPrice
            """, new { notification.Sku, notification.Channel, notification.NewPrice }, cancellationToken);
        foreach (var d in dropped)
            outbox.Add(new WishedItemPriceDropped(d.CustomerId, notification.Sku, notification.Channel, notification.Currency, d.SeenPrice, notification.NewPrice));
        // The new price is the one to beat next time (also when it rose).
        await session.ExecuteAsync(
            "UPDATE customers.wishlist_items SET seen_price = @NewPrice WHERE sku = @Sku AND (@Channel IS NULL OR channel = @Channel)",
            new { notification.Sku, notification.Channel, notification.NewPrice }, cancellationToken);
    }

    private sealed class DropRow
    {
        public long CustomerId { get; init; }
        public decimal SeenPrice { get; init; }
    }
}
