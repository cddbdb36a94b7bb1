using Microsoft.Extensions.DependencyInjection;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Channels;
using OmniErp.Orders.Placing;

namespace OmniErp.IntegrationTests.Orders;

/// <summary>Draws the same number twice, then random ones: the second order's first draw clashes with the first order.</summary>
internal sealed class ClashingOrderNumbers : OrderNumbers
{
    private int _draws;

    public int Draws => _draws;

    private int _returnDraws;

    public int ReturnDraws => _returnDraws;

    public override string New(ChannelType type, DateTimeOffset at) =>
        Interlocked.Increment(ref _draws) <= 2 ? $"{Prefix(type)}-{at.UtcDateTime:yyMMdd}-SAME22" : base.New(type, at);

    public override string NewReturn(DateTimeOffset at) =>
        Interlocked.Increment(ref _returnDraws) <= 2 ? $"RET-{at.UtcDateTime:yyMMdd}-SAME22" : base.NewReturn(at);
}

public sealed class OrderNumberClashTests
{
    [SkippableTheory, Databases]
    public async Task An_order_whose_random_number_is_taken_is_placed_under_a_new_number_and_nothing_is_written_twice(Db db)
    {
        var numbers = new ClashingOrderNumbers();
        await using var app = await OrdersTestApp.StartAsync(db, s => s.AddSingleton<OrderNumbers>(numbers));
        var sku = (await app.SkusAsync(1))[0];
        await app.SetAvailableAsync(sku, "WH01", 10);
        var reservedBefore = (await app.LevelAsync(sku, "WH01")).Reserved;

        var first = await app.SendAsync(OrdersTestApp.Web("clash-1", (sku, 2)));
        var second = await app.SendAsync(OrdersTestApp.Web("clash-2", (sku, 3)));

        Assert.EndsWith("-SAME22", first.Number);
        Assert.NotEqual(first.Number, second.Number);
        Assert.Equal(3, numbers.Draws);
        Assert.False(second.Repeated);
        Assert.Equal(reservedBefore + 5, (await app.LevelAsync(sku, "WH01")).Reserved); // the clashing attempt's reservation was rolled back
        Assert.Equal(1, await app.CountAsync("SELECT COUNT(*) FROM orders.idempotency_keys WHERE idempotency_key = 'clash-2' AND order_id IS NOT NULL"));
        Assert.Equal(2, await app.CountAsync("SELECT COUNT(*) FROM inventory.reservations WHERE reference IN (@a, @b)", new { a = first.Number, b = second.Number }));
        Assert.Equal(3, await app.CountAsync("SELECT SUM(quantity) FROM orders.order_lines l JOIN orders.orders o ON o.id = l.order_id WHERE o.number = @n", new { n = second.Number }));
    }

    [SkippableTheory, Databases]
    public async Task A_return_whose_random_number_is_taken_gets_the_next_draw(Db db)
    {
        var numbers = new ClashingOrderNumbers();
        await using var app = await OrdersTestApp.StartAsync(db, s => s.AddSingleton<OrderNumbers>(numbers));
        var sku = (await app.SkusAsync(1))[0];
        await app.SetAvailableAsync(sku, "HN01", 10);
        var sale = await app.SendAsync(OrdersTestApp.Pos("clash-pos", "HN01", null, (sku, 2)));

        var first = await app.SendAsync(new OmniErp.Orders.Returns.ReturnOrderLines(sale.Number, "store", "HN01", [new OmniErp.Orders.Returns.ReturnLineRequest(1, 1, Restock: true)], "clerk"));
        var second = await app.SendAsync(new OmniErp.Orders.Returns.ReturnOrderLines(sale.Number, "store", "HN01", [new OmniErp.Orders.Returns.ReturnLineRequest(1, 1, Restock: true)], "clerk"));

        Assert.EndsWith("-SAME22", first.ReturnNumber);
        Assert.NotEqual(first.ReturnNumber, second.ReturnNumber);
        Assert.Equal(3, numbers.ReturnDraws);
        Assert.Equal(2, await app.CountAsync("SELECT COUNT(*) FROM orders.returns r JOIN orders.orders o ON o.id = r.order_id WHERE o.number = @n", new { n = sale.Number }));
    }
}
