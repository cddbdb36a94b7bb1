using OmniErp.Customers.Contracts;
using OmniErp.IntegrationTests.Customers.Support;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Inventory.Contracts;
using OmniErp.Orders.Contracts;
using Xunit;
using static OmniErp.IntegrationTests.Customers.Support.Storefront;

namespace OmniErp.IntegrationTests.Customers;

/// <summary>A cart started on the web and checked out at the POS, with the real Orders, Pricing and Inventory.</summary>
public sealed class PosCheckoutTests
{
    [SkippableTheory, Databases]
    public async Task A_signed_in_web_customers_cart_is_found_at_the_POS_by_phone_and_closes_once_the_POS_order_is_placed(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var (shirt, jeans) = (await host.SkusAsync(2)) is [var a, var b] ? (a, b) : default;
        await host.RestockAsync(shirt, 5);
        await host.RestockAsync(jeans, 5);
        var web = host.App.CreateClient();
        var mai = await RegisterAsync(web, "Võ Thị Mai", "0920 000 010");
        Data((await PostAsync(web, $"mutation {{ addToCart(sku: \"{shirt}\", quantity: 2) {{ itemCount }} }}", bearer: mai.Access)).Body);
        Data((await PostAsync(web, $"mutation {{ addToCart(sku: \"{jeans}\", quantity: 1) {{ itemCount }} }}", bearer: mai.Access)).Body);

        // At the store the clerk asks for the phone, in whatever format the customer says it.
        var atPos = await host.SendAsync(new FindCartByPhone("+84 920 000 010"));
        Assert.NotNull(atPos);
        Assert.Equal(long.Parse(mai.Id), atPos.Customer.Id);
        Assert.Equal([(shirt, 2), (jeans, 1)], atPos.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal).Select(l => (l.Sku, l.Quantity)));

        // The POS rings the cart up through Orders (the buyer given by phone) and Orders publishes OrderPlaced.
        var sale = await host.SendAsync(new PlaceOrder("store", "pos-web-cart-1", atPos.Lines.Select(l => new OrderLineRequest(l.Sku, l.Quantity)).ToList(),
            Fulfilment.InStore, Store: "HN01", Buyer: new OrderBuyer("0920000010", null, null), PaymentMethod: PaymentMethods.Cash, PlacedBy: "clerk"));
        Assert.Equal(atPos.Customer.Id, sale.CustomerId);
        await host.DrainOutboxAsync();

        Assert.Empty(await host.OutboxErrorsAsync());
        Assert.Null(await host.SendAsync(new FindCartByPhone("0920000010")));
        Assert.Equal(sale.Number, await host.ScalarAsync<string>("SELECT order_number FROM customers.carts WHERE customer_id = @Id", new { Id = atPos.Customer.Id }));
        var me = Data((await PostAsync(web, "{ me { cart { itemCount lines { sku } } } }", bearer: mai.Access)).Body);
        Assert.Equal(0, me.GetProperty("me").GetProperty("cart").GetProperty("itemCount").GetInt32());

        // The same event delivered again (at-least-once) changes nothing and fails nothing; a new cart starts afresh.
        var placed = (await host.OutboxEventsAsync<OrderPlaced>()).Single(e => e.OrderId == sale.OrderId);
        Data((await PostAsync(web, $"mutation {{ addToCart(sku: \"{shirt}\", quantity: 1) {{ itemCount }} }}", bearer: mai.Access)).Body);
        await host.PublishAsync(placed);
        Assert.Empty(await host.OutboxErrorsAsync());
        Assert.Equal([(shirt, 1)], (await host.SendAsync(new FindCartByPhone("0920000010")))!.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal(1L, await host.ScalarAsync<long>("SELECT COUNT(*) FROM customers.cart_orders WHERE order_id = @OrderId", new { sale.OrderId }));
    }

    [SkippableTheory, Databases]
    public async Task The_cart_the_POS_reads_is_priced_for_the_store_and_the_web_reads_it_priced_for_the_web(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var sku = (await host.SkusAsync(1))[0];
        await host.RestockAsync(sku, 5);
        var client = host.App.CreateClient();
        var mai = await RegisterAsync(client, "Mai", "0920 000 011");
        Data((await PostAsync(client, $"mutation {{ addToCart(sku: \"{sku}\", quantity: 3) {{ itemCount }} }}", bearer: mai.Access)).Body);

        const string query = "{ me { cart { itemCount lines { sku quantity available unitPrice { amount } lineTotal { amount } } } } }";
        foreach (var (channel, key) in new[] { ("web", (string?)null), ("store", "demo-store-key") })
        {
            var line = Data((await PostAsync(client, query, bearer: mai.Access, channelKey: key)).Body).GetProperty("me").GetProperty("cart").GetProperty("lines")[0];
            var quoted = await host.QuoteAsync(channel, sku, 3, long.Parse(mai.Id));
            Assert.Equal(quoted.UnitPrice, line.GetProperty("unitPrice").GetProperty("amount").GetDecimal());
            Assert.Equal(quoted.LineTotal, line.GetProperty("lineTotal").GetProperty("amount").GetDecimal());
            Assert.Equal(await host.AvailableAsync(channel, sku), line.GetProperty("available").GetInt32());
        }
    }
}
