using MediatR;
using OmniErp.Customers.Profiles;
using OmniErp.Kernel.Data;
using OmniErp.Orders.Contracts;

namespace OmniErp.Customers.Carts;

/// <summary>
/// Whatever channel an order is placed on, the units it bought leave the customer's cart; a cart left empty is
/// closed with the order's number. So a cart filled on the web and rung up at the POS does not linger online.
/// Idempotent on its own (not only through the dispatcher's inbox): each order is recorded in <c>cart_orders</c>
/// first, and a repeat of the same order changes nothing.
/// </summary>
internal sealed class ClearCartOnOrderPlaced(DbSession session, TimeProvider clock) : INotificationHandler<OrderPlaced>
{
    public async Task Handle(OrderPlaced notification, CancellationToken cancellationToken)
    {
        if (notification.CustomerId is not { } given) return;
        if (await CustomerDirectory.LiveIdAsync(session, given, cancellationToken) is not { } customerId) return;
        var now = clock.GetUtcNow();
        var first = await session.ExecuteAsync(
            """
            INSERT INTO customers.cart_orders (order_id, number, customer_id, channel, cart_id, units_removed, handled_at)
            VALUES (@OrderId, @Number, @customerId, @Channel, NULL, 0, @now)
            ON CONFLICT (order_id) DO NOTHING
            """, new { notification.OrderId, notification.Number, customerId, notification.Channel, now }, cancellationToken);
        if (first == 0) return;

        await CustomerDirectory.TouchChannelAsync(session, customerId, notification.Channel, notification.PlacedAt, cancellationToken);
        var cartId = await session.ExecuteScalarAsync<long?>(
            "SELECT id FROM customers.carts WHERE customer_id = @customerId AND status = 'Active'" + CustomerDirectory.ForUpdate(session), new { customerId }, cancellationToken);
        if (cartId is null) return;

        var removed = 0L;
        foreach (var bought in notification.Lines.GroupBy(l => l.Sku).Select(g => (Sku: g.Key, Quantity: g.Sum(l => l.Quantity))))
        {
            var had = await session.ExecuteScalarAsync<long?>("SELECT quantity FROM customers.cart_lines WHERE cart_id = @cartId AND sku = @Sku",
                new { cartId, bought.Sku }, cancellationToken) ?? 0;
            removed += Math.Min(had, bought.Quantity);
            // Delete first: a line decremented below the bought quantity must not be deleted afterwards.
            await session.ExecuteAsync("DELETE FROM customers.cart_lines WHERE cart_id = @cartId AND sku = @Sku AND quantity <= @Quantity",
                new { cartId, bought.Sku, bought.Quantity }, cancellationToken);
            await session.ExecuteAsync("UPDATE customers.cart_lines SET quantity = quantity - @Quantity WHERE cart_id = @cartId AND sku = @Sku AND quantity > @Quantity",
                new { cartId, bought.Sku, bought.Quantity }, cancellationToken);
        }
        await session.ExecuteAsync("UPDATE customers.cart_orders SET cart_id = @cartId, units_removed = @removed WHERE order_id = @OrderId",
            new { cartId, removed, notification.OrderId }, cancellationToken);
        await session.ExecuteAsync(
            """
            UPDATE customers.carts SET status = 'CheckedOut', checked_out_at = @now, order_number = @Number
            WHERE id = @cartId AND NOT EXISTS (SELECT 1 FROM customers.cart_lines l WHERE l.cart_id = @cartId)
            """, new { cartId, notification.Number, now }, cancellationToken);
    }
}
