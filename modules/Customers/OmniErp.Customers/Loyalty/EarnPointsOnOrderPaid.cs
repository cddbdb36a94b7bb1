using MediatR;
using Microsoft.Extensions.Options;
using OmniErp.Customers.Profiles;
using OmniErp.Kernel.Data;
using OmniErp.Orders.Contracts;

namespace OmniErp.Customers.Loyalty;

/// <summary>
/// Every paid order on any channel earns points at the configured rate and counts toward the customer's tier.
/// Idempotent twice over: the dispatcher's inbox delivers once, and the purchase row and the ledger reference are unique.
/// </summary>
internal sealed class EarnPointsOnOrderPaid(DbSession session, IOptions<CustomersOptions> options, TimeProvider clock) : INotificationHandler<OrderPaid>
{
    public async Task Handle(OrderPaid notification, CancellationToken cancellationToken)
    {
        if (notification.CustomerId is not { } given) return;
        if (await CustomerDirectory.LiveIdAsync(session, given, cancellationToken) is not { } customerId) return;

        var loyalty = options.Value.Loyalty;
        var points = string.Equals(notification.Currency, loyalty.Currency, StringComparison.OrdinalIgnoreCase)
            ? LoyaltyRules.PointsFor(notification.AmountPaid, loyalty) : 0;
        var recorded = await session.ExecuteAsync(
            """
            INSERT INTO customers.purchases (order_id, number, customer_id, channel, currency, amount, refunded, points_earned, paid_at)
            VALUES (@OrderId, @Number, @customerId, @Channel, @Currency, @AmountPaid, 0, @points, @PaidAt)
            ON CONFLICT (order_id) DO NOTHING
            """,
            new { notification.OrderId, notification.Number, customerId, notification.Channel, notification.Currency, notification.AmountPaid, points, notification.PaidAt },
            cancellationToken);
        if (recorded == 0) return;

        await PointsLedger.CreditAsync(session, customerId, PointKinds.Earn, points, $"order:{notification.OrderId}:earn", notification.OrderId, notification.PaidAt, cancellationToken);
        await CustomerDirectory.TouchChannelAsync(session, customerId, notification.Channel, notification.PaidAt, cancellationToken);
        await TierCalculator.RecalculateAsync(session, loyalty, clock.GetUtcNow(), customerId, cancellationToken);
    }
}

/// <summary>A refund takes back the points its share of the order earned (capped at the balance left; the balance never goes negative).</summary>
internal sealed class ReversePointsOnOrderReturned(DbSession session, IOptions<CustomersOptions> options, TimeProvider clock) : INotificationHandler<OrderReturned>
{
    public async Task Handle(OrderReturned notification, CancellationToken cancellationToken)
    {
        var purchase = await session.QuerySingleOrDefaultAsync<PurchaseRow>(
            "SELECT customer_id AS CustomerId, amount AS Amount, refunded AS Refunded, points_earned AS PointsEarned FROM customers.purchases WHERE order_id = @OrderId",
            new { notification.OrderId }, cancellationToken);
        if (purchase is null || notification.RefundAmount <= 0m) return;

        var reversedBefore = -await session.ExecuteScalarAsync<long>(
            "SELECT COALESCE(SUM(points), 0) FROM customers.points_ledger WHERE order_id = @OrderId AND kind = 'Reverse'",
            new { notification.OrderId }, cancellationToken);
        var due = LoyaltyRules.PointsToReverse(purchase.PointsEarned, (int)reversedBefore, purchase.Amount, purchase.Refunded, notification.RefundAmount);

        await session.ExecuteAsync(
            "UPDATE customers.purchases SET refunded = CASE WHEN refunded + @RefundAmount > amount THEN amount ELSE refunded + @RefundAmount END WHERE order_id = @OrderId",
            new { notification.OrderId, notification.RefundAmount }, cancellationToken);

        var customerId = purchase.CustomerId;
        var balance = await PointsLedger.LockBalanceAsync(session, customerId, cancellationToken);
        var take = (int)Math.Min(due, balance);
        if (take > 0)
        {
            var reference = $"order:{notification.OrderId}:return:{notification.ReturnedAt.UtcTicks}";
            await PointsLedger.DebitAsync(session, customerId, PointKinds.Reverse, take, reference, notification.OrderId, notification.ReturnedAt, cancellationToken);
        }
        await TierCalculator.RecalculateAsync(session, options.Value.Loyalty, clock.GetUtcNow(), customerId, cancellationToken);
    }

    private sealed class PurchaseRow
    {
        public long CustomerId { get; init; }
        public decimal Amount { get; init; }
        public decimal Refunded { get; init; }
        public int PointsEarned { get; init; }
    }
}
