using MediatR;
using OmniErp.Customers.Contracts;
using OmniErp.Kernel.Data;

namespace OmniErp.Orders.Orders;

/// <summary>
/// Two customer records were one person: the merged-away customer's orders now belong to the survivor (back office,
/// <c>me.orders</c>, <c>order(number:)</c>, returns' point reversals). One UPDATE, idempotent: a redelivered event
/// finds nothing left to move. A later merge of the survivor moves them again with its own event.
/// </summary>
internal sealed class MoveOrdersOnCustomersMerged(DbSession session) : INotificationHandler<CustomersMerged>
{
    public async Task Handle(CustomersMerged notification, CancellationToken cancellationToken)
    {
        if (notification.SurvivorId == notification.MergedId) return;
        await session.ExecuteAsync(
            "UPDATE orders.orders SET customer_id = @SurvivorId WHERE customer_id = @MergedId",
            new { notification.SurvivorId, notification.MergedId }, cancellationToken);
    }
}
