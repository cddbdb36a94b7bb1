using System.Data.Common;
using System.Text;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Catalog.Contracts;
using OmniErp.Customers.Contracts;
using OmniErp.Inventory.Contracts;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Modules;
using OmniErp.Orders.Contracts;
using OmniErp.Pricing.Contracts;

namespace OmniErp.Orders.Seed;

/// <summary>
/// About 90 days of orders on every channel (≈20 a day at scale 1), in every state, with returns. Deterministic
/// (<see cref="DemoSeed.Random"/>, <see cref="DemoSeed.Now"/>) and written in bulk in one transaction.
/// Stock consistency: orders still open (placed, allocated, picking, ready for pickup — the last three days) hold real
/// reservations made through Inventory's ReserveStock, so available stock reflects them; finished orders are posted to
/// Inventory's ledger as past sales (PostPastSales) at the moment they were placed, restocked returns as past returns.
/// Seeded orders publish no events (the customers seed owns its own loyalty history).
/// </summary>
internal static class OrdersSeed
{
    private static readonly string[] Stores = ["HN01", "HCM01", "DN01"];
    private static readonly string[] Streets = ["12 Lý Thái Tổ, Hoàn Kiếm, Hà Nội", "45 Lê Lợi, Quận 1, TP. Hồ Chí Minh", "9 Trần Phú, Hải Châu, Đà Nẵng", "210 Cầu Giấy, Hà Nội", "88 Võ Văn Tần, Quận 3, TP. Hồ Chí Minh"];

    public static async Task RunAsync(IServiceProvider services, DemoSeed seed, CancellationToken ct)
    {
        var mediator = services.GetRequiredService<IMediator>();
        var session = services.GetRequiredService<DbSession>();
        var random = seed.Random;

        var skus = (await mediator.Send(new ListSkus(0, 5000, ProductStatus.Active), ct))
            .Where(s => s.Channels.Contains("store") && s.Channels.Contains("web") && s.Channels.Contains("shopee")).Select(s => s.Sku).ToList();
        if (skus.Count == 0) return;
        var prices = new Dictionary<string, Dictionary<string, SkuPrice>>();
        foreach (var ch in new[] { "store", "web", "shopee" })
            prices[ch] = (await mediator.Send(new GetPrices(ch, skus, At: seed.Now), ct)).ToDictionary(p => p.Sku);
        skus = skus.Where(s => prices.Values.All(p => p.ContainsKey(s))).ToList();
        if (skus.Count == 0) return;
        var customers = await mediator.Send(new ListCustomers(0, 1000), ct);

        var orders = new List<object?[]>();
        var lines = new List<object?[]>();
        var events = new List<object?[]>();
        var returns = new List<object?[]>();
        var returnLines = new List<object?[]>();
        var open = new List<(long Id, string Channel, string Location, string Number, List<StockLine> Lines)>();
        var sold = new List<PastSale>();
        var cameBack = new List<PastReturn>();
        var perDay = Math.Max(1, seed.Scaled(20));
        long id = 0, returnId = 0;

        await session.BeginAsync(ct);
        for (var day = 89; day >= 0; day--)
        {
            var count = perDay + random.Next(-perDay / 3, perDay / 3 + 1);
            for (var n = 0; n < count; n++)
            {
                id++;
                var placedAt = seed.Now.AddDays(-day).AddMinutes(-random.Next(0, 12 * 60));
                var roll = random.Next(100);
                var channel = roll < 50 ? "store" : roll < 85 ? "web" : "shopee";
                var fulfilment = channel == "store" ? Fulfilment.InStore : channel == "shopee" ? Fulfilment.Delivery : random.Next(3) == 0 ? Fulfilment.Pickup : Fulfilment.Delivery;
                var location = fulfilment == Fulfilment.InStore ? Stores[random.Next(Stores.Length)] : fulfilment == Fulfilment.Pickup ? Stores[random.Next(2)] : "WH01";
                var prefix = channel == "store" ? "POS" : channel == "shopee" ? "MKP" : "WEB";
                var number = $"{prefix}-{placedAt.UtcDateTime:yyMMdd}-S{id:D5}";
                var customer = customers.Count > 0 && (channel != "store" || random.Next(2) == 0) ? customers[random.Next(customers.Count)] : null;

                // State by age: older orders are finished; the last days hold every open state.
                string status;
                if (fulfilment == Fulfilment.InStore) status = OrderStatuses.Completed;
                else if (random.Next(100) < 5) status = OrderStatuses.Cancelled;
                else if (day > 6) status = OrderStatuses.Completed;
                else if (day > 2) status = fulfilment == Fulfilment.Pickup ? OrderStatuses.Collected : random.Next(2) == 0 ? OrderStatuses.Delivered : OrderStatuses.Shipped;
                else
                {
                    var states = fulfilment == Fulfilment.Pickup
                        ? new[] { OrderStatuses.Placed, OrderStatuses.Allocated, OrderStatuses.Picking, OrderStatuses.ReadyForPickup }
                        : new[] { OrderStatuses.Placed, OrderStatuses.Allocated, OrderStatuses.Picking };
                    status = states[random.Next(states.Length)];
                }

                var lineCount = 1 + random.Next(3);
                var chosen = Enumerable.Range(0, lineCount).Select(_ => skus[random.Next(skus.Count)]).Distinct().ToList();
                decimal total = 0, vatTotal = 0;
                var orderLines = new List<StockLine>();
                for (var i = 0; i < chosen.Count; i++)
                {
                    var p = prices[channel][chosen[i]];
                    var qty = 1 + (random.Next(5) == 0 ? random.Next(1, 3) : 0);
                    var lineTotal = p.Price * qty;
                    var vat = Math.Round(lineTotal * p.VatRate / (100m + p.VatRate), 0, MidpointRounding.AwayFromZero);
                    total += lineTotal;
                    vatTotal += vat;
                    lines.Add([id, i + 1, chosen[i], null, qty, p.Price, p.Price, 0m, lineTotal, p.VatRate, vat, "[]", 0]);
                    orderLines.Add(new StockLine(chosen[i], qty));
                }

                var method = channel switch
                {
                    "store" => new[] { PaymentMethods.Cash, PaymentMethods.Card, PaymentMethods.BankTransfer }[random.Next(3)],
                    "shopee" => PaymentMethods.Marketplace,
                    _ => random.Next(2) == 0 ? PaymentMethods.Cod : PaymentMethods.Card,
                };
                var paid = channel != "web" || method == PaymentMethods.Card || status == OrderStatuses.Completed;
                var refunded = 0m;
                var paymentStatus = paid ? PaymentStatuses.Paid : PaymentStatuses.Unpaid;
                if (status == OrderStatuses.Cancelled && paid) { refunded = total; paymentStatus = PaymentStatuses.Refunded; }

                var open_ = status is OrderStatuses.Placed or OrderStatuses.Allocated or OrderStatuses.Picking or OrderStatuses.ReadyForPickup;
                var reason = fulfilment switch
                {
                    Fulfilment.InStore => $"POS sale at store {location}.",
                    Fulfilment.Pickup => $"Click-and-collect: the customer chose store {location}.",
                    _ => $"Delivery: warehouse {location} has every line (warehouse first).",
                };
                if (open_) open.Add((id, channel, location, number, orderLines));
                else if (status != OrderStatuses.Cancelled) sold.Add(new PastSale(number, location, placedAt, orderLines));

                events.Add([id, "place", null, OrderStatuses.Placed, channel == "store" ? "clerk.hn@omnierp.vn" : channel == "shopee" ? "marketplace:shopee" : "storefront", reason, placedAt]);
                if (status != OrderStatuses.Placed)
                    events.Add([id, status == OrderStatuses.Cancelled ? "cancel" : "seed", OrderStatuses.Placed, status, "demo", null, placedAt.AddHours(random.Next(1, 48))]);

                // Some finished orders came back (on any channel, to any store).
                if (status == OrderStatuses.Completed && paid && random.Next(100) < 4)
                {
                    returnId++;
                    var first = lines[^chosen.Count];
                    var qty = 1;
                    var refund = Math.Round((decimal)first[8]! / (int)first[4]!, 0);
                    var at = placedAt.AddDays(random.Next(1, 6));
                    if (at > seed.Now) at = seed.Now;
                    returns.Add([returnId, $"RET-{at.UtcDateTime:yyMMdd}-S{returnId:D5}", id, "store", Stores[random.Next(Stores.Length)], refund, "Khách đổi ý", "demo", at]);
                    var restock = random.Next(4) != 0;
                    returnLines.Add([returnId, 1, (string)first[2]!, qty, restock, refund]);
                    if (restock) cameBack.Add(new PastReturn(number, (string)returns[^1][1]!, (string)returns[^1][4]!, at, [new StockLine((string)first[2]!, qty)]));
                    first[12] = qty;
                    refunded = refund;
                    if (refunded >= total) paymentStatus = PaymentStatuses.Refunded;
                    events.Add([id, "return", status, status, "demo", $"Return RET-S{returnId:D5}", at]);
                }

                orders.Add([id, number, channel, fulfilment, status, paymentStatus, method, customer?.Id, location, reason, null, "VND",
                    total, 0m, vatTotal, total, paid ? total : 0m, refunded,
                    fulfilment == Fulfilment.Delivery ? Streets[random.Next(Streets.Length)] : null,
                    channel == "shopee" ? $"SP{placedAt.UtcDateTime:yyMMdd}{id:D6}" : null, null, "{\"seeded\":true}",
                    "demo", placedAt, placedAt]);
            }
        }

        // Finished orders took their units through Inventory's ledger, dated when they were sold (and returns put back when
        // they came in); an order whose units the location did not have at that moment is left out of the history.
        var notSold = (await mediator.Send(new PostPastSales(sold, cameBack), ct)).ToHashSet(StringComparer.Ordinal);
        if (notSold.Count > 0)
        {
            var dropped = orders.Where(o => notSold.Contains((string)o[1]!)).Select(o => (long)o[0]!).ToHashSet();
            var droppedReturns = returns.Where(r => dropped.Contains((long)r[2]!)).Select(r => (long)r[0]!).ToHashSet();
            orders.RemoveAll(o => dropped.Contains((long)o[0]!));
            lines.RemoveAll(l => dropped.Contains((long)l[0]!));
            events.RemoveAll(e => dropped.Contains((long)e[0]!));
            returns.RemoveAll(r => droppedReturns.Contains((long)r[0]!));
            returnLines.RemoveAll(r => droppedReturns.Contains((long)r[0]!));
        }

        // Open orders hold real reservations; one that the stock cannot take is recorded as cancelled.
        var reservations = new Dictionary<long, string>();
        foreach (var o in open)
        {
            var result = await mediator.Send(new ReserveStock(o.Channel, o.Location, o.Number, o.Lines), ct);
            if (result.Succeeded) reservations[o.Id] = result.ReservationId!;
        }
        foreach (var row in orders)
        {
            var oid = (long)row[0]!;
            if (reservations.TryGetValue(oid, out var r)) row[10] = r;
            else if (open.Any(o => o.Id == oid)) row[4] = OrderStatuses.Cancelled;
        }

        await InsertAsync(session, "orders.orders", ["id", "number", "channel", "fulfilment", "status", "payment_status", "payment_method", "customer_id", "location",
            "sourcing_reason", "reservation_id", "currency", "subtotal", "discount_total", "vat_total", "total", "amount_paid", "refunded_amount", "delivery_address",
            "external_id", "coupon_codes", "quote", "placed_by", "placed_at", "updated_at"], orders, ct);
        await InsertAsync(session, "orders.order_lines", ["order_id", "line_no", "sku", "name", "quantity", "list_unit_price", "unit_price", "discount_total",
            "line_total", "vat_rate", "vat_amount", "discounts", "returned_quantity"], lines, ct);
        await InsertAsync(session, "orders.order_events", ["order_id", "action", "from_status", "to_status", "actor", "note", "occurred_at"], events, ct);
        await InsertAsync(session, "orders.returns", ["id", "number", "order_id", "channel", "location", "refund_amount", "reason", "actor", "returned_at"], returns, ct);
        await InsertAsync(session, "orders.return_lines", ["return_id", "line_no", "sku", "quantity", "restock", "refund_amount"], returnLines, ct);
        if (session.Dialect.IsPostgres)
        {
            await session.ExecuteAsync("SELECT setval(pg_get_serial_sequence('orders.orders', 'id'), (SELECT COALESCE(MAX(id), 1) FROM orders.orders))", ct: ct);
            await session.ExecuteAsync("SELECT setval(pg_get_serial_sequence('orders.returns', 'id'), (SELECT COALESCE(MAX(id), 1) FROM orders.returns))", ct: ct);
        }
        await session.CommitAsync(ct);
    }

    private static async Task InsertAsync(DbSession session, string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        var connection = await session.OpenAsync(ct);
        var perBatch = Math.Max(1, 20_000 / columns.Count);
        foreach (var batch in rows.Chunk(perBatch))
        {
            await using DbCommand command = connection.CreateCommand();
            command.Transaction = session.Transaction;
            var sql = new StringBuilder($"INSERT INTO {session.Dialect.Sql(table)} ({string.Join(", ", columns)}) VALUES ");
            var n = 0;
            for (var r = 0; r < batch.Length; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = "@p" + n++;
                    sql.Append(c == 0 ? name : ", " + name);
                    var p = command.CreateParameter();
                    p.ParameterName = name;
                    p.Value = batch[r][c] switch
                    {
                        null => DBNull.Value,
                        DateTimeOffset d when session.Dialect.IsPostgres => d.ToUniversalTime(),
                        DateTimeOffset d => d.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture),
                        bool b when !session.Dialect.IsPostgres => b ? 1 : 0,
                        var v => v,
                    };
                    command.Parameters.Add(p);
                }
                sql.Append(')');
            }
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
