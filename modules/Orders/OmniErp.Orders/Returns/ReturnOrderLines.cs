using FluentValidation;
using MediatR;
using OmniErp.Customers.Contracts;
using OmniErp.Inventory.Contracts;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Money;
using OmniErp.Kernel.Outbox;
using OmniErp.Orders.Contracts;
using OmniErp.Orders.Lifecycle;
using OmniErp.Orders.Placing;

namespace OmniErp.Orders.Returns;

internal sealed record ReturnLineRequest(int LineNo, int Quantity, bool Restock);

/// <summary>
/// Takes back units of an order placed on any channel, at any location (a store, the warehouse): per line, restocked or
/// written off through Inventory's ReceiveReturn. The refund is what was actually paid for those units: the line total
/// (after its discounts and its share of order discounts, VAT included) prorated by units, so that returning every unit
/// of a line refunds exactly its total; capped by what was paid and not yet refunded.
/// </summary>
internal sealed record ReturnOrderLines(string Number, string Channel, string Location, IReadOnlyList<ReturnLineRequest> Lines, string Actor, string? Reason = null)
    : ICommand<ReturnResult>;

internal sealed record ReturnResult(string ReturnNumber, decimal Refund, string Currency, string PaymentStatus);

internal sealed class ReturnOrderLinesValidator : AbstractValidator<ReturnOrderLines>
{
    public ReturnOrderLinesValidator()
    {
        RuleFor(x => x.Number).NotEmpty();
        RuleFor(x => x.Channel).NotEmpty();
        RuleFor(x => x.Location).NotEmpty();
        RuleFor(x => x.Actor).NotEmpty();
        RuleFor(x => x.Lines).NotEmpty().WithMessage("Return at least one unit.");
        RuleForEach(x => x.Lines).ChildRules(l => l.RuleFor(x => x.Quantity).GreaterThan(0));
        RuleFor(x => x.Lines).Must(l => l.Select(x => x.LineNo).Distinct().Count() == l.Count).WithMessage("Each line once.");
    }
}

internal sealed class ReturnOrderLinesHandler(DbSession session, IMediator mediator, IOutbox outbox, OrderNumbers numbers, TimeProvider clock) : IRequestHandler<ReturnOrderLines, ReturnResult>
{
    public async Task<ReturnResult> Handle(ReturnOrderLines request, CancellationToken ct)
    {
        var order = await OrderHeader.FindAsync(session, request.Number, ct);
        if (!OrderStateMachine.Returnable.Contains(order.Status))
            throw AppException.Conflict("ILLEGAL_TRANSITION", $"Order {order.Number} is {order.Status}: only delivered, collected or completed orders take returns.");
        var locations = await mediator.Send(new GetLocations(), ct);
        if (locations.All(l => l.Code != request.Location))
            throw AppException.Invalid(nameof(request.Location), $"Unknown location '{request.Location}'.");

        var lines = (await session.QueryAsync<LineRow>(
            "SELECT line_no AS LineNo, sku AS Sku, quantity AS Quantity, line_total AS LineTotal, returned_quantity AS ReturnedQuantity FROM orders.order_lines WHERE order_id = @Id",
            new { order.Id }, ct)).ToDictionary(l => l.LineNo);
        var currency = Currency.Of(order.Currency);
        var now = clock.GetUtcNow();
        var refunds = new List<(ReturnLineRequest Request, LineRow Line, decimal Refund)>();
        foreach (var r in request.Lines)
        {
            if (!lines.TryGetValue(r.LineNo, out var line)) throw AppException.Invalid("Lines", $"Order {order.Number} has no line {r.LineNo}.");
            // Conditional on what was read: a concurrent return of the same line makes this refuse instead of over-returning.
            var taken = await session.ExecuteAsync(
                """
                UPDATE orders.order_lines SET returned_quantity = returned_quantity + @Quantity
                WHERE order_id = @Id AND line_no = @LineNo AND returned_quantity = @Before AND returned_quantity + @Quantity <= quantity
                """, new { r.Quantity, order.Id, r.LineNo, Before = line.ReturnedQuantity }, ct);
            if (taken == 0)
                throw AppException.Conflict("RETURN_EXCEEDS_SOLD",
                    $"Line {r.LineNo} ({line.Sku}): {line.Quantity} sold, {line.ReturnedQuantity} already returned; {r.Quantity} more cannot be returned.");
            refunds.Add((r, line, Prorate(line.LineTotal, line.Quantity, line.ReturnedQuantity, r.Quantity, currency)));
        }

        var refundable = Math.Max(0m, order.AmountPaid - order.RefundedAmount);
        var wanted = refunds.Sum(x => x.Refund);
        var refund = Math.Min(wanted, refundable);
        var fullyRefunded = order.AmountPaid > 0 && order.RefundedAmount + refund >= order.AmountPaid;

        // Return numbers are random; one already taken inserts nothing, and the next draw is tried.
        var number = "";
        long? returnId = null;
        for (var attempt = 1; returnId is null; attempt++)
        {
            if (attempt > 5) throw new InvalidOperationException("Five return numbers in a row were already taken.");
            number = numbers.NewReturn(now);
            returnId = await session.QuerySingleOrDefaultAsync<long?>(
                """
                INSERT INTO orders.returns (number, order_id, channel, location, refund_amount, reason, actor, returned_at)
                VALUES (@number, @Id, @Channel, @Location, @refund, @Reason, @Actor, @now)
                ON CONFLICT (number) DO NOTHING RETURNING id
                """, new { number, order.Id, request.Channel, request.Location, refund, request.Reason, request.Actor, now }, ct);
        }
        var scale = wanted == 0 ? 0m : refund / wanted;
        await session.ExecuteAsync(
            "INSERT INTO orders.return_lines (return_id, line_no, sku, quantity, restock, refund_amount) VALUES (@returnId, @LineNo, @Sku, @Quantity, @Restock, @Refund)",
            refunds.Select(x => new { returnId, x.Request.LineNo, x.Line.Sku, x.Request.Quantity, x.Request.Restock, Refund = scale == 1m ? x.Refund : Math.Round(x.Refund * scale, 4) }), ct);
        await session.ExecuteAsync(
            $"UPDATE orders.orders SET refunded_amount = refunded_amount + @refund, updated_at = @now{(fullyRefunded ? ", payment_status = 'refunded'" : "")} WHERE id = @Id",
            new { refund, now, order.Id }, ct);

        foreach (var group in refunds.GroupBy(x => x.Request.Restock))
            await mediator.Send(new ReceiveReturn(request.Location, number, group.Select(x => new StockLine(x.Line.Sku, x.Request.Quantity)).ToList(), group.Key), ct);

        // Points redeemed on the order come back when its last unit is returned (the refund of a partial return is what was
        // paid in money for those units, already net of their share of the points discount; see README "Points").
        var fullyReturned = lines.Values.All(l => l.ReturnedQuantity + refunds.Where(x => x.Line.LineNo == l.LineNo).Sum(x => x.Request.Quantity) >= l.Quantity);
        var pointsBack = fullyReturned && order.PointsRedeemed > 0 ? await mediator.Send(new RestoreRedeemedPoints(order.Number), ct) : 0;

        var summary = string.Join(", ", refunds.Select(x => $"{x.Request.Quantity} × {x.Line.Sku} ({(x.Request.Restock ? "restocked" : "written off")})"));
        await Timeline.AddAsync(session, order.Id, "return", order.Status, order.Status, request.Actor,
            $"Return {number} at {request.Location} via {request.Channel}: {summary}; refund {refund:0.##} {order.Currency}{(pointsBack > 0 ? $"; {pointsBack} redeemed points restored" : "")}.", now, ct);
        outbox.Add(new OrderReturned(order.Id, order.Number, order.CustomerId, order.Currency, refund, now));
        return new ReturnResult(number, refund, order.Currency, fullyRefunded ? PaymentStatuses.Refunded : order.PaymentStatus);
    }

    /// <summary>
    /// The paid amount of units [before, before + count) of a line: the line total's share up to the end of the range less
    /// its share up to the start, each rounded in the currency — so the parts of a fully returned line add up to its total.
    /// </summary>
    public static decimal Prorate(decimal lineTotal, int quantity, int before, int count, Currency currency) =>
        currency.RoundToMinorUnit(lineTotal * (before + count) / quantity) - currency.RoundToMinorUnit(lineTotal * before / quantity);

    private sealed class LineRow
    {
        public int LineNo { get; init; }
        public string Sku { get; init; } = "";
        public int Quantity { get; init; }
        public decimal LineTotal { get; init; }
        public int ReturnedQuantity { get; init; }
    }
}
