using FluentValidation;
using MediatR;
using OmniErp.Customers.Contracts;
using OmniErp.Inventory.Contracts;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Outbox;
using OmniErp.Orders.Contracts;

namespace OmniErp.Orders.Lifecycle;

/// <summary>Takes one lifecycle step (see <see cref="OrderStateMachine"/>); a step the order's state does not allow is refused naming the state.</summary>
internal sealed record ChangeOrderStatus(string Number, string Action, string Actor, string? Note = null) : ICommand<string>;

internal sealed class ChangeOrderStatusValidator : AbstractValidator<ChangeOrderStatus>
{
    public ChangeOrderStatusValidator()
    {
        RuleFor(x => x.Number).NotEmpty();
        RuleFor(x => x.Actor).NotEmpty();
        RuleFor(x => x.Action).Must(a => OrderStateMachine.Find(a) is not null).WithMessage("Unknown order action.");
        RuleFor(x => x.Note).MaximumLength(500);
    }
}

internal sealed class ChangeOrderStatusHandler(DbSession session, IMediator mediator, IOutbox outbox, TimeProvider clock) : IRequestHandler<ChangeOrderStatus, string>
{
    public async Task<string> Handle(ChangeOrderStatus request, CancellationToken ct)
    {
        var action = OrderStateMachine.Find(request.Action)!;
        var order = await OrderHeader.FindAsync(session, request.Number, ct);
        if (!OrderStateMachine.Allows(action, order.Status, order.Fulfilment))
            throw Illegal(action, order);

        var now = clock.GetUtcNow();
        var extra = "";
        if (action.Code == OrderStateMachine.Cancel && order.PaymentStatus == PaymentStatuses.Paid)
            extra = ", payment_status = 'refunded', refunded_amount = amount_paid";
        // The state check and the write are one statement: a concurrent step makes this one refuse, never both win.
        var changed = await session.ExecuteAsync(
            $"UPDATE orders.orders SET status = @To, updated_at = @now{extra} WHERE id = @Id AND status = @Status",
            new { action.To, now, order.Id, order.Status }, ct);
        if (changed == 0)
            throw Illegal(action, await OrderHeader.FindAsync(session, request.Number, ct));

        if (order.ReservationId is { } reservation)
        {
            if (action.Code == OrderStateMachine.Cancel)
                await mediator.Send(new ReleaseReservation(reservation, $"Order {order.Number} cancelled"), ct);
            else if (action.Code is OrderStateMachine.Ship or OrderStateMachine.Collect)
                await mediator.Send(new ConsumeReservation(reservation), ct);
        }

        // A cancelled order gives back the points it redeemed (Customers' restore is once per reference: the order number).
        if (action.Code == OrderStateMachine.Cancel && order.PointsRedeemed > 0)
            await mediator.Send(new RestoreRedeemedPoints(order.Number), ct);

        await Timeline.AddAsync(session, order.Id, action.Code, order.Status, action.To, request.Actor, request.Note, now, ct);

        switch (action.Code)
        {
            case OrderStateMachine.Cancel:
                outbox.Add(new OrderCancelled(order.Id, order.Number, request.Note ?? "Cancelled", now));
                break;
            case OrderStateMachine.Ship:
                outbox.Add(new OrderShipped(order.Id, order.Number, order.CustomerId, now));
                break;
            case OrderStateMachine.ReadyForPickup:
                outbox.Add(new OrderReadyForPickup(order.Id, order.Number, order.CustomerId, order.Location, now));
                break;
        }
        return action.To;
    }

    private static AppException Illegal(OrderAction action, OrderHeader order) =>
        AppException.Conflict("ILLEGAL_TRANSITION",
            $"Order {order.Number} is {order.Status}{(action.OnlyFor is { } f && f != order.Fulfilment ? $" ({order.Fulfilment})" : "")}: '{action.Label}' is not allowed.");
}

/// <summary>Records a payment (no gateway): unpaid → paid with a method; OrderPaid goes to the outbox.</summary>
internal sealed record RecordPayment(string Number, string Method, string Actor) : ICommand<Unit>;

internal sealed class RecordPaymentValidator : AbstractValidator<RecordPayment>
{
    public RecordPaymentValidator()
    {
        RuleFor(x => x.Number).NotEmpty();
        RuleFor(x => x.Actor).NotEmpty();
        RuleFor(x => x.Method).Must(m => PaymentMethods.All.Contains(m) && m != PaymentMethods.Marketplace).WithMessage("Payment is cash, card, bank transfer or COD.");
    }
}

internal sealed class RecordPaymentHandler(DbSession session, IOutbox outbox, TimeProvider clock) : IRequestHandler<RecordPayment, Unit>
{
    public async Task<Unit> Handle(RecordPayment request, CancellationToken ct)
    {
        var order = await OrderHeader.FindAsync(session, request.Number, ct);
        var now = clock.GetUtcNow();
        var changed = await session.ExecuteAsync(
            """
            UPDATE orders.orders SET payment_status = 'paid', payment_method = @Method, amount_paid = total, updated_at = @now
            WHERE id = @Id AND payment_status = 'unpaid' AND status <> 'cancelled'
            """, new { request.Method, now, order.Id }, ct);
        if (changed == 0)
            throw AppException.Conflict("ILLEGAL_TRANSITION", $"Order {order.Number} is {order.Status}, payment {order.PaymentStatus}: a payment cannot be recorded.");
        await Timeline.AddAsync(session, order.Id, "pay", order.Status, order.Status, request.Actor, $"Paid by {request.Method}.", now, ct);
        outbox.Add(new OrderPaid(order.Id, order.Number, order.Channel, order.CustomerId, order.Currency, order.Total, now));
        return Unit.Value;
    }
}

/// <summary>The few columns the lifecycle needs.</summary>
internal sealed class OrderHeader
{
    public long Id { get; init; }
    public string Number { get; init; } = "";
    public string Channel { get; init; } = "";
    public string Fulfilment { get; init; } = "";
    public string Status { get; init; } = "";
    public string PaymentStatus { get; init; } = "";
    public long? CustomerId { get; init; }
    public string Location { get; init; } = "";
    public string? ReservationId { get; init; }
    public string Currency { get; init; } = "";
    public decimal Total { get; init; }
    public decimal AmountPaid { get; init; }
    public decimal RefundedAmount { get; init; }
    public int PointsRedeemed { get; init; }

    public static async Task<OrderHeader> FindAsync(DbSession session, string number, CancellationToken ct) =>
        await session.QuerySingleOrDefaultAsync<OrderHeader>(
            """
            SELECT id AS Id, number AS Number, channel AS Channel, fulfilment AS Fulfilment, status AS Status, payment_status AS PaymentStatus,
                   customer_id AS CustomerId, location AS Location, reservation_id AS ReservationId, currency AS Currency, total AS Total,
                   amount_paid AS AmountPaid, refunded_amount AS RefundedAmount, points_redeemed AS PointsRedeemed
            FROM orders.orders WHERE number = @number
            """, new { number }, ct) ?? throw AppException.NotFound("Order", number);
}

internal static class Timeline
{
    public static Task AddAsync(DbSession session, long orderId, string action, string? from, string to, string actor, string? note, DateTimeOffset at, CancellationToken ct) =>
        session.ExecuteAsync(
            """
            INSERT INTO orders.order_events (order_id, action, from_status, to_status, actor, note, occurred_at)
            VALUES (@orderId, @action, @from, @to, @actor, @note, @at)
            """, new { orderId, action, from, to, actor, note, at }, ct);
}
