using OmniErp.Customers.Contracts;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Errors;
using OmniErp.Orders.Contracts;
using OmniErp.Orders.Lifecycle;
using OmniErp.Orders.Returns;
using static OmniErp.IntegrationTests.Orders.StorefrontClient;

namespace OmniErp.IntegrationTests.Orders;

/// <summary>Loyalty points redeemed at checkout: debited in the order's transaction, given back on cancel and on a full return.</summary>
public sealed class PointsTests
{
    /// <summary>Test set-up: credits points the way Customers does (a ledger entry and the balance together).</summary>
    private static async Task GrantAsync(TestApp app, long customerId, int points)
    {
        await app.ScalarAsync<long>(
            "INSERT INTO customers.points_ledger (customer_id, kind, points, reference, order_id, occurred_at) VALUES (@customerId, 'Adjust', @points, @reference, NULL, @at) RETURNING id",
            new { customerId, points, reference = "test-grant-" + Guid.NewGuid().ToString("N"), at = DateTimeOffset.UtcNow });
        await app.ScalarAsync<long>("UPDATE customers.customers SET points_balance = points_balance + @points WHERE id = @customerId RETURNING points_balance", new { customerId, points });
    }

    private static async Task<(long Balance, long Ledger)> PointsAsync(TestApp app, long customerId) =>
        (await app.ScalarAsync<long>("SELECT points_balance FROM customers.customers WHERE id = @customerId", new { customerId }),
         await app.ScalarAsync<long>("SELECT COALESCE(SUM(points), 0) FROM customers.points_ledger WHERE customer_id = @customerId", new { customerId }));

    [SkippableTheory, Databases]
    public async Task Points_redeemed_on_a_web_order_discount_it_and_a_cancel_gives_them_back_with_balance_equal_to_ledger(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var sku = (await app.SkusAsync(1))[0];
        await app.SetAvailableAsync(sku, "WH01", 10);
        var client = app.CreateClient();
        var (customerId, token) = await RegisterAsync(client, "Hoàng Thị Yến", "0355 000 201");
        await GrantAsync(app, customerId, 300);
        var (startBalance, _) = await PointsAsync(app, customerId);

        var (_, body) = await PostAsync(client, PlaceOrderMutation, Input("pts-1", [(sku, 1)], redeemPoints: 100), token);
        var order = body.Data("placeOrder", "order");
        var number = order.GetProperty("number").GetString()!;
        var afterRedeem = await PointsAsync(app, customerId);
        await app.SendAsync(new ChangeOrderStatus(number, OrderStateMachine.Cancel, "test", "Changed mind"));
        var afterCancel = await PointsAsync(app, customerId);
        await app.SendAsync(new RestoreRedeemedPoints(number)); // a second restore (redelivery) gives nothing more
        var afterRepeat = await PointsAsync(app, customerId);

        Assert.Equal(100, order.GetProperty("pointsRedeemed").GetInt32());
        Assert.Contains(order.GetProperty("lines")[0].GetProperty("discounts").EnumerateArray(), d => d.GetProperty("ruleCode").GetString() == "POINTS");
        Assert.Equal((startBalance - 100, startBalance - 100), afterRedeem);
        Assert.Equal((startBalance, startBalance), afterCancel);
        Assert.Equal(afterCancel, afterRepeat);
    }

    [SkippableTheory, Databases]
    public async Task Redeeming_more_points_than_the_customer_has_refuses_the_order_and_writes_nothing(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var sku = (await app.SkusAsync(1))[0];
        await app.SetAvailableAsync(sku, "WH01", 10);
        var customer = await app.SendAsync(new FindOrCreateCustomer("0355 000 202", null, "Trịnh Văn Long", "web"));
        await GrantAsync(app, customer.Id, 50);
        var before = await PointsAsync(app, customer.Id);
        var (orders, outbox, ledger) = (await app.CountAsync("SELECT COUNT(*) FROM orders.orders"), await app.CountAsync("SELECT COUNT(*) FROM kernel.outbox"),
            await app.CountAsync("SELECT COUNT(*) FROM customers.points_ledger"));

        var refused = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(OrdersTestApp.Web("pts-2", (sku, 1)) with { CustomerId = customer.Id, RedeemPoints = 80 }));
        var anonymous = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(OrdersTestApp.Web("pts-3", (sku, 1)) with { RedeemPoints = 10 }));

        Assert.Equal("POINTS_INSUFFICIENT", refused.Errors[0].Code);
        Assert.Equal(ErrorKind.Validation, anonymous.Kind);
        Assert.Equal(before, await PointsAsync(app, customer.Id));
        Assert.Equal(orders, await app.CountAsync("SELECT COUNT(*) FROM orders.orders"));
        Assert.Equal(outbox, await app.CountAsync("SELECT COUNT(*) FROM kernel.outbox"));
        Assert.Equal(ledger, await app.CountAsync("SELECT COUNT(*) FROM customers.points_ledger"));
        Assert.Equal(0, await app.CountAsync("SELECT COUNT(*) FROM orders.idempotency_keys WHERE idempotency_key IN ('pts-2', 'pts-3')"));
        Assert.Equal(0, (await app.LevelAsync(sku, "WH01")).Reserved);
    }

    [SkippableTheory, Databases]
    public async Task Concurrent_orders_redeeming_the_same_points_cannot_overspend_them(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var sku = (await app.SkusAsync(1))[0];
        await app.SetAvailableAsync(sku, "WH01", 50);
        var customer = await app.SendAsync(new FindOrCreateCustomer("0355 000 203", null, "Mai Anh Tuấn", "web"));
        await GrantAsync(app, customer.Id, 250);
        var (start, _) = await PointsAsync(app, customer.Id);
        var affordable = (int)(start / 100);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            for (var attempt = 0; ; attempt++)
            {
                try { return (Placed: await app.SendAsync(OrdersTestApp.Web($"race-{i}", (sku, 1)) with { CustomerId = customer.Id, RedeemPoints = 100 }), Code: (string?)null); }
                catch (AppException ex) when (ex.Errors[0].Code == "POINTS_INSUFFICIENT") { return (Placed: (PlacedOrder?)null, Code: ex.Errors[0].Code); }
                catch (Exception) when (attempt < 20) { await Task.Delay(50); } // SQLite busy / serialization: retry as a client would
            }
        })));

        var placed = attempts.Count(a => a.Placed is not null);
        var (balance, ledger) = await PointsAsync(app, customer.Id);
        Assert.Equal(Math.Min(8, affordable), placed);
        Assert.Equal(start - 100 * placed, balance);
        Assert.Equal(balance, ledger);
        Assert.True(balance >= 0);
        Assert.Equal(placed, await app.CountAsync("SELECT COUNT(*) FROM orders.orders WHERE customer_id = @Id AND points_redeemed = 100", new { customer.Id }));
    }

    [SkippableTheory, Databases]
    public async Task A_partial_return_keeps_the_redeemed_points_and_returning_the_last_unit_gives_them_back(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var sku = (await app.SkusAsync(1))[0];
        await app.SetAvailableAsync(sku, "HN01", 10);
        var customer = await app.SendAsync(new FindOrCreateCustomer("0355 000 204", null, "Lý Thu Trang", "store"));
        await GrantAsync(app, customer.Id, 200);
        var (start, _) = await PointsAsync(app, customer.Id);

        var sale = await app.SendAsync(OrdersTestApp.Pos("pts-pos", "HN01", "0355 000 204", (sku, 2)) with { RedeemPoints = 150 });
        await app.SendAsync(new ReturnOrderLines(sale.Number, "store", "HN01", [new ReturnLineRequest(1, 1, true)], "clerk", "Size"));
        var afterPartial = await PointsAsync(app, customer.Id);
        await app.SendAsync(new ReturnOrderLines(sale.Number, "store", "HN01", [new ReturnLineRequest(1, 1, true)], "clerk", "Size"));
        var afterFull = await PointsAsync(app, customer.Id);

        Assert.Equal(150, sale.PointsRedeemed);
        Assert.Equal(customer.Id, sale.CustomerId);
        Assert.Equal(start - 150, afterPartial.Balance);
        Assert.Equal(afterPartial.Balance, afterPartial.Ledger);
        Assert.Equal(start, afterFull.Balance);
        Assert.Equal(afterFull.Balance, afterFull.Ledger);
    }
}
