using MediatR;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;
using OmniErp.Orders.Contracts;
using OmniErp.Orders.Lifecycle;

namespace OmniErp.Orders.Orders;

internal sealed record ListOrders(string? Channel = null, string? Status = null, string? Store = null, DateOnly? From = null, DateOnly? To = null,
    string? Search = null, int Page = 1, int PageSize = 50) : IQuery<OrderListPage>;

internal sealed record OrderListPage(IReadOnlyList<OrderListRow> Items, long Total, int Page, int PageSize)
{
    public int Pages => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}

internal sealed class OrderListRow
{
    public long Id { get; init; }
    public string Number { get; init; } = "";
    public string Channel { get; init; } = "";
    public string Fulfilment { get; init; } = "";
    public string Status { get; init; } = "";
    public string PaymentStatus { get; init; } = "";
    public string Location { get; init; } = "";
    public long? CustomerId { get; init; }
    public string Currency { get; init; } = "";
    public decimal Total { get; init; }
    public DateTimeOffset PlacedAt { get; init; }
}

internal sealed class ListOrdersHandler(DbSession session) : IRequestHandler<ListOrders, OrderListPage>
{
    public async Task<OrderListPage> Handle(ListOrders request, CancellationToken ct)
    {
        var where = new List<string>();
        if (!string.IsNullOrWhiteSpace(request.Channel)) where.Add("channel = @Channel");
        if (!string.IsNullOrWhiteSpace(request.Status)) where.Add("status = @Status");
        if (!string.IsNullOrWhiteSpace(request.Store)) where.Add("location = @Store");
        if (request.From is not null) where.Add("placed_at >= @from");
        if (request.To is not null) where.Add("placed_at < @to");
        if (!string.IsNullOrWhiteSpace(request.Search)) where.Add("(number = @Search OR external_id = @Search)");
        var filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        var size = Math.Clamp(request.PageSize, 1, 200);
        var page = Math.Max(1, request.Page);
        var args = new
        {
            request.Channel, request.Status, request.Store, request.Search,
            from = request.From is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null,
            to = request.To is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null,
            size, skip = (page - 1) * size,
        };
        var total = await session.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM orders.orders {filter}", args, ct);
        var items = await session.QueryAsync<OrderListRow>(
            $"""
            SELECT id AS Id, number AS Number, channel AS Channel, fulfilment AS Fulfilment, status AS Status, payment_status AS PaymentStatus,
                   location AS Location, customer_id AS CustomerId, currency AS Currency, total AS Total, placed_at AS PlacedAt
            FROM orders.orders {filter} ORDER BY placed_at DESC, id DESC LIMIT @size OFFSET @skip
            """, args, ct);
        return new OrderListPage(items.ToList(), total, page, size);
    }
}

internal sealed record GetOrderDetail(string Number) : IQuery<OrderDetail>;

internal sealed class OrderDetailHeader
{
    public long Id { get; init; }
    public string Number { get; init; } = "";
    public string Channel { get; init; } = "";
    public string Fulfilment { get; init; } = "";
    public string Status { get; init; } = "";
    public string PaymentStatus { get; init; } = "";
    public string? PaymentMethod { get; init; }
    public long? CustomerId { get; init; }
    public string Location { get; init; } = "";
    public string SourcingReason { get; init; } = "";
    public string? ReservationId { get; init; }
    public string Currency { get; init; } = "";
    public decimal Subtotal { get; init; }
    public decimal DiscountTotal { get; init; }
    public decimal VatTotal { get; init; }
    public decimal Total { get; init; }
    public decimal AmountPaid { get; init; }
    public decimal RefundedAmount { get; init; }
    public string? DeliveryAddress { get; init; }
    public string? ExternalId { get; init; }
    public string? CouponCodes { get; init; }
    public string PlacedBy { get; init; } = "";
    public DateTimeOffset PlacedAt { get; init; }
    public int PointsRedeemed { get; init; }
}

internal sealed class OrderDetailLine
{
    public long OrderId { get; init; }
    public int LineNo { get; init; }
    public string Sku { get; init; } = "";
    public int Quantity { get; init; }
    public decimal ListUnitPrice { get; init; }
    public decimal UnitPrice { get; init; }
    public decimal DiscountTotal { get; init; }
    public decimal LineTotal { get; init; }
    public int VatRate { get; init; }
    public decimal VatAmount { get; init; }
    public string Discounts { get; init; } = "[]";
    public int ReturnedQuantity { get; init; }
}

internal sealed class OrderTimelineEntry
{
    public long OrderId { get; init; }
    public string Action { get; init; } = "";
    public string? FromStatus { get; init; }
    public string ToStatus { get; init; } = "";
    public string Actor { get; init; } = "";
    public string? Note { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
}

internal sealed class OrderReturnEntry
{
    public string Number { get; init; } = "";
    public string Channel { get; init; } = "";
    public string Location { get; init; } = "";
    public decimal RefundAmount { get; init; }
    public string Actor { get; init; } = "";
    public DateTimeOffset ReturnedAt { get; init; }
}

internal sealed record OrderDetail(OrderDetailHeader Order, IReadOnlyList<OrderDetailLine> Lines, IReadOnlyList<OrderTimelineEntry> Timeline,
    IReadOnlyList<OrderReturnEntry> Returns)
{
    public IReadOnlyList<OrderAction> Actions => OrderStateMachine.Legal(Order.Status, Order.Fulfilment);
    public bool CanReturn => OrderStateMachine.Returnable.Contains(Order.Status) && Lines.Any(l => l.ReturnedQuantity < l.Quantity);
    public bool CanRecordPayment => Order.PaymentStatus == PaymentStatuses.Unpaid && Order.Status != OrderStatuses.Cancelled;
}

internal sealed class GetOrderDetailHandler(DbSession session) : IRequestHandler<GetOrderDetail, OrderDetail>
{
    public async Task<OrderDetail> Handle(GetOrderDetail request, CancellationToken ct)
    {
        var order = await session.QuerySingleOrDefaultAsync<OrderDetailHeader>(
            OrderSql.HeaderByNumber, new { request.Number }, ct)
            ?? throw AppException.NotFound("Order", request.Number);
        var lines = await session.QueryAsync<OrderDetailLine>(
            $"SELECT {OrderSql.LineColumns} FROM orders.order_lines WHERE order_id = @Id ORDER BY line_no", new { order.Id }, ct);
        var events = await session.QueryAsync<OrderTimelineEntry>(
            $"SELECT {OrderSql.EventColumns} FROM orders.order_events WHERE order_id = @Id ORDER BY id", new { order.Id }, ct);
        var returns = await session.QueryAsync<OrderReturnEntry>(
            "SELECT number AS Number, channel AS Channel, location AS Location, refund_amount AS RefundAmount, actor AS Actor, returned_at AS ReturnedAt FROM orders.returns WHERE order_id = @Id ORDER BY id",
            new { order.Id }, ct);
        return new OrderDetail(order, lines.ToList(), events.ToList(), returns.ToList());
    }
}

internal sealed class GetCustomerOrdersHandler(DbSession session) : IRequestHandler<GetCustomerOrders, IReadOnlyList<OrderSummary>>
{
    public async Task<IReadOnlyList<OrderSummary>> Handle(GetCustomerOrders request, CancellationToken ct) =>
        (await session.QueryAsync<OrderListRow>(
            """
            SELECT id AS Id, number AS Number, channel AS Channel, status AS Status, currency AS Currency, total AS Total, placed_at AS PlacedAt
            FROM orders.orders WHERE customer_id = @CustomerId ORDER BY placed_at DESC, id DESC LIMIT 200
            """, new { request.CustomerId }, ct))
        .Select(r => new OrderSummary(r.Id, r.Number, r.Channel, r.Status, r.Currency, r.Total, r.PlacedAt)).ToList();
}

internal static class OrderSql
{
    public const string HeaderColumns =
        """
        id AS Id, number AS Number, channel AS Channel, fulfilment AS Fulfilment, status AS Status, payment_status AS PaymentStatus,
        payment_method AS PaymentMethod, customer_id AS CustomerId, location AS Location, sourcing_reason AS SourcingReason,
        reservation_id AS ReservationId, currency AS Currency, subtotal AS Subtotal, discount_total AS DiscountTotal, vat_total AS VatTotal,
        total AS Total, amount_paid AS AmountPaid, refunded_amount AS RefundedAmount, delivery_address AS DeliveryAddress,
        external_id AS ExternalId, coupon_codes AS CouponCodes, placed_by AS PlacedBy, placed_at AS PlacedAt, points_redeemed AS PointsRedeemed
        """;

    /// <summary>One order's header by its number (parameter <c>@Number</c>).</summary>
    public const string HeaderByNumber = $"SELECT {HeaderColumns} FROM orders.orders WHERE number = @Number";

    public const string LineColumns =
        """
        order_id AS OrderId, line_no AS LineNo, sku AS Sku, quantity AS Quantity, list_unit_price AS ListUnitPrice, unit_price AS UnitPrice,
        discount_total AS DiscountTotal, line_total AS LineTotal, vat_rate AS VatRate, vat_amount AS VatAmount, discounts AS Discounts,
        returned_quantity AS ReturnedQuantity
        """;

    public const string EventColumns =
        "order_id AS OrderId, action AS Action, from_status AS FromStatus, to_status AS ToStatus, actor AS Actor, note AS Note, occurred_at AS OccurredAt";
}

/// <summary>An order's header by number, or null (the caller decides who may see it).</summary>
internal sealed record FindOrderHeader(string Number) : IQuery<OrderDetailHeader?>;

internal sealed class FindOrderHeaderHandler(DbSession session) : IRequestHandler<FindOrderHeader, OrderDetailHeader?>
{
    public Task<OrderDetailHeader?> Handle(FindOrderHeader request, CancellationToken ct) =>
        session.QuerySingleOrDefaultAsync<OrderDetailHeader>(OrderSql.HeaderByNumber, new { request.Number }, ct);
}

/// <summary>The lines of many orders at once (GraphQL DataLoader).</summary>
internal sealed record GetOrderLines(IReadOnlyList<long> OrderIds) : IQuery<IReadOnlyDictionary<long, IReadOnlyList<OrderDetailLine>>>;

internal sealed class GetOrderLinesHandler(DbSession session) : IRequestHandler<GetOrderLines, IReadOnlyDictionary<long, IReadOnlyList<OrderDetailLine>>>
{
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<OrderDetailLine>>> Handle(GetOrderLines request, CancellationToken ct)
    {
        var rows = await session.QueryAsync<OrderDetailLine>(
            session.Dialect.Lists($"SELECT {OrderSql.LineColumns} FROM orders.order_lines WHERE order_id IN @ids ORDER BY order_id, line_no"),
            new { ids = session.Dialect.ListValue(request.OrderIds.Distinct()) }, ct);
        return rows.GroupBy(r => r.OrderId).ToDictionary(g => g.Key, g => (IReadOnlyList<OrderDetailLine>)g.ToList());
    }
}

/// <summary>The timelines of many orders at once (GraphQL DataLoader).</summary>
internal sealed record GetOrderTimelines(IReadOnlyList<long> OrderIds) : IQuery<IReadOnlyDictionary<long, IReadOnlyList<OrderTimelineEntry>>>;

internal sealed class GetOrderTimelinesHandler(DbSession session) : IRequestHandler<GetOrderTimelines, IReadOnlyDictionary<long, IReadOnlyList<OrderTimelineEntry>>>
{
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<OrderTimelineEntry>>> Handle(GetOrderTimelines request, CancellationToken ct)
    {
        var rows = await session.QueryAsync<OrderTimelineEntry>(
            session.Dialect.Lists($"SELECT {OrderSql.EventColumns} FROM orders.order_events WHERE order_id IN @ids ORDER BY order_id, id"),
            new { ids = session.Dialect.ListValue(request.OrderIds.Distinct()) }, ct);
        return rows.GroupBy(r => r.OrderId).ToDictionary(g => g.Key, g => (IReadOnlyList<OrderTimelineEntry>)g.ToList());
    }
}

/// <summary>A customer's orders, newest first, a page at a time.</summary>
internal sealed record GetCustomerOrderPage(long CustomerId, int Offset, int Limit) : IQuery<OrderHeaderPage>;

internal sealed record OrderHeaderPage(IReadOnlyList<OrderDetailHeader> Items, long Total);

internal sealed class GetCustomerOrderPageHandler(DbSession session) : IRequestHandler<GetCustomerOrderPage, OrderHeaderPage>
{
    public async Task<OrderHeaderPage> Handle(GetCustomerOrderPage request, CancellationToken ct)
    {
        var total = await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM orders.orders WHERE customer_id = @CustomerId", new { request.CustomerId }, ct);
        var items = await session.QueryAsync<OrderDetailHeader>(
            $"SELECT {OrderSql.HeaderColumns} FROM orders.orders WHERE customer_id = @CustomerId ORDER BY placed_at DESC, id DESC LIMIT @Limit OFFSET @Offset",
            new { request.CustomerId, request.Limit, request.Offset }, ct);
        return new OrderHeaderPage(items.ToList(), total);
    }
}
