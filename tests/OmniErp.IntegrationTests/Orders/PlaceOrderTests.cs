using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Errors;
using OmniErp.Orders.Contracts;
using OmniErp.Pricing.Contracts;

namespace OmniErp.IntegrationTests.Orders;

public sealed class PlaceOrderTests
{
    [SkippableTheory, Databases]
    public async Task A_web_order_is_priced_by_the_engine_reserved_at_the_warehouse_and_placed_with_its_events(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var skus = await app.SkusAsync(2);
        await app.SetAvailableAsync(skus[0], "WH01", 10);
        await app.SetAvailableAsync(skus[1], "WH01", 10);
        var quote = await app.SendAsync(new GetQuote("web", [new(skus[0], 2), new(skus[1], 1)]));

        var placed = await app.SendAsync(OrdersTestApp.Web("k-1", (skus[0], 2), (skus[1], 1)));

        Assert.False(placed.Repeated);
        Assert.Equal(("WH01", OrderStatuses.Placed, PaymentStatuses.Unpaid), (placed.Location, placed.Status, placed.PaymentStatus));
        Assert.Equal(quote.Total, placed.Total);
        Assert.Contains("warehouse", placed.SourcingReason);
        Assert.Equal(8, (await app.LevelAsync(skus[0], "WH01")).Available);
        Assert.Equal(2, (await app.LevelAsync(skus[0], "WH01")).Reserved);
        Assert.Equal(quote.Lines[0].LineTotal, await app.ScalarAsync<decimal>("SELECT line_total FROM orders.order_lines WHERE order_id = @id AND line_no = 1", new { id = placed.OrderId }));
        Assert.Equal(1, await app.CountAsync("SELECT COUNT(*) FROM kernel.outbox WHERE type LIKE '%OrderPlaced' AND payload LIKE @n", new { n = $"%{placed.Number}%" }));
        Assert.Equal(0, await app.CountAsync("SELECT COUNT(*) FROM kernel.outbox WHERE type LIKE '%OrderPaid' AND payload LIKE @n", new { n = $"%{placed.Number}%" }));
    }

    [SkippableTheory, Databases]
    public async Task A_repeat_with_the_same_key_returns_the_first_order_and_a_different_request_with_it_is_refused(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var sku = (await app.SkusAsync(1))[0];
        await app.SetAvailableAsync(sku, "WH01", 10);

        var first = await app.SendAsync(OrdersTestApp.Web("same", (sku, 1)));
        var again = await app.SendAsync(OrdersTestApp.Web("same", (sku, 1)));
        var reused = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(OrdersTestApp.Web("same", (sku, 2))));

        Assert.True(again.Repeated);
        Assert.Equal((first.OrderId, first.Number, first.Total), (again.OrderId, again.Number, again.Total));
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", reused.Errors[0].Code);
        Assert.Equal(1, await app.CountAsync("SELECT COUNT(*) FROM orders.orders"  + " WHERE placed_by = 'test'"));
        Assert.Equal(1, (await app.LevelAsync(sku, "WH01")).Reserved);
    }

    [SkippableTheory, Databases]
    public async Task Concurrent_repeats_of_one_request_make_one_order_and_one_reservation(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var sku = (await app.SkusAsync(1))[0];
        await app.SetAvailableAsync(sku, "WH01", 50);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => app.SendAsync(OrdersTestApp.Web("burst", (sku, 3))))));

        Assert.Single(results.Select(r => r.OrderId).Distinct());
        Assert.Single(results, r => !r.Repeated);
        Assert.Equal(1, await app.CountAsync("SELECT COUNT(*) FROM orders.orders WHERE placed_by = 'test'"));
        Assert.Equal(3, (await app.LevelAsync(sku, "WH01")).Reserved);
    }

    [SkippableTheory, Databases]
    public async Task A_POS_sale_is_paid_and_completed_at_once_and_finds_the_customer_by_phone(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var sku = (await app.SkusAsync(1))[0];
        await app.SetAvailableAsync(sku, "HN01", 5);
        var before = await app.LevelAsync(sku, "HN01");

        var sale = await app.SendAsync(OrdersTestApp.Pos("pos-1", "HN01", "0912 345 678", (sku, 2)));
        var second = await app.SendAsync(OrdersTestApp.Pos("pos-2", "HN01", "+84912345678", (sku, 1)));

        Assert.Equal((OrderStatuses.Completed, PaymentStatuses.Paid, "HN01"), (sale.Status, sale.PaymentStatus, sale.Location));
        Assert.NotNull(sale.CustomerId);
        Assert.Equal(sale.CustomerId, second.CustomerId);
        var after = await app.LevelAsync(sku, "HN01");
        Assert.Equal((before.OnHand - 3, 0), (after.OnHand, after.Reserved));
        Assert.Equal(1, await app.CountAsync("SELECT COUNT(*) FROM kernel.outbox WHERE type LIKE '%OrderPaid' AND payload LIKE @n", new { n = $"%{sale.Number}%" }));
    }

    [SkippableTheory, Databases]
    public async Task An_order_that_cannot_be_served_names_its_lines_and_leaves_nothing_behind(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var skus = await app.SkusAsync(2);
        await app.SetAvailableAsync(skus[0], "WH01", 5);
        await app.SetAvailableAsync(skus[1], "WH01", 1);
        foreach (var store in new[] { "HN01", "HCM01", "DN01" }) await app.SetAvailableAsync(skus[1], store, 0);
        var orders = await app.CountAsync("SELECT COUNT(*) FROM orders.orders");
        var outbox = await app.CountAsync("SELECT COUNT(*) FROM kernel.outbox");

        var refused = await Assert.ThrowsAsync<OrderRefusedException>(() => app.SendAsync(OrdersTestApp.Web("short", (skus[0], 2), (skus[1], 3), ("NO-SUCH-SKU", 1))));

        Assert.Contains(refused.Lines, l => l.Sku == "NO-SUCH-SKU");
        refused = await Assert.ThrowsAsync<OrderRefusedException>(() => app.SendAsync(OrdersTestApp.Web("short", (skus[0], 2), (skus[1], 3))));
        var line = Assert.Single(refused.Lines);
        Assert.Equal((skus[1], 3, "OUT_OF_STOCK", 1), (line.Sku, line.Quantity, line.Code, line.Available));
        Assert.Equal(orders, await app.CountAsync("SELECT COUNT(*) FROM orders.orders"));
        Assert.Equal(outbox, await app.CountAsync("SELECT COUNT(*) FROM kernel.outbox"));
        Assert.Equal(0, await app.CountAsync("SELECT COUNT(*) FROM orders.idempotency_keys WHERE idempotency_key = 'short'"));
        Assert.Equal(0, (await app.LevelAsync(skus[0], "WH01")).Reserved);
    }

    [SkippableTheory, Databases]
    public async Task A_delivery_the_warehouse_cannot_serve_is_sourced_from_a_store_that_has_every_line(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var skus = await app.SkusAsync(2);
        foreach (var loc in new[] { "WH01", "HN01", "HCM01", "DN01" })
        {
            await app.SetAvailableAsync(skus[0], loc, loc is "HN01" or "HCM01" or "DN01" ? 4 : 0);
            await app.SetAvailableAsync(skus[1], loc, loc == "HCM01" ? 4 : 1);
        }

        var placed = await app.SendAsync(OrdersTestApp.Web("split", (skus[0], 2), (skus[1], 2)));

        Assert.Equal("HCM01", placed.Location);
        Assert.Contains("WH01", placed.SourcingReason);
        // The order is written before the stock is reserved, at the warehouse sourcing expects first; the stored order, its
        // timeline and its reservation then say where it was really sourced, and why.
        var stored = (await app.QueryAsync<(string Location, string Reason, string ReservationId)>(
            "SELECT location, sourcing_reason, reservation_id FROM orders.orders WHERE number = @n", new { n = placed.Number })).Single();
        Assert.Equal(("HCM01", placed.SourcingReason), (stored.Location, stored.Reason));
        Assert.Equal(placed.SourcingReason, await app.ScalarAsync<string>(
            "SELECT note FROM orders.order_events WHERE order_id = @id AND action = 'place'", new { id = placed.OrderId }));
        Assert.Equal("HCM01", await app.ScalarAsync<string>(
            "SELECT location FROM inventory.reservations WHERE id = @id AND status = 'Held'", new { id = stored.ReservationId }));
    }
}
