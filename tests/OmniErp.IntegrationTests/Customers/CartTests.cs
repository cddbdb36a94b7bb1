using OmniErp.Customers.Carts;
using OmniErp.Customers.Contracts;
using OmniErp.IntegrationTests.Customers.Support;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Errors;
using OmniErp.Orders.Contracts;
using Xunit;

namespace OmniErp.IntegrationTests.Customers;

public sealed class CartTests
{
    [SkippableTheory, Databases]
    public async Task A_cart_filled_on_the_web_is_found_at_the_POS_by_phone_and_closes_when_rung_up_there(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var lan = await host.CustomerAsync("0912345678", "Lan", "web");
        await host.SendAsync(new AddToCart(lan.Id, "AO-001-M", 2, "web"));
        await host.SendAsync(new AddToCart(lan.Id, "QUAN-002-L", 1, "web"));
        await host.SendAsync(new AddToCart(lan.Id, "AO-001-M", 1, "web"));

        var atPos = await host.SendAsync(new FindCartByPhone("+84 912 345 678"));
        Assert.NotNull(atPos);
        Assert.Equal(lan.Id, atPos.Customer.Id);
        Assert.Equal([("AO-001-M", 3), ("QUAN-002-L", 1)], atPos.Lines.Select(l => (l.Sku, l.Quantity)));

        // The POS sells the cart (Orders publishes OrderPlaced for the store channel).
        await host.PublishAsync(new OrderPlaced(77, "POS-77", "store", lan.Id, "VND", 1_000_000m,
            [new OrderLineFact("AO-001-M", 3, 200_000m, 600_000m, 10, 54_545m), new OrderLineFact("QUAN-002-L", 1, 400_000m, 400_000m, 10, 36_364m)],
            host.Clock.GetUtcNow()));

        Assert.Empty(await host.OutboxErrorsAsync());
        Assert.Null(await host.SendAsync(new FindCartByPhone("0912345678")));
        Assert.Equal("POS-77", await host.ScalarAsync<string>("SELECT order_number FROM customers.carts WHERE customer_id = @Id", new { lan.Id }));
        var cart = await host.SendAsync(new GetCart(lan.Id, "web"));
        Assert.Empty(cart.Lines);
    }

    [SkippableTheory, Databases]
    public async Task An_order_that_buys_part_of_the_cart_leaves_the_rest(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var lan = await host.CustomerAsync("0912345678");
        await host.SendAsync(new AddToCart(lan.Id, "AO-001-M", 3, "web"));
        await host.SendAsync(new AddToCart(lan.Id, "QUAN-002-L", 1, "web"));

        await host.PublishAsync(new OrderPlaced(78, "POS-78", "store", lan.Id, "VND", 200_000m,
            [new OrderLineFact("AO-001-M", 2, 100_000m, 200_000m, 10, 18_182m)], host.Clock.GetUtcNow()));

        var left = (await host.SendAsync(new FindCartByPhone("0912345678")))!;
        Assert.Equal([("AO-001-M", 1), ("QUAN-002-L", 1)], left.Lines.Select(l => (l.Sku, l.Quantity)));
    }

    [SkippableTheory, Databases]
    public async Task Setting_a_line_to_zero_removes_it_and_bad_quantities_are_refused(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var lan = await host.CustomerAsync("0912345678");
        await host.SendAsync(new AddToCart(lan.Id, "AO-001-M", 3, "web"));
        await host.SendAsync(new SetCartLine(lan.Id, "AO-001-M", 5, "web"));
        Assert.Equal(5, (await host.SendAsync(new FindCartByPhone("0912345678")))!.Lines.Single().Quantity);
        await host.SendAsync(new SetCartLine(lan.Id, "AO-001-M", 0, "web"));
        Assert.Empty((await host.SendAsync(new FindCartByPhone("0912345678")))!.Lines);
        await Assert.ThrowsAsync<AppException>(() => host.SendAsync(new AddToCart(lan.Id, "AO-001-M", 0, "web")));
        await Assert.ThrowsAsync<AppException>(() => host.SendAsync(new AddToCart(999_999, "AO-001-M", 1, "web")));
    }

    [SkippableTheory, Databases]
    public async Task Cart_lines_show_the_live_price_and_the_channels_availability(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var lan = await host.CustomerAsync("0912345678");
        await host.SendAsync(new AddToCart(lan.Id, "AO-001-M", 2, "web"));
        await host.SendAsync(new AddToCart(lan.Id, "QUAN-002-L", 1, "web"));

        var cart = await host.SendAsync(new GetCart(lan.Id, "web"));

        var shirt = cart.Lines.Single(l => l.Sku == "AO-001-M");
        Assert.Equal(("Áo thun cotton M", 199_000m, 398_000m, 10, (string?)null), (shirt.Name, shirt.UnitPrice, shirt.LineTotal, shirt.Available, shirt.Problem));
        var jeans = cart.Lines.Single(l => l.Sku == "QUAN-002-L");
        Assert.Equal(0, jeans.Available);
        Assert.Contains("Only 0 available", jeans.Problem);
        Assert.Equal(748_000m, cart.Total);
        Assert.Equal(3, cart.ItemCount);
    }

    [SkippableTheory, Databases]
    public async Task A_SKU_the_catalog_does_not_know_is_refused(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var lan = await host.CustomerAsync("0912345678");
        var ex = await Assert.ThrowsAsync<AppException>(() => host.SendAsync(new AddToCart(lan.Id, "NO-SUCH-SKU", 1, "web")));
        Assert.Equal("Sku", ex.Errors[0].Field);
        Assert.Null(await host.SendAsync(new FindCartByPhone("0912345678")) is { Lines.Count: > 0 } ? "lines" : null);
    }

    [SkippableTheory, Databases]
    public async Task A_cart_idle_past_the_configured_time_raises_one_reminder_until_it_is_touched_again(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var lan = await host.CustomerAsync("0912345678");
        var empty = await host.CustomerAsync("0987654321");
        await host.SendAsync(new AddToCart(lan.Id, "AO-001-M", 2, "web"));
        await host.SendAsync(new AddToCart(empty.Id, "AO-001-M", 1, "web"));
        await host.SendAsync(new SetCartLine(empty.Id, "AO-001-M", 0, "web"));

        host.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await host.SendAsync(new MarkAbandonedCarts()));
        host.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await host.SendAsync(new MarkAbandonedCarts()));
        Assert.Equal(0, await host.SendAsync(new MarkAbandonedCarts()));

        var reminder = Assert.Single(await host.OutboxEventsAsync<CartAbandoned>());
        Assert.Equal(lan.Id, reminder.CustomerId);
        Assert.Equal("+84912345678", reminder.Phone);
        Assert.Equal([new CartLineInfo("AO-001-M", 2)], reminder.Lines);
        var listed = Assert.Single(await host.SendAsync(new ListAbandonedCarts()));
        Assert.Equal(2, listed.Items);

        await host.SendAsync(new AddToCart(lan.Id, "QUAN-002-L", 1, "store"));
        Assert.Empty(await host.SendAsync(new ListAbandonedCarts()));
        host.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(1, await host.SendAsync(new MarkAbandonedCarts()));
        Assert.Equal(2, (await host.OutboxEventsAsync<CartAbandoned>()).Count);
    }
}
