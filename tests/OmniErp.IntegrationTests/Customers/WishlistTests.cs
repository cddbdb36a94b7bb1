using OmniErp.Customers.Contracts;
using OmniErp.Customers.Wishlists;
using OmniErp.IntegrationTests.Customers.Support;
using OmniErp.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniErp.IntegrationTests.Customers;

/// <summary>Wishlist notices from the real Inventory (StockChanged) and Pricing (PriceChanged) of the demo database.</summary>
public sealed class WishlistTests
{
    [SkippableTheory, Databases]
    public async Task A_wished_item_coming_back_in_stock_raises_one_notice_per_customer(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var sku = (await host.SkusAsync(1, skip: 3))[0];
        await host.SellOutAsync(sku);
        var lan = await host.CustomerAsync("0920000030");
        var minh = await host.CustomerAsync("0920000031");
        await host.SendAsync(new AddToWishlist(lan.Id, sku, "web"));
        await host.SendAsync(new AddToWishlist(minh.Id, sku, "web"));
        await host.SellOutAsync(sku);
        Assert.DoesNotContain(await host.OutboxEventsAsync<WishedItemBackInStock>(), n => n.Sku == sku);

        await host.RestockAsync(sku, 4); // Inventory publishes StockChanged per location

        Assert.Empty(await host.OutboxErrorsAsync());
        var notices = (await host.OutboxEventsAsync<WishedItemBackInStock>()).Where(n => n.Sku == sku).ToList();
        Assert.Equal([lan.Id, minh.Id], notices.Select(n => n.CustomerId).Order());
        Assert.All(notices, n => Assert.True(n.Available > 0));
    }

    [SkippableTheory, Databases]
    public async Task A_price_drop_on_a_wished_item_raises_a_notice_and_a_rise_does_not(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var sku = (await host.SkusAsync(1, skip: 4))[0];
        await host.SetPriceAsync(sku, 520_000m);
        var lan = await host.CustomerAsync("0920000032");
        await host.SendAsync(new AddToWishlist(lan.Id, sku, "web"));

        await host.SetPriceAsync(sku, 550_000m); // Pricing publishes PriceChanged; a rise is no news
        Assert.DoesNotContain(await host.OutboxEventsAsync<WishedItemPriceDropped>(), n => n.Sku == sku);

        await host.SetPriceAsync(sku, 450_000m);

        Assert.Empty(await host.OutboxErrorsAsync());
        var drop = Assert.Single(await host.OutboxEventsAsync<WishedItemPriceDropped>(), n => n.Sku == sku);
        Assert.Equal((lan.Id, 550_000m, 450_000m), (drop.CustomerId, drop.OldPrice, drop.NewPrice));
    }

    [SkippableTheory, Databases]
    public async Task An_item_is_wished_once_and_can_be_removed(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var sku = (await host.SkusAsync(1))[0];
        var lan = await host.CustomerAsync("0920000033");
        Assert.True(await host.SendAsync(new AddToWishlist(lan.Id, sku, "web")));
        Assert.False(await host.SendAsync(new AddToWishlist(lan.Id, sku, "store")));
        var item = Assert.Single(await host.SendAsync(new GetWishlist(lan.Id, "web")));
        Assert.Equal(await host.NameAsync(sku), item.Name);
        Assert.Equal(await host.AvailableAsync("web", sku), item.Available);
        Assert.True(await host.SendAsync(new RemoveFromWishlist(lan.Id, sku)));
        Assert.Empty(await host.SendAsync(new GetWishlist(lan.Id, "web")));
    }
}
