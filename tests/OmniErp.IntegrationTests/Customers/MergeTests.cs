using OmniErp.Customers.Accounts;
using OmniErp.Customers.Carts;
using OmniErp.Customers.Contracts;
using OmniErp.Customers.CustomerMerges;
using OmniErp.Customers.Wishlists;
using OmniErp.IntegrationTests.Customers.Support;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Errors;
using Xunit;

namespace OmniErp.IntegrationTests.Customers;

public sealed class MergeTests
{
    [SkippableTheory, Databases]
    public async Task A_reviewed_merge_moves_points_purchases_cart_wishlist_and_contacts_and_loses_nothing(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var now = host.Clock.GetUtcNow();
        var survivor = await host.CustomerAsync("0912345678", "Nguyễn Thị Lan", "store");
        var duplicate = (await host.SendAsync(new RegisterCustomer("Lan Nguyen", null, "lan@example.vn", "mat-khau-2026", "web"))).CustomerId;
        await host.PublishAsync(Shop.Paid(survivor.Id, 1_000_000m, now, "store"), Shop.Paid(duplicate, 2_000_000m, now, "web"));
        await host.SendAsync(new RedeemPoints(duplicate, 20, "SO-5"));
        await host.SendAsync(new AddToCart(survivor.Id, "AO-001-M", 1, "store"));
        await host.SendAsync(new AddToCart(duplicate, "AO-001-M", 2, "web"));
        await host.SendAsync(new AddToCart(duplicate, "QUAN-002-L", 1, "web"));
        await host.SendAsync(new AddToWishlist(duplicate, "VAY-003-S", "web"));
        await host.SendAsync(new AddToWishlist(survivor.Id, "VAY-003-S", "store"));
        await host.SendAsync(new AddToWishlist(duplicate, "MU-004", "web"));
        var totalPoints = await host.BalanceAsync(survivor.Id) + await host.BalanceAsync(duplicate);
        var ledgerRows = await host.ScalarAsync<long>("SELECT COUNT(*) FROM customers.points_ledger");

        var mergeId = await host.SendAsync(new ProposeMerge(survivor.Id, duplicate, "Same person: Lan gave her email at the store", "manager.hn@omnierp.vn"));
        var proposed = await host.SendAsync(new GetMerge(mergeId));
        Assert.Equal("Proposed", proposed!.Status);
        Assert.Equal(180, proposed.Preview.PointsToMove);
        Assert.Equal(2, proposed.Preview.CartLines);
        Assert.Equal(2, proposed.Preview.WishlistItems);
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
        var cart = (await host.SendAsync(new FindCartByPhone("0912 345 678")))!;
        Assert.Equal([("AO-001-M", 3), ("QUAN-002-L", 1)], cart.Lines.OrderBy(l => l.Sku).Select(l => (l.Sku, l.Quantity)));
        var wished = await host.QueryAsync<string>("SELECT sku FROM customers.wishlist_items WHERE customer_id = @Id ORDER BY sku", new { survivor.Id });
        Assert.Equal(["MU-004", "VAY-003-S"], wished);

        var merged = (await host.SendAsync(new GetCustomer(duplicate)))!;
        Assert.Equal(survivor.Id, merged.Id);
        Assert.Equal("lan@example.vn", merged.Email);
        Assert.Equal("+84912345678", merged.Phone);
        var channels = await host.QueryAsync<string>("SELECT channel FROM customers.customer_channels WHERE customer_id = @Id ORDER BY channel", new { survivor.Id });
        Assert.Equal(["store", "web"], channels);
        Assert.Equal(new CustomersMerged(survivor.Id, duplicate, now), Assert.Single(await host.OutboxEventsAsync<CustomersMerged>()));
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
