using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.GraphQL;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Storefront;
using OmniErp.Orders.Contracts;

namespace OmniErp.Orders.Orders;

/// <summary>
/// Storefront GraphQL for orders: <c>placeOrder</c> (web channel), <c>order(number:)</c> for its owner, and
/// <c>Me.orders</c> (paged, newest first). The channel comes from the request's credential, the customer from the
/// bearer token, prices from the pricing engine: no argument names a channel, a customer or a price.
/// </summary>
internal static class OrderGraph
{
    public static void Register(SchemaBuilder b)
    {
        b.InputObject("OrderLineInput", "A SKU and how many units.", i =>
        {
            i.Field("sku", "String!");
            i.Field("quantity", "Int!");
        });
        b.InputObject("PlaceOrderInput", "A web order. Give either a delivery address or a pickup store. Prices are the pricing engine's at this moment.", i =>
        {
            i.Field("lines", "[OrderLineInput!]!");
            i.Field("deliveryAddress", "String", "Deliver to this address (warehouse first, else a store that has every line).");
            i.Field("pickupStore", "String", "Click-and-collect at this store (its code, e.g. HN01).");
            i.Field("idempotencyKey", "String!", "Chosen by the client per checkout: a retry with the same key returns the first order; the same key with another request is refused (IDEMPOTENCY_KEY_REUSED).");
            i.Field("couponCodes", "[String!]");
            i.Field("redeemPoints", "Int", "Loyalty points to redeem as a discount; refused (POINTS_INSUFFICIENT) when the balance is short.");
            i.Field("paymentMethod", "String", "cod (default), card or bank_transfer; recorded as unpaid until the payment is confirmed.");
        });
        b.Object("OrderDiscount", "A discount applied to an order line, with the rule that gave it.", t =>
        {
            t.Field("ruleCode", "String!");
            t.Field("description", "String!");
            t.Field("amount", "Decimal!");
        });
        b.Object("OrderLine", "A line as it was priced when the order was placed (later price changes do not alter it).", t =>
        {
            t.Field("sku", "String!");
            t.Field("quantity", "Int!");
            t.Field("listUnitPrice", "Money!", ctx => Money(ctx, ctx.Parent<GraphLine>().ListUnitPrice));
            t.Field("unitPrice", "Money!", ctx => Money(ctx, ctx.Parent<GraphLine>().UnitPrice));
            t.Field("discounts", "[OrderDiscount!]!", ctx => ctx.Parent<GraphLine>().DiscountList);
            t.Field("discountTotal", "Money!", ctx => Money(ctx, ctx.Parent<GraphLine>().DiscountTotal));
            t.Field("lineTotal", "Money!", ctx => Money(ctx, ctx.Parent<GraphLine>().LineTotal)).Description("VAT included, after every discount.");
            t.Field("vatRate", "Int!");
            t.Field("vatAmount", "Money!", ctx => Money(ctx, ctx.Parent<GraphLine>().VatAmount));
            t.Field("returnedQuantity", "Int!");
        });
        b.Object("OrderEvent", "A step on the order's timeline.", t =>
        {
            t.Field("action", "String!", ctx => ctx.Parent<OrderTimelineEntry>().Action);
            t.Field("status", "String!", ctx => ctx.Parent<OrderTimelineEntry>().ToStatus);
            t.Field("at", "DateTime!", ctx => ctx.Parent<OrderTimelineEntry>().OccurredAt);
        });
        b.Object("Order", "An order on any channel, as its owner sees it.", t =>
        {
            t.Field("number", "String!", ctx => ctx.Parent<OrderDetailHeader>().Number);
            t.Field("channel", "String!", ctx => ctx.Parent<OrderDetailHeader>().Channel);
            t.Field("fulfilment", "String!", ctx => ctx.Parent<OrderDetailHeader>().Fulfilment).Description("in_store, delivery or pickup.");
            t.Field("status", "String!", ctx => ctx.Parent<OrderDetailHeader>().Status)
             .Description("placed, allocated, picking, shipped, ready_for_pickup, delivered, collected, completed or cancelled.");
            t.Field("paymentStatus", "String!", ctx => ctx.Parent<OrderDetailHeader>().PaymentStatus).Description("unpaid, paid or refunded.");
            t.Field("paymentMethod", "String", ctx => ctx.Parent<OrderDetailHeader>().PaymentMethod);
            t.Field("pickupStore", "String", ctx => ctx.Parent<OrderDetailHeader>() is { Fulfilment: Fulfilment.Pickup } o ? o.Location : null);
            t.Field("deliveryAddress", "String", ctx => ctx.Parent<OrderDetailHeader>().DeliveryAddress);
            t.Field("subtotal", "Money!", ctx => Money(ctx.Parent<OrderDetailHeader>(), o => o.Subtotal));
            t.Field("discountTotal", "Money!", ctx => Money(ctx.Parent<OrderDetailHeader>(), o => o.DiscountTotal));
            t.Field("vatTotal", "Money!", ctx => Money(ctx.Parent<OrderDetailHeader>(), o => o.VatTotal));
            t.Field("total", "Money!", ctx => Money(ctx.Parent<OrderDetailHeader>(), o => o.Total));
            t.Field("refunded", "Money!", ctx => Money(ctx.Parent<OrderDetailHeader>(), o => o.RefundedAmount));
            t.Field("pointsRedeemed", "Int!", ctx => ctx.Parent<OrderDetailHeader>().PointsRedeemed);
            t.Field("placedAt", "DateTime!", ctx => ctx.Parent<OrderDetailHeader>().PlacedAt);
            t.Field("lines", "[OrderLine!]!", async ctx =>
            {
                var order = ctx.Parent<OrderDetailHeader>();
                var lines = await ctx.DataLoader<long, IReadOnlyList<OrderDetailLine>>("orders.lines", (ids, ct) =>
                    ctx.Services.GetRequiredService<IMediator>().Send(new GetOrderLines(ids), ct)).LoadAsync(order.Id);
                return (lines ?? []).Select(l => new GraphLine(l, order.Currency)).ToList();
            }).Cost(2);
            t.Field("timeline", "[OrderEvent!]!", async ctx =>
                await ctx.DataLoader<long, IReadOnlyList<OrderTimelineEntry>>("orders.timeline", (ids, ct) =>
                    ctx.Services.GetRequiredService<IMediator>().Send(new GetOrderTimelines(ids), ct)).LoadAsync(ctx.Parent<OrderDetailHeader>().Id) ?? [])
             .Cost(2);
        });
        b.Object("PlaceOrderPayload", "The placed order; repeated is true when this answers a retry of an earlier request (no second order was made).", t =>
        {
            t.Field("order", "Order!");
            t.Field("repeated", "Boolean!");
        });
        b.Object("OrderPage", "A page of the customer's orders, newest first.", t =>
        {
            t.Field("nodes", "[Order!]!");
            t.Field("totalCount", "Int!");
            t.Field("hasNextPage", "Boolean!");
            t.Field("endCursor", "String").Description("Pass as `after` for the next page.");
        });

        b.Mutation(m => m.Field("placeOrder", "PlaceOrderPayload!", PlaceAsync)
            .Argument("input", "PlaceOrderInput!")
            .Description("Places a web order for the signed-in customer (UNAUTHENTICATED without a bearer token). Refusals carry extensions.code; ORDER_REFUSED lists each line that cannot be served in extensions.lines."));
        b.Query(q => q.Field("order", "Order", async ctx =>
            {
                var customerId = ctx.RequireCustomer();
                var number = ctx.Argument<string>("number").Trim();
                var order = number.Length is 0 or > 40 ? null : await SendAsync(ctx, new FindOrderHeader(number));
                // Someone else's order and no order answer alike: the caller learns nothing about numbers they do not own.
                if (order is null || order.CustomerId != customerId)
                    throw new GraphQLException($"No order {number} for this customer.", "NOT_FOUND");
                return order;
            })
            .Argument("number", "String!")
            .Description("One of the signed-in customer's orders by number; NOT_FOUND (and null) for an order that is not theirs."));
        b.Extend("Me", t => t.Field("orders", "OrderPage!", async ctx =>
            {
                var customerId = ctx.RequireCustomer(); // Me exists only for the token's customer
                var first = ctx.ArgumentOrDefault("first", 10);
                if (first is < 1 or > 50) throw new GraphQLException("first is between 1 and 50.", "BAD_USER_INPUT");
                var offset = DecodeCursor(ctx.ArgumentOrDefault<string?>("after", null));
                var page = await SendAsync(ctx, new GetCustomerOrderPage(customerId, offset, first));
                return new OrderPageValue(page.Items, (int)page.Total, offset + page.Items.Count < page.Total,
                    page.Items.Count == 0 ? null : EncodeCursor(offset + page.Items.Count));
            })
            .Argument("first", "Int", 10)
            .Argument("after", "String")
            .Description("The customer's orders on every channel, newest first, with lines and timeline."));
    }

    private static async Task<PlaceOrderPayloadValue> PlaceAsync(ResolverContext ctx)
    {
        var customerId = ctx.RequireCustomer();
        var channel = ctx.Channel();
        if (channel.Type != ChannelType.Web)
            throw new GraphQLException("placeOrder is for the web storefront; this channel places orders through its own pipeline.", "CHANNEL_NOT_ALLOWED");
        var input = ctx.Argument<PlaceOrderInputValue>("input");
        var hasAddress = !string.IsNullOrWhiteSpace(input.DeliveryAddress);
        var hasStore = !string.IsNullOrWhiteSpace(input.PickupStore);
        if (hasAddress == hasStore)
            throw new GraphQLException("Give either deliveryAddress or pickupStore (exactly one).", "BAD_USER_INPUT",
                new Dictionary<string, object?> { ["field"] = "deliveryAddress" });
        if (input.RedeemPoints is < 0)
            throw new GraphQLException("redeemPoints cannot be negative.", "BAD_USER_INPUT", new Dictionary<string, object?> { ["field"] = "redeemPoints" });
        var paymentMethod = input.PaymentMethod?.Trim().ToLowerInvariant();
        if (paymentMethod is not (null or "" or PaymentMethods.Cod or PaymentMethods.Card or PaymentMethods.BankTransfer))
            throw new GraphQLException("paymentMethod is cod, card or bank_transfer.", "BAD_USER_INPUT", new Dictionary<string, object?> { ["field"] = "paymentMethod" });

        var request = new PlaceOrder(
            channel.Code,
            input.IdempotencyKey ?? "",
            (input.Lines ?? []).Select(l => new OrderLineRequest(l.Sku ?? "", l.Quantity)).ToList(),
            hasStore ? Fulfilment.Pickup : Fulfilment.Delivery,
            Store: hasStore ? input.PickupStore!.Trim() : null,
            CustomerId: customerId,
            DeliveryAddress: hasAddress ? input.DeliveryAddress!.Trim() : null,
            PaymentMethod: string.IsNullOrEmpty(paymentMethod) ? PaymentMethods.Cod : paymentMethod,
            CouponCodes: input.CouponCodes,
            PlacedBy: "customer:" + customerId.ToString(CultureInfo.InvariantCulture),
            RedeemPoints: input.RedeemPoints ?? 0);
        var placed = await SendAsync(ctx, request);
        var order = await SendAsync(ctx, new FindOrderHeader(placed.Number))
            ?? throw new GraphQLException("The order was placed but cannot be read back; retry with the same idempotency key.", "UNAVAILABLE");
        return new PlaceOrderPayloadValue(order, placed.Repeated);
    }

    /// <summary>
    /// Sends a request. An order refused line by line becomes ORDER_REFUSED with <c>extensions.lines</c>; any other
    /// refusal goes through the host's one AppException mapping (never a 500).
    /// </summary>
    private static async Task<T> SendAsync<T>(ResolverContext ctx, IRequest<T> request)
    {
        try
        {
            return await ctx.SendAsync(request);
        }
        catch (OrderRefusedException ex)
        {
            var lines = ex.Lines.Select(l => new Dictionary<string, object?>
            {
                ["sku"] = l.Sku, ["quantity"] = l.Quantity, ["code"] = l.Code, ["message"] = l.Message, ["available"] = l.Available,
            }).ToList();
            var message = new StringBuilder(ex.Summary);
            foreach (var l in ex.Lines)
                message.Append(CultureInfo.InvariantCulture, $" {(l.Sku.Length > 0 ? l.Sku : "order")}: {l.Message}{(l.Available is { } a ? $" (available {a})" : "")}.");
            throw new GraphQLException(message.ToString(), "ORDER_REFUSED", new Dictionary<string, object?> { ["lines"] = lines });
        }
    }

    private static MoneyValue Money(OrderDetailHeader o, Func<OrderDetailHeader, decimal> amount) => new(amount(o), o.Currency);

    private static MoneyValue Money(ResolverContext ctx, decimal amount) => new(amount, ctx.Parent<GraphLine>().Currency);

    private static string EncodeCursor(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("o:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static int DecodeCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) && offset <= 100_000)
                return offset;
        }
        catch (FormatException) { }
        throw new GraphQLException("Unknown cursor: pass an endCursor this API returned.", "BAD_USER_INPUT");
    }

    private sealed record PlaceOrderPayloadValue(OrderDetailHeader Order, bool Repeated);

    private sealed record OrderPageValue(IReadOnlyList<OrderDetailHeader> Nodes, int TotalCount, bool HasNextPage, string? EndCursor);

    private sealed class GraphLine(OrderDetailLine line, string currency)
    {
        public string Currency => currency;
        public string Sku => line.Sku;
        public int Quantity => line.Quantity;
        public decimal ListUnitPrice => line.ListUnitPrice;
        public decimal UnitPrice => line.UnitPrice;
        public decimal DiscountTotal => line.DiscountTotal;
        public decimal LineTotal => line.LineTotal;
        public int VatRate => line.VatRate;
        public decimal VatAmount => line.VatAmount;
        public int ReturnedQuantity => line.ReturnedQuantity;
        public IReadOnlyList<Pricing.Contracts.AppliedDiscount> DiscountList =>
            System.Text.Json.JsonSerializer.Deserialize<List<Pricing.Contracts.AppliedDiscount>>(line.Discounts, Placing.OrderJson.Options) ?? [];
    }

    private sealed class PlaceOrderInputValue
    {
        public List<LineInputValue>? Lines { get; set; }
        public string? DeliveryAddress { get; set; }
        public string? PickupStore { get; set; }
        public string? IdempotencyKey { get; set; }
        public List<string>? CouponCodes { get; set; }
        public int? RedeemPoints { get; set; }
        public string? PaymentMethod { get; set; }
    }

    private sealed class LineInputValue
    {
        public string? Sku { get; set; }
        public int Quantity { get; set; }
    }
}
