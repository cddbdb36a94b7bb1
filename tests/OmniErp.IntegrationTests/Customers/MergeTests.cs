using OmniErp.Customers.Accounts;
using OmniErp.Customers.Carts;
using OmniErp.Customers.Contracts;
using OmniErp.Customers.CustomerMerges;
using OmniErp.Customers.Wishlists;
using OmniErp.IntegrationTests.Customers.Support;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Customers.Customers;
using OmniErp.Customers.Profiles;
using OmniErp.Kernel.Errors;
using OmniErp.Orders.Contracts;
using Xunit;

namespace OmniErp.IntegrationTests.Customers;

public sealed class MergeTests
{
    [SkippableTheory, Databases]
    public async Task A_reviewed_merge_moves_points_purchases_cart_wishlist_and_contacts_and_loses_nothing(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var (shirt, jeans, dress, cap) = (await host.SkusAsync(4)) is [var s1, var s2, var s3, var s4] ? (s1, s2, s3, s4) : default;
        await host.RestockAsync(shirt, 5);
        var now = host.Clock.GetUtcNow();
        var survivor = await host.CustomerAsync("0920000040", "Nguyễn Thị Lan", "store");
        var duplicate = (await host.SendAsync(new RegisterCustomer("Lan Nguyen", null, "lan@example.vn", "mat-khau-2026", "web"))).CustomerId;
        await host.PublishAsync(Shop.Paid(survivor.Id, 1_000_000m, now, "store"), Shop.Paid(duplicate, 2_000_000m, now, "web"));
        await host.SendAsync(new RedeemPoints(duplicate, 20, "SO-5"));
        await host.SendAsync(new AddToCart(survivor.Id, shirt, 1, "store"));
        await host.SendAsync(new AddToCart(duplicate, shirt, 2, "web"));
        await host.SendAsync(new AddToCart(duplicate, jeans, 1, "web"));
        await host.SendAsync(new AddToWishlist(duplicate, dress, "web"));
        await host.SendAsync(new AddToWishlist(survivor.Id, dress, "store"));
        await host.SendAsync(new AddToWishlist(duplicate, cap, "web"));
        await host.SendAsync(new AddAddress(survivor.Id, "Nhà", "Lan", null, "12 Lý Thái Tổ", null, "Hoàn Kiếm", "Hà Nội"));
        await host.SendAsync(new AddAddress(duplicate, "Công ty", "Lan", null, "5 Tràng Tiền", null, "Hoàn Kiếm", "Hà Nội"));
        await host.SendAsync(new RecordConsent(duplicate, "store", false, "store:HN01", "clerk@omnierp.vn"));
        // A real web order of the duplicate, through Orders: it must show under the survivor afterwards.
        var webOrder = await host.SendAsync(new PlaceOrder("web", "merge-web-1", [new OrderLineRequest(shirt, 1)], Fulfilment.Delivery, CustomerId: duplicate,
            DeliveryAddress: "5 Tràng Tiền, Hà Nội", PaymentMethod: PaymentMethods.Cod, PlacedBy: "test"));
        await host.DrainOutboxAsync();
        await host.SendAsync(new AddToCart(duplicate, shirt, 2, "web"));
        var totalPoints = await host.BalanceAsync(survivor.Id) + await host.BalanceAsync(duplicate);
        var ledgerRows = await host.ScalarAsync<long>("SELECT COUNT(*) FROM customers.points_ledger WHERE customer_id IN (@a, @b)", new { a = survivor.Id, b = duplicate });
        var consentRows = await host.ScalarAsync<long>("SELECT COUNT(*) FROM customers.consents WHERE customer_id IN (@a, @b)", new { a = survivor.Id, b = duplicate });

        var mergeId = await host.SendAsync(new ProposeMerge(survivor.Id, duplicate, "Same person: Lan gave her email at the store", "manager.hn@omnierp.vn"));
        var proposed = await host.SendAsync(new GetMerge(mergeId));
        Assert.Equal("Proposed", proposed!.Status);
        Assert.Equal(180, proposed.Preview.PointsToMove);
        Assert.Equal(2, proposed.Preview.CartLines);
        Assert.Equal(2, proposed.Preview.WishlistItems);
        Assert.Equal(4, proposed.Preview.CartUnits);
        Assert.Equal(1, proposed.Preview.Orders);
        Assert.Equal(1, proposed.Preview.Addresses);
        Assert.Equal(2, proposed.Preview.Consents); // sign-up + the clerk's
        Assert.Contains(proposed.Preview.ContactChanges, c => c.Contains("lan@example.vn moves"));
        Assert.Equal(totalPoints - 180, await host.BalanceAsync(survivor.Id)); // nothing moved yet

        var applied = await host.SendAsync(new ApplyMerge(mergeId, "admin@omnierp.vn"));

        Assert.Equal("Applied", applied.Status);
        Assert.Equal("admin@omnierp.vn", applied.DecidedBy);
        Assert.Equal(totalPoints, await host.BalanceAsync(survivor.Id));
        Assert.Equal(totalPoints, await host.LedgerSumAsync(survivor.Id));
        Assert.Equal(0, await host.BalanceAsync(duplicate));
        Assert.Equal(ledgerRows, await host.ScalarAsync<long>("SELECT COUNT(*) FROM customers.points_ledger WHERE customer_id = @Id", new { survivor.Id }));
        Assert.Equal(2L, await host.ScalarAsync<long>("SELECT COUNT(*) FROM customers.purchases WHERE customer_id = @Id", new { survivor.Id }));
        var cart = (await host.SendAsync(new FindCartByPhone("0920 000 040")))!;
        Assert.Equal(new[] { (shirt, 4), (jeans, 1) }.OrderBy(l => l.Item1, StringComparer.Ordinal), cart.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal).Select(l => (l.Sku, l.Quantity)));
        var wished = await host.QueryAsync<string>("SELECT sku FROM customers.wishlist_items WHERE customer_id = @Id ORDER BY sku", new { survivor.Id });
        Assert.Equal(new[] { cap, dress }.Order(StringComparer.Ordinal), wished.Order(StringComparer.Ordinal));
        var addresses = await host.SendAsync(new GetAddresses(survivor.Id));
        Assert.Equal(["12 Lý Thái Tổ", "5 Tràng Tiền"], addresses.Select(a => a.Line1));
        Assert.Single(addresses, a => a.IsDefault);
        Assert.Equal(consentRows, await host.ScalarAsync<long>("SELECT COUNT(*) FROM customers.consents WHERE customer_id = @Id", new { survivor.Id }));
        Assert.Contains((await host.SendAsync(new GetConsents(survivor.Id))).Current, c => c.Channel == "store" && !c.Granted && c.RecordedBy == "clerk@omnierp.vn");
        var page360 = (await host.SendAsync(new GetCustomer360(duplicate)))!;
        Assert.Equal(survivor.Id, page360.Profile.Id);
        Assert.Contains(page360.Orders!, o => o.Number == webOrder.Number);
        Assert.Contains("\"orders\":1", applied.Result);

        var merged = (await host.SendAsync(new GetCustomer(duplicate)))!;
        Assert.Equal(survivor.Id, merged.Id);
        Assert.Equal("lan@example.vn", merged.Email);
        Assert.Equal("+84920000040", merged.Phone);
        var channels = await host.QueryAsync<string>("SELECT channel FROM customers.customer_channels WHERE customer_id = @Id ORDER BY channel", new { survivor.Id });
        Assert.Equal(["store", "web"], channels);
        Assert.Equal(new CustomersMerged(survivor.Id, duplicate, now), Assert.Single(await host.OutboxEventsAsync<CustomersMerged>(), e => e.MergedId == duplicate));
        Assert.Equal(("Applied", "admin@omnierp.vn", now), (applied.Status, applied.DecidedBy, applied.DecidedAt)); // the audit on the merge row
        Assert.Equal("manager.hn@omnierp.vn", applied.ProposedBy);
        // The duplicate's password now opens the survivor's account.
        Assert.Equal(survivor.Id, (await host.SendAsync(new SignInCustomer("lan@example.vn", "mat-khau-2026"))).Tokens!.CustomerId);
    }

    [SkippableTheory, Databases]
    public async Task A_merge_is_applied_at_most_once_and_a_rejected_one_moves_nothing(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var a = await host.CustomerAsync("0912345678");
        var b = await host.CustomerAsync("0987654321");
        var c = await host.CustomerAsync("0977111222");
        await host.PublishAsync(Shop.Paid(b.Id, 1_000_000m, host.Clock.GetUtcNow()));

        var rejected = await host.SendAsync(new ProposeMerge(a.Id, b.Id, "typo", "clerk"));
        await Assert.ThrowsAsync<AppException>(() => host.SendAsync(new ProposeMerge(c.Id, b.Id, "again", "clerk")));
        Assert.True(await host.SendAsync(new RejectMerge(rejected, "manager")));
        await Assert.ThrowsAsync<AppException>(() => host.SendAsync(new ApplyMerge(rejected, "manager")));
        Assert.Equal(100, await host.BalanceAsync(b.Id));

        var merge = await host.SendAsync(new ProposeMerge(a.Id, b.Id, "same person", "clerk"));
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            try { await host.SendAsync(new ApplyMerge(merge, "manager")); return true; }
            catch (AppException) { return false; }
        })));
        Assert.Equal(1, results.Count(r => r));
        Assert.Equal(100, await host.BalanceAsync(a.Id));
        Assert.Equal(100, await host.LedgerSumAsync(a.Id));
        Assert.Single(await host.OutboxEventsAsync<CustomersMerged>());
        await Assert.ThrowsAsync<AppException>(() => host.SendAsync(new ProposeMerge(a.Id, b.Id, "again", "clerk")));
    }
}
