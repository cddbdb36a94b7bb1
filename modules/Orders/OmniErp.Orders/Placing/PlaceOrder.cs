using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentValidation;
using MediatR;
using OmniErp.Customers.Contracts;
using OmniErp.Inventory.Contracts;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Outbox;
using OmniErp.Orders.Contracts;
using OmniErp.Orders.Data;
using OmniErp.Pricing.Contracts;

namespace OmniErp.Orders.Placing;

internal sealed class PlaceOrderValidator : AbstractValidator<PlaceOrder>
{
    public PlaceOrderValidator()
    {
        RuleFor(x => x.Channel).NotEmpty();
        RuleFor(x => x.IdempotencyKey).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Lines).NotEmpty().WithMessage("An order has at least one line.");
        RuleFor(x => x.Lines.Count).LessThanOrEqualTo(200).When(x => x.Lines is not null);
        RuleForEach(x => x.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l.Sku).NotEmpty().MaximumLength(64);
            line.RuleFor(l => l.Quantity).InclusiveBetween(1, 10_000);
        });
        RuleFor(x => x.Fulfilment).Must(f => Fulfilment.All.Contains(f)).WithMessage("Fulfilment is in_store, delivery or pickup.");
        RuleFor(x => x.Store).NotEmpty().When(x => x.Fulfilment is Fulfilment.InStore or Fulfilment.Pickup)
            .WithMessage("A POS sale or a pickup names its store.");
        RuleFor(x => x.DeliveryAddress).NotEmpty().MaximumLength(500).When(x => x.Fulfilment == Fulfilment.Delivery)
            .WithMessage("A delivery needs an address.");
        RuleFor(x => x.PaymentMethod).Must(m => m is null || PaymentMethods.All.Contains(m)).WithMessage("Unknown payment method.");
        RuleFor(x => x.PaymentMethod).NotEmpty().When(x => x.Fulfilment == Fulfilment.InStore).WithMessage("A POS sale is paid: cash, card or bank transfer.");
        RuleFor(x => x.PlacedBy).NotEmpty();
        RuleFor(x => x.RedeemPoints).InclusiveBetween(0, 100_000_000);
    }
}

/// <summary>
/// One command for every channel, in two stages. First the reads, outside any transaction: the channel, a repeat of a
/// finished request (answered from what was stored), the quote from the pricing engine, and the sourcing plan. Then
/// one transaction (the unit of work's) with only the writes: claim the idempotency key (an insert that does nothing on
/// conflict — the database decides, so two concurrent repeats cannot both pass), find or create the buyer, redeem
/// points and coupons, write the order with its quote, timeline and key in one round trip, then reserve every line at
/// the location the sourcing rule picks, with OrderPlaced (and OrderPaid) in the outbox. Any refusal rolls everything
/// back: no order, no reservation, no outbox row, no key. Keeping the reads out of the transaction matters most on
/// SQLite, whose one write lock the transaction holds; on PostgreSQL the stock rows are locked only from the
/// reservation to the commit, two round trips later (the outbox, the commit).
/// </summary>
internal sealed class PlaceOrderHandler(DbSession session, UnitOfWork unitOfWork, IMediator mediator, IOutbox outbox, IChannelDirectory channels,
    Sourcing sourcing, OrderNumbers numbers, TimeProvider clock) : IRequestHandler<PlaceOrder, PlacedOrder>
{
    public async Task<PlacedOrder> Handle(PlaceOrder request, CancellationToken ct)
    {
        var channel = await channels.FindAsync(request.Channel, ct)
            ?? throw AppException.Invalid(nameof(request.Channel), $"Unknown channel '{request.Channel}'.", "UNKNOWN_CHANNEL");
        var paymentMethod = CheckChannelRules(channel, request);
        var now = clock.GetUtcNow();
        var hash = RequestHash(request);

        // A retry of a finished request costs one read. (A signed webhook meets its replay guard first, in the transaction.)
        if (request.ReplayGuard is null && await FindRepeatAsync(request, hash, ct) is { } repeat) return repeat;

        var lines = request.Lines.Select(l => new QuoteLineRequest(l.Sku.Trim(), l.Quantity)).ToList();
        var coupons = (request.CouponCodes ?? []).Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct().ToList();
        // A buyer named by phone or email may not exist yet: that order is priced once the buyer is found or created.
        var buyerToResolve = request.CustomerId is null && request.Buyer is { } b && (!string.IsNullOrWhiteSpace(b.Phone) || !string.IsNullOrWhiteSpace(b.Email));
        if (request.RedeemPoints > 0 && request.CustomerId is null && !buyerToResolve)
            throw PointsNeedCustomer();
        var quote = buyerToResolve ? null : await QuoteAsync(channel, lines, request.CustomerId, now, coupons, request.RedeemPoints, ct);
        var plan = await sourcing.PlanAsync(request.Fulfilment, request.Store, ct);

        // Order numbers are random; the database's UNIQUE decides. The rare clash rolls the whole attempt back (key, points,
        // reservation) and the next attempt draws a new number. Inside a caller's transaction there is no second attempt.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteStageAsync();
            }
            catch (Exception ex) when (attempt < 3 && session.Transaction is null && session.Dialect.IsUniqueViolation(ex, "orders.orders", "number"))
            {
            }
        }

        Task<PlacedOrder> WriteStageAsync() => unitOfWork.RunAsync(async () =>
        {
            if (request.ReplayGuard is { } signature)
            {
                var fresh = await session.ExecuteAsync(
                    "INSERT INTO orders.webhook_receipts (signature, channel, received_at) VALUES (@signature, @Channel, @now) ON CONFLICT DO NOTHING",
                    new { signature, request.Channel, now }, ct);
                if (fresh == 0) throw AppException.Conflict("REPLAY", "This signed request was already received.");
            }

            var claimed = await session.ExecuteAsync(
                """
                INSERT INTO orders.idempotency_keys (channel, idempotency_key, request_hash, order_id, created_at)
                VALUES (@Channel, @IdempotencyKey, @hash, NULL, @now) ON CONFLICT DO NOTHING
                """, new { request.Channel, request.IdempotencyKey, hash, now }, ct);
            if (claimed == 0) return await FindRepeatAsync(request, hash, ct) ?? throw KeyInUse();

            var customerId = request.CustomerId;
            if (buyerToResolve)
            {
                customerId = (await mediator.Send(new FindOrCreateCustomer(request.Buyer!.Phone, request.Buyer.Email, request.Buyer.Name, channel.Code), ct)).Id;
                if (request.RedeemPoints > 0 && customerId is null) throw PointsNeedCustomer();
            }
            // Priced here for a buyer found or created just now (each attempt: a retried attempt may have created them anew).
            var priced = quote ?? await QuoteAsync(channel, lines, customerId, now, coupons, request.RedeemPoints, ct);
            return await WriteAsync(request, channel, paymentMethod, customerId, priced, coupons, plan, now, ct);
        }, ct);
    }

    private async Task<Quote> QuoteAsync(Channel channel, List<QuoteLineRequest> lines, long? customerId, DateTimeOffset now, List<string> coupons,
        int redeemPoints, CancellationToken ct)
    {
        var quote = await mediator.Send(new GetQuote(channel.Code, lines, customerId, now, coupons, redeemPoints), ct);
        if (!quote.IsComplete)
            throw new OrderRefusedException(quote.Problems.Select(p => new RefusedLine(p.Sku, lines.Where(l => l.Sku == p.Sku).Sum(l => l.Quantity), p.Code, p.Message)).ToList(),
                "Some lines cannot be sold on this channel.");
        return quote;
    }

    private async Task<PlacedOrder> WriteAsync(PlaceOrder request, Channel channel, string? paymentMethod, long? customerId, Quote quote,
        List<string> coupons, SourcingPlan plan, DateTimeOffset now, CancellationToken ct)
    {
        var number = numbers.New(channel.Type, now);

        // Points and coupons before stock: they lock a customer row and coupon rows, not the stock rows every order of a
        // hot SKU waits on, so the stock locks are held for as few statements as possible. Any refusal rolls all back.
        if (request.RedeemPoints > 0)
        {
            var redemption = await mediator.Send(new RedeemPoints(customerId!.Value, request.RedeemPoints, number), ct);
            var applied = quote.OrderDiscounts.Where(d => d.RuleCode == "POINTS").Sum(d => d.Amount);
            if (applied < redemption.Value)
                throw AppException.Invalid(nameof(request.RedeemPoints),
                    $"{request.RedeemPoints} points are worth {redemption.Value:0.##} {redemption.Currency}, more than this order can take ({applied:0.##}); redeem fewer.", "POINTS_EXCEED_ORDER");
        }
        if (coupons.Count > 0) await mediator.Send(new RedeemCoupons(number, coupons), ct);

        var isPos = request.Fulfilment == Fulfilment.InStore;
        var paid = isPos || paymentMethod == PaymentMethods.Marketplace;
        var status = isPos ? OrderStatuses.Completed : OrderStatuses.Placed;

        // The order, its lines, timeline and the key's order id go in ONE round trip, BEFORE the stock is reserved, with
        // where sourcing expects to reserve: from the reservation on, the stock rows stay locked until commit, so every
        // statement (and every bit of work) kept out of that stretch is time a concurrent order of the same SKU does not
        // wait. The lines find their order by its (unique) number, which works alike on PostgreSQL and SQLite.
        var reservationId = Guid.CreateVersion7().ToString("N");
        var expected = Sourcing.Expected(plan, reservationId);
        var (sql, args) = OrderInsert(request, quote, number, status, paid, paymentMethod, customerId, coupons, now);
        args.Add("location", expected.Location);
        args.Add("reason", expected.Reason);
        args.Add("reservationId", reservationId);
        args.Add("eventNote", EventNote(request, expected.Reason));
        var orderId = await session.ExecuteScalarAsync<long>(sql, args, ct);

        var stockLines = quote.Lines.GroupBy(l => l.Sku, StringComparer.Ordinal).Select(g => new StockLine(g.Key, g.Sum(l => l.Quantity))).ToList();
        var source = await sourcing.ReserveAsync(plan, channel.Code, number, stockLines, reservationId, ct);
        if (isPos) await mediator.Send(new ConsumeReservation(source.ReservationId), ct);
        if (source.Location != expected.Location || source.Reason != expected.Reason)
        {
            // Sourced elsewhere (the warehouse was short): the order says where, and why.
            await session.ExecuteAsync(
                """
                UPDATE orders.orders SET location = @Location, sourcing_reason = @Reason WHERE id = @orderId;
                UPDATE orders.order_events SET note = @note WHERE order_id = @orderId AND action = 'place';
                """, new { source.Location, source.Reason, orderId, note = EventNote(request, source.Reason) }, ct);
        }

        var facts = quote.Lines.Select(l => new OrderLineFact(l.Sku, l.Quantity, l.UnitPrice, l.LineTotal, l.VatRate, l.VatAmount)).ToList();
        outbox.Add(new OrderPlaced(orderId, number, channel.Code, customerId, quote.Currency, quote.Total, facts, now));
        if (paid) outbox.Add(new OrderPaid(orderId, number, channel.Code, customerId, quote.Currency, quote.Total, now));

        return new PlacedOrder(orderId, number, channel.Code, status, paid ? PaymentStatuses.Paid : PaymentStatuses.Unpaid, quote.Currency, quote.Total,
            source.Location, source.Reason, customerId, Repeated: false, request.RedeemPoints);
    }

    /// <summary>The order's batch; the sourcing parameters (location, reason, reservationId, eventNote) are added by the caller.</summary>
    private static (string Sql, Dapper.DynamicParameters Args) OrderInsert(PlaceOrder request, Quote quote, string number, string status, bool paid,
        string? paymentMethod, long? customerId, List<string> coupons, DateTimeOffset now)
    {
        var args = new Dapper.DynamicParameters(new
        {
            number, request.Channel, request.Fulfilment, status, paymentStatus = paid ? PaymentStatuses.Paid : PaymentStatuses.Unpaid, paymentMethod, customerId,
            quote.Currency, quote.Subtotal, quote.DiscountTotal, quote.VatTotal, quote.Total, amountPaid = paid ? quote.Total : 0m,
            DeliveryAddress = request.Fulfilment == Fulfilment.Delivery ? request.DeliveryAddress : null,
            request.ExternalId, couponText = coupons.Count > 0 ? string.Join(",", coupons) : null,
            quoteJson = JsonSerializer.Serialize(quote, OrderJson.Options), request.PlacedBy, now, request.RedeemPoints,
        });
        args.Add("actor", request.PlacedBy);
        for (var i = 0; i < quote.Lines.Count; i++)
        {
            var l = quote.Lines[i];
            var names = LineParameters.For(i);
            args.Add(names[0], l.Sku);
            args.Add(names[1], l.Quantity);
            args.Add(names[2], l.ListUnitPrice);
            args.Add(names[3], l.UnitPrice);
            args.Add(names[4], l.DiscountTotal);
            args.Add(names[5], l.LineTotal);
            args.Add(names[6], l.VatRate);
            args.Add(names[7], l.VatAmount);
            args.Add(names[8], JsonSerializer.Serialize(l.Discounts, OrderJson.Options));
        }
        if (request.Fulfilment == Fulfilment.InStore) args.Add("payNote", $"Paid by {paymentMethod} at the counter.");
        args.Add("key", request.IdempotencyKey);
        return (OrderBatchSql(quote.Lines.Count, request.Fulfilment == Fulfilment.InStore), args);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int Lines, bool InStore), string> OrderBatches = new();

    /// <summary>The order batch's text depends only on the line count and whether it is a counter sale: made once each.</summary>
    private static string OrderBatchSql(int lines, bool inStore) => OrderBatches.GetOrAdd((lines, inStore), static key =>
    {
        var sql = new StringBuilder("""
            INSERT INTO orders.orders (number, channel, fulfilment, status, payment_status, payment_method, customer_id, location, sourcing_reason,
                reservation_id, currency, subtotal, discount_total, vat_total, total, amount_paid, refunded_amount, delivery_address, external_id,
                coupon_codes, quote, placed_by, placed_at, updated_at, points_redeemed)
            VALUES (@number, @Channel, @Fulfilment, @status, @paymentStatus, @paymentMethod, @customerId, @location, @reason,
                @reservationId, @Currency, @Subtotal, @DiscountTotal, @VatTotal, @Total, @amountPaid, 0, @DeliveryAddress, @ExternalId,
                @couponText, @quoteJson, @PlacedBy, @now, @now, @RedeemPoints)
            RETURNING id;

            """);
        const string OrderId = "(SELECT id FROM orders.orders WHERE number = @number)";
        // The lines in one multi-row INSERT: on SQLite every statement of a batch is prepared and bound separately.
        sql.Append("INSERT INTO orders.order_lines (order_id, line_no, sku, name, quantity, list_unit_price, unit_price, discount_total, line_total, vat_rate, vat_amount, discounts, returned_quantity) VALUES ");
        for (var i = 0; i < key.Lines; i++)
        {
            var n = LineParameters.For(i);
            sql.Append(CultureInfo.InvariantCulture,
                $"{(i == 0 ? "" : ",\n    ")}({OrderId}, {i + 1}, @{n[0]}, NULL, @{n[1]}, @{n[2]}, @{n[3]}, @{n[4]}, @{n[5]}, @{n[6]}, @{n[7]}, @{n[8]}, 0)");
        }
        sql.Append(";\n");
        sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO orders.order_events (order_id, action, from_status, to_status, actor, note, occurred_at) VALUES ({OrderId}, 'place', NULL, 'placed', @actor, @eventNote, @now);\n");
        if (key.InStore)
            sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO orders.order_events (order_id, action, from_status, to_status, actor, note, occurred_at) VALUES ({OrderId}, 'complete', 'placed', 'completed', @actor, @payNote, @now);\n");
        sql.Append(CultureInfo.InvariantCulture, $"UPDATE orders.idempotency_keys SET order_id = {OrderId} WHERE channel = @Channel AND idempotency_key = @key;");
        return sql.ToString();
    });

    /// <summary>The parameter names of line i (s0, q0, lp0, …), made once.</summary>
    private static class LineParameters
    {
        private static readonly string[] Prefixes = ["s", "q", "lp", "up", "dt", "lt", "vr", "va", "d"];
        private static readonly string[][] Names = Enumerable.Range(0, 200)
            .Select(i => Prefixes.Select(p => p + i.ToString(CultureInfo.InvariantCulture)).ToArray()).ToArray();

        public static string[] For(int line) =>
            line < Names.Length ? Names[line] : Prefixes.Select(p => p + line.ToString(CultureInfo.InvariantCulture)).ToArray();
    }

    private static string EventNote(PlaceOrder request, string reason) =>
        request.RedeemPoints > 0 ? $"{reason} {request.RedeemPoints} loyalty points redeemed." : reason;

    private static AppException PointsNeedCustomer() =>
        AppException.Invalid(nameof(PlaceOrder.RedeemPoints), "Points are redeemed by a known customer (signed in, or found by phone).");

    private static AppException KeyInUse() =>
        AppException.Conflict("IDEMPOTENCY_KEY_IN_USE", "This idempotency key is being used by a request in progress; retry.");

    /// <summary>Which fulfilments and payment methods each kind of channel takes; returns the payment method to record.</summary>
    private static string? CheckChannelRules(Channel channel, PlaceOrder request)
    {
        switch (channel.Type)
        {
            case ChannelType.Store:
                if (request.Fulfilment != Fulfilment.InStore)
                    throw AppException.Invalid(nameof(request.Fulfilment), "A store channel sells at the counter (in_store).");
                if (request.PaymentMethod is not (PaymentMethods.Cash or PaymentMethods.Card or PaymentMethods.BankTransfer))
                    throw AppException.Invalid(nameof(request.PaymentMethod), "A POS sale is paid by cash, card or bank transfer.");
                return request.PaymentMethod;
            case ChannelType.Marketplace:
                if (request.Fulfilment != Fulfilment.Delivery)
                    throw AppException.Invalid(nameof(request.Fulfilment), "A marketplace order is delivered.");
                if (string.IsNullOrWhiteSpace(request.ExternalId))
                    throw AppException.Invalid(nameof(request.ExternalId), "A marketplace order carries the marketplace's order id.");
                return PaymentMethods.Marketplace;
            default:
                if (request.Fulfilment == Fulfilment.InStore)
                    throw AppException.Invalid(nameof(request.Fulfilment), "A web order is delivered or collected.");
                if (request.PaymentMethod is PaymentMethods.Marketplace or PaymentMethods.Cash)
                    throw AppException.Invalid(nameof(request.PaymentMethod), "A web order is paid by COD, card or bank transfer.");
                return request.PaymentMethod ?? PaymentMethods.Cod;
        }
    }

    /// <summary>
    /// The stored answer to an earlier request with this key, or null when the key was never used. The same key with a
    /// different request is refused; a key whose request is still being placed asks the client to retry.
    /// </summary>
    private async Task<PlacedOrder?> FindRepeatAsync(PlaceOrder request, string hash, CancellationToken ct)
    {
        var key = await session.QuerySingleOrDefaultAsync<KeyRow>(RepeatSql, new { request.Channel, request.IdempotencyKey }, ct);
        if (key is null) return null;
        if (key.RequestHash != hash)
            throw AppException.Conflict("IDEMPOTENCY_KEY_REUSED", "This idempotency key was used for a different order request.");
        if (key.OrderId is not { } orderId) throw KeyInUse();
        var order = await session.QuerySingleOrDefaultAsync<PlacedRow>(
            """
            SELECT id AS OrderId, number AS Number, channel AS Channel, status AS Status, payment_status AS PaymentStatus, currency AS Currency,
                   total AS Total, location AS Location, sourcing_reason AS SourcingReason, customer_id AS CustomerId, points_redeemed AS PointsRedeemed
            FROM orders.orders WHERE id = @orderId
            """, new { orderId }, ct) ?? throw AppException.NotFound("Order", orderId.ToString(CultureInfo.InvariantCulture));
        return new PlacedOrder(order.OrderId, order.Number, order.Channel, order.Status, order.PaymentStatus, order.Currency, order.Total, order.Location,
            order.SourcingReason, order.CustomerId, Repeated: true, order.PointsRedeemed);
    }

    /// <summary>SHA-256 of the request's meaning (everything but the key, the actor and the replay guard).</summary>
    public static string RequestHash(PlaceOrder r)
    {
        var canonical = JsonSerializer.Serialize(new
        {
            r.Channel,
            Lines = r.Lines.Select(l => new { Sku = l.Sku.Trim(), l.Quantity }),
            r.Fulfilment,
            r.Store,
            r.CustomerId,
            r.Buyer,
            r.DeliveryAddress,
            r.PaymentMethod,
            Coupons = (r.CouponCodes ?? []).Select(c => c.Trim().ToUpperInvariant()).Order(StringComparer.Ordinal),
            r.ExternalId,
        });
        // Added later: only part of the hash when used, so keys stored before it keep their meaning.
        if (r.RedeemPoints != 0) canonical += "|points=" + r.RedeemPoints.ToString(CultureInfo.InvariantCulture);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>The stored key of an earlier request (parameters <c>@Channel</c>, <c>@IdempotencyKey</c>).</summary>
    internal const string RepeatSql =
        "SELECT request_hash AS RequestHash, order_id AS OrderId FROM orders.idempotency_keys WHERE channel = @Channel AND idempotency_key = @IdempotencyKey";

    internal sealed class KeyRow
    {
        public string RequestHash { get; init; } = "";
        public long? OrderId { get; init; }
    }

    private sealed class PlacedRow
    {
        public long OrderId { get; init; }
        public string Number { get; init; } = "";
        public string Channel { get; init; } = "";
        public string Status { get; init; } = "";
        public string PaymentStatus { get; init; } = "";
        public string Currency { get; init; } = "";
        public decimal Total { get; init; }
        public string Location { get; init; } = "";
        public string SourcingReason { get; init; } = "";
        public long? CustomerId { get; init; }
        public int PointsRedeemed { get; init; }
    }
}

internal static class OrderJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

/// <summary>
/// Order numbers: a channel-type prefix, the date (UTC) and six random base-32 characters, e.g. WEB-261120-7KQ2M9 — not
/// guessable, and unique by the database (a clash is retried with a new draw). A service, so a test can make it clash.
/// </summary>
internal class OrderNumbers
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static string Prefix(ChannelType type) => type switch
    {
        ChannelType.Store => "POS",
        ChannelType.Marketplace => "MKP",
        _ => "WEB",
    };

    public virtual string New(ChannelType type, DateTimeOffset at) => $"{Prefix(type)}-{at.UtcDateTime:yyMMdd}-{Random(6)}";

    public virtual string NewReturn(DateTimeOffset at) => $"RET-{at.UtcDateTime:yyMMdd}-{Random(6)}";

    private static string Random(int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }
}
