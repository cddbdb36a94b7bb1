using OmniErp.Customers.Carts;
using OmniErp.Customers.Contracts;
using OmniErp.Customers.Loyalty;
using OmniErp.IntegrationTests.Customers.Support;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Errors;
using OmniErp.Orders.Contracts;
using OmniErp.Pricing.Contracts;
using Xunit;

namespace OmniErp.IntegrationTests.Customers;

/// <summary>Server-side carts against the real Catalog, Pricing and Inventory of the demo database.</summary>
public sealed class CartTests
{
    [SkippableTheory, Databases]
    public async Task Cart_lines_show_Pricings_live_price_for_the_channel_and_Inventorys_availability(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var lan = await host.CustomerAsync("0920000001", "Lan", "web");
        var (shirt, jeans) = (await host.SkusAsync(2)) is [var a, var b] ? (a, b) : default;
        await host.SetPriceAsync(shirt, 250_000m);
        await host.RestockAsync(shirt, 5);
        await host.SellOutAsync(jeans);
        await host.SendAsync(new AddToCart(lan.Id, shirt, 2, "web"));
        await host.SendAsync(new AddToCart(lan.Id, jeans, 1, "web"));

        var cart = await host.SendAsync(new GetCart(lan.Id, "web"));

        var line = cart.Lines.Single(l => l.Sku == shirt);
        var quote = await host.QuoteCartAsync("web", lan.Id, (shirt, 2), (jeans, 1));
        var quoted = quote.Lines.Single(l => l.Sku == shirt);
        Assert.Equal(250_000m, quoted.ListUnitPrice);
        Assert.Equal((quoted.UnitPrice, quoted.LineTotal), (line.UnitPrice!.Value, line.LineTotal!.Value));
        Assert.Equal(quote.Total, cart.Total);
        Assert.Equal(await host.NameAsync(shirt), line.Name);
        Assert.Equal(await host.AvailableAsync("web", shirt), line.Available);
        Assert.True(line.Available > 0);
        Assert.Null(line.Problem);
        var soldOut = cart.Lines.Single(l => l.Sku == jeans);
        Assert.Equal(0, soldOut.Available);
        Assert.Contains("Only 0 available", soldOut.Problem);
        Assert.Equal(3, cart.ItemCount);

        // The price is live: a change in Pricing shows on the next read, without touching the cart.
        await host.SetPriceAsync(shirt, 300_000m);
        var repriced = (await host.SendAsync(new GetCart(lan.Id, "web"))).Lines.Single(l => l.Sku == shirt);
        Assert.Equal((await host.QuoteCartAsync("web", lan.Id, (shirt, 2), (jeans, 1))).Lines.Single(l => l.Sku == shirt).UnitPrice, repriced.UnitPrice);
        Assert.True(repriced.UnitPrice > line.UnitPrice);
    }

    [SkippableTheory, Databases]
    public async Task A_customer_whose_rolling_spend_reaches_gold_sees_gold_tier_prices_in_the_cart_until_the_spend_rolls_off(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var member = await host.CustomerAsync("0920000002", "Khách thường", "web");
        var gold = await host.CustomerAsync("0920000003", "Khách vàng", "web");
        await host.PublishAsync(Shop.Paid(gold.Id, 16_000_000m, host.Clock.GetUtcNow(), "store"));
        Assert.Equal("Gold", (await host.SendAsync(new GetCustomer(gold.Id)))!.Tier);

        // A SKU with a gold tier price in the demo price book (found through Pricing's contract).
        var skus = await host.SkusAsync(int.MaxValue);
        var memberPrices = (await host.SendAsync(new GetPrices("web", skus, member.Id))).ToDictionary(p => p.Sku, p => p.Price);
        var goldPrices = (await host.SendAsync(new GetPrices("web", skus, gold.Id))).ToDictionary(p => p.Sku, p => p.Price);
        var sku = skus.First(s => goldPrices[s] < memberPrices[s]);
        await host.RestockAsync(sku, 5);

        await host.SendAsync(new AddToCart(member.Id, sku, 1, "web"));
        await host.SendAsync(new AddToCart(gold.Id, sku, 1, "web"));
        var memberLine = (await host.SendAsync(new GetCart(member.Id, "web"))).Lines.Single();
        var goldLine = (await host.SendAsync(new GetCart(gold.Id, "web"))).Lines.Single();
        Assert.Equal((await host.QuoteAsync("web", sku, 1, gold.Id)).UnitPrice, goldLine.UnitPrice);
        Assert.Equal((await host.QuoteAsync("web", sku, 1, member.Id)).UnitPrice, memberLine.UnitPrice);
        Assert.True(goldLine.UnitPrice < memberLine.UnitPrice, $"gold {goldLine.UnitPrice} vs member {memberLine.UnitPrice}");

        // Thirteen months later the spend is outside the rolling window: back to member prices.
        host.Clock.Advance(TimeSpan.FromDays(396));
        await host.SendAsync(new RunLoyaltySweep());
        Assert.Equal("Member", (await host.SendAsync(new GetCustomer(gold.Id)))!.Tier);
        var later = (await host.SendAsync(new GetCart(gold.Id, "web"))).Lines.Single();
        Assert.Equal((await host.QuoteAsync("web", sku, 1, member.Id)).UnitPrice, later.UnitPrice);
    }

    [SkippableTheory, Databases]
    public async Task An_order_that_buys_part_of_the_cart_leaves_the_rest_and_a_repeated_event_changes_nothing(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var (shirt, jeans) = (await host.SkusAsync(2)) is [var a, var b] ? (a, b) : default;
        var lan = await host.CustomerAsync("0920000004");
        await host.SendAsync(new AddToCart(lan.Id, shirt, 3, "web"));
        await host.SendAsync(new AddToCart(lan.Id, jeans, 1, "web"));

        var placed = new OrderPlaced(Shop.NextOrderId(), "POS-78", "store", lan.Id, "VND", 200_000m,
            [new OrderLineFact(shirt, 2, 100_000m, 200_000m, 10, 18_182m)], host.Clock.GetUtcNow());
        await host.PublishAsync(placed);
        await host.PublishAsync(placed); // at-least-once delivery: a second copy of the same order

        Assert.Empty(await host.OutboxErrorsAsync());
        var left = (await host.SendAsync(new FindCartByPhone("0920000004")))!;
        Assert.Equal([(shirt, 1), (jeans, 1)], left.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal).Select(l => (l.Sku, l.Quantity)));
    }

    [SkippableTheory, Databases]
    public async Task Setting_a_line_to_zero_removes_it_and_bad_quantities_are_refused(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var sku = (await host.SkusAsync(1))[0];
        var lan = await host.CustomerAsync("0920000005");
        await host.SendAsync(new AddToCart(lan.Id, sku, 3, "web"));
        await host.SendAsync(new SetCartLine(lan.Id, sku, 5, "web"));
        Assert.Equal(5, (await host.SendAsync(new FindCartByPhone("0920000005")))!.Lines.Single().Quantity);
        await host.SendAsync(new SetCartLine(lan.Id, sku, 0, "web"));
        Assert.Empty((await host.SendAsync(new FindCartByPhone("0920000005")))!.Lines);
        await Assert.ThrowsAsync<AppException>(() => host.SendAsync(new AddToCart(lan.Id, sku, 0, "web")));
        await Assert.ThrowsAsync<AppException>(() => host.SendAsync(new AddToCart(lan.Id, sku, 1000, "web")));
        await Assert.ThrowsAsync<AppException>(() => host.SendAsync(new AddToCart(999_999_999, sku, 1, "web")));
    }

    [SkippableTheory, Databases]
    public async Task A_SKU_the_catalog_does_not_know_is_refused(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var lan = await host.CustomerAsync("0920000006");
        var ex = await Assert.ThrowsAsync<AppException>(() => host.SendAsync(new AddToCart(lan.Id, "NO-SUCH-SKU", 1, "web")));
        Assert.Equal("Sku", ex.Errors[0].Field);
        Assert.Null(await host.SendAsync(new FindCartByPhone("0920000006")) is { Lines.Count: > 0 } ? "lines" : null);
    }

    [SkippableTheory, Databases]
    public async Task A_cart_idle_past_the_configured_time_raises_one_reminder_until_it_is_touched_again(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, new Dictionary<string, string?> { ["Customers:Carts:AbandonAfter"] = "02:00:00" }, demo: true);
        var (shirt, jeans) = (await host.SkusAsync(2)) is [var a, var b] ? (a, b) : default;
        // The demo's own idle carts are marked first, so only this scenario's carts count below.
        await host.SendAsync(new MarkAbandonedCarts());
        var before = (await host.OutboxEventsAsync<CartAbandoned>()).Count;
        var lan = await host.CustomerAsync("0920000007");
        var empty = await host.CustomerAsync("0920000008");
        await host.SendAsync(new AddToCart(lan.Id, shirt, 2, "web"));
        await host.SendAsync(new AddToCart(empty.Id, shirt, 1, "web"));
        await host.SendAsync(new SetCartLine(empty.Id, shirt, 0, "web"));

        host.Clock.Advance(TimeSpan.FromMinutes(90));
        Assert.Equal(0, await host.SendAsync(new MarkAbandonedCarts()));
        host.Clock.Advance(TimeSpan.FromMinutes(60)); // 2 h 30 min idle, past the configured 2 h
        Assert.Equal(1, await host.SendAsync(new MarkAbandonedCarts()));
        Assert.Equal(0, await host.SendAsync(new MarkAbandonedCarts()));

        var reminder = Assert.Single((await host.OutboxEventsAsync<CartAbandoned>()).Skip(before));
        Assert.Equal(lan.Id, reminder.CustomerId);
        Assert.Equal("+84920000007", reminder.Phone);
        Assert.Equal([new CartLineInfo(shirt, 2)], reminder.Lines);
        var listed = Assert.Single(await host.SendAsync(new ListAbandonedCarts()), c => c.CustomerId == lan.Id);
        Assert.Equal(2, listed.Items);
        Assert.DoesNotContain(await host.SendAsync(new ListAbandonedCarts()), c => c.CustomerId == empty.Id);

        await host.SendAsync(new AddToCart(lan.Id, jeans, 1, "store"));
        Assert.DoesNotContain(await host.SendAsync(new ListAbandonedCarts()), c => c.CustomerId == lan.Id);
        host.Clock.Advance(TimeSpan.FromHours(3));
        await host.SendAsync(new MarkAbandonedCarts());
        Assert.Equal(2, (await host.OutboxEventsAsync<CartAbandoned>()).Skip(before).Count(e => e.CustomerId == lan.Id));
    }
}
