using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Money;
using OmniErp.Orders.Contracts;
using OmniErp.Orders.Lifecycle;
using OmniErp.Orders.Returns;
using FsCheck;
using FsCheck.Fluent;

namespace OmniErp.IntegrationTests.Orders;

public sealed class LifecycleTests
{
    [SkippableTheory, Databases]
    public async Task Each_step_allows_only_its_legal_transitions_and_lands_on_the_timeline(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var sku = (await app.SkusAsync(1))[0];
        await app.SetAvailableAsync(sku, "HN01", 5);
        var order = await app.SendAsync(OrdersTestApp.Pickup("p-1", "HN01", (sku, 2)));

        var early = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new ChangeOrderStatus(order.Number, OrderStateMachine.Collect, "staff")));
        Assert.Equal("ILLEGAL_TRANSITION", early.Errors[0].Code);
        Assert.Contains("is placed", early.Message);

        foreach (var step in new[] { OrderStateMachine.Allocate, OrderStateMachine.Pick })
            await app.SendAsync(new ChangeOrderStatus(order.Number, step, "staff"));
        var ship = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new ChangeOrderStatus(order.Number, OrderStateMachine.Ship, "staff")));
        Assert.Contains("picking", ship.Message); // a pickup order is not shipped
        await app.SendAsync(new ChangeOrderStatus(order.Number, OrderStateMachine.ReadyForPickup, "staff"));
        Assert.Equal(2, (await app.LevelAsync(sku, "HN01")).Reserved);
        await app.SendAsync(new ChangeOrderStatus(order.Number, OrderStateMachine.Collect, "clerk"));
        Assert.Equal((0, 3), ((await app.LevelAsync(sku, "HN01")).Reserved, (await app.LevelAsync(sku, "HN01")).Available));
        await app.SendAsync(new ChangeOrderStatus(order.Number, OrderStateMachine.Complete, "clerk"));
        var cancel = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new ChangeOrderStatus(order.Number, OrderStateMachine.Cancel, "staff")));
        Assert.Contains("is completed", cancel.Message);

        var timeline = (await app.QueryAsync<(string, string)>(
            "SELECT action, actor FROM orders.order_events WHERE order_id = @id ORDER BY id", new { id = order.OrderId })).ToList();
        Assert.Equal(["place", "allocate", "pick", "ready", "collect", "complete"], timeline.Select(t => t.Item1));
        Assert.Equal("clerk", timeline[^1].Item2);
        Assert.Equal(1, await app.CountAsync("SELECT COUNT(*) FROM kernel.outbox WHERE type LIKE '%OrderReadyForPickup'"));
    }

    [SkippableTheory, Databases]
    public async Task Cancelling_releases_the_reservation(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var sku = (await app.SkusAsync(1))[0];
        await app.SetAvailableAsync(sku, "WH01", 4);
        var order = await app.SendAsync(OrdersTestApp.Web("c-1", (sku, 3)));
        await app.SendAsync(new ChangeOrderStatus(order.Number, OrderStateMachine.Allocate, "staff"));

        await app.SendAsync(new ChangeOrderStatus(order.Number, OrderStateMachine.Cancel, "staff", "Khách hủy"));

        Assert.Equal((0, 4), ((await app.LevelAsync(sku, "WH01")).Reserved, (await app.LevelAsync(sku, "WH01")).Available));
        Assert.Equal(1, await app.CountAsync("SELECT COUNT(*) FROM kernel.outbox WHERE type LIKE '%OrderCancelled'"));
    }

    [SkippableTheory, Databases]
    public async Task A_return_refunds_what_was_paid_for_the_units_and_restocks_or_writes_off_per_line(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var skus = await app.SkusAsync(2);
        await app.SetAvailableAsync(skus[0], "HN01", 10);
        await app.SetAvailableAsync(skus[1], "HN01", 10);
        var sale = await app.SendAsync(OrdersTestApp.Pos("r-1", "HN01", "0987654321", (skus[0], 3), (skus[1], 1)));
        var lineTotal = await app.ScalarAsync<decimal>("SELECT line_total FROM orders.order_lines WHERE order_id = @id AND line_no = 1", new { id = sale.OrderId });
        var hcmBefore = await app.LevelAsync(skus[0], "HCM01");

        // Returned at another store than it was sold at.
        var first = await app.SendAsync(new ReturnOrderLines(sale.Number, "store", "HCM01", [new ReturnLineRequest(1, 1, Restock: true)], "clerk"));
        var rest = await app.SendAsync(new ReturnOrderLines(sale.Number, "web", "WH01", [new ReturnLineRequest(1, 2, Restock: false)], "clerk"));
        var tooMany = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new ReturnOrderLines(sale.Number, "store", "HN01", [new ReturnLineRequest(1, 1, true)], "clerk")));

        Assert.Equal(lineTotal, first.Refund + rest.Refund);
        Assert.Equal(Currency.VND.RoundToMinorUnit(lineTotal / 3), first.Refund);
        Assert.Equal("RETURN_EXCEEDS_SOLD", tooMany.Errors[0].Code);
        Assert.Equal(hcmBefore.OnHand + 1, (await app.LevelAsync(skus[0], "HCM01")).OnHand);
        Assert.Equal(PaymentStatuses.Paid, rest.PaymentStatus);
        Assert.Equal(2, await app.CountAsync("SELECT COUNT(*) FROM kernel.outbox WHERE type LIKE '%OrderReturned'"));
    }

    [Fact]
    public void Prorated_refunds_of_any_split_of_a_line_add_up_to_its_total()
    {
        var cases = from quantity in Gen.Choose(1, 50) from amount in Gen.Choose(0, 5_000_000) from seed in Gen.Choose(1, 1000) select (quantity, amount, seed);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (quantity, amount, seed) = c;
            var total = amount * 1m;
            var rnd = new Random(seed);
            var returned = 0;
            var refunded = 0m;
            while (returned < quantity)
            {
                var take = rnd.Next(1, quantity - returned + 1);
                var part = ReturnOrderLinesHandler.Prorate(total, quantity, returned, take, Currency.VND);
                if (part < 0) return false;
                refunded += part;
                returned += take;
            }
            return refunded == total;
        }).QuickCheckThrowOnFailure();
    }
}
