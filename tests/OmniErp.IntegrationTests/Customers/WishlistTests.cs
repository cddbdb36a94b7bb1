using OmniErp.Customers.Contracts;
using OmniErp.Customers.Wishlists;
using OmniErp.IntegrationTests.Customers.Support;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Inventory.Contracts;
using OmniErp.Pricing.Contracts;
using Xunit;

namespace OmniErp.IntegrationTests.Customers;

public sealed class WishlistTests
{
    [SkippableTheory, Databases]
    public async Task A_wished_item_coming_back_in_stock_raises_one_notice_per_customer(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var lan = await host.CustomerAsync("0912345678");
        var minh = await host.CustomerAsync("0987654321");
        await host.SendAsync(new AddToWishlist(lan.Id, "VAY-003-S", "web"));
        await host.SendAsync(new AddToWishlist(minh.Id, "VAY-003-S", "web"));

        await host.PublishAsync(new StockChanged("VAY-003-S", "HN01", 0, 0), new StockChanged("VAY-003-S", "WH01", 0, 0));
        Assert.Empty(await host.OutboxEventsAsync<WishedItemBackInStock>());

        await host.PublishAsync(new StockChanged("VAY-003-S", "WH01", 12, 10));
        await host.PublishAsync(new StockChanged("VAY-003-S", "HN01", 3, 3));

        Assert.Empty(await host.OutboxErrorsAsync());
        var notices = await host.OutboxEventsAsync<WishedItemBackInStock>();
        Assert.Equal([lan.Id, minh.Id], notices.Select(n => n.CustomerId).Order());
        Assert.All(notices, n => Assert.Equal(10, n.Available));
    }

    [SkippableTheory, Databases]
    public async Task A_price_drop_on_a_wished_item_raises_a_notice_and_a_rise_does_not(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var lan = await host.CustomerAsync("0912345678");
        await host.SendAsync(new AddToWishlist(lan.Id, "VAY-003-S", "web"));
        var at = host.Clock.GetUtcNow();
        // Seen at 520 000 ₫ when wished; a rise is no news.
        await host.PublishAsync(new PriceChanged("VAY-003-S", null, "VND", 520_000m, 550_000m, at));
        Assert.Empty(await host.OutboxEventsAsync<WishedItemPriceDropped>());

        await host.PublishAsync(new PriceChanged("VAY-003-S", "web", "VND", 550_000m, 450_000m, at));
        await host.PublishAsync(new PriceChanged("VAY-003-S", "store", "VND", 550_000m, 400_000m, at));

        var drop = Assert.Single(await host.OutboxEventsAsync<WishedItemPriceDropped>());
        Assert.Equal((lan.Id, 550_000m, 450_000m), (drop.CustomerId, drop.OldPrice, drop.NewPrice));
    }

    [SkippableTheory, Databases]
    public async Task An_item_is_wished_once_and_can_be_removed(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var lan = await host.CustomerAsync("0912345678");
        Assert.True(await host.SendAsync(new AddToWishlist(lan.Id, "VAY-003-S", "web")));
        Assert.False(await host.SendAsync(new AddToWishlist(lan.Id, "VAY-003-S", "store")));
        Assert.Single(await host.SendAsync(new GetWishlist(lan.Id, "web")));
        Assert.True(await host.SendAsync(new RemoveFromWishlist(lan.Id, "VAY-003-S")));
        Assert.Empty(await host.SendAsync(new GetWishlist(lan.Id, "web")));
    }
}
