using MediatR;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Customers.Contracts;
using OmniErp.Customers.CustomerMerges;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Outbox;

namespace OmniErp.IntegrationTests.Orders;

public sealed class CustomerMergeTests
{
    [SkippableTheory, Databases]
    public async Task A_merge_moves_the_duplicates_orders_to_the_survivor_once_however_often_the_event_arrives(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var sku = (await app.SkusAsync(1))[0];
        await app.SetAvailableAsync(sku, "HN01", 10);
        var a = await app.SendAsync(OrdersTestApp.Pos("merge-a", "HN01", "0355 000 401", (sku, 1)));
        var b1 = await app.SendAsync(OrdersTestApp.Pos("merge-b1", "HN01", "0355 000 402", (sku, 1)));
        var b2 = await app.SendAsync(OrdersTestApp.Pos("merge-b2", "HN01", "0355 000 402", (sku, 2)));
        var (survivor, duplicate) = (a.CustomerId!.Value, b1.CustomerId!.Value);

        var mergeId = await app.SendAsync(new ProposeMerge(survivor, duplicate, "Same person, two phones", "manager.hn@omnierp.vn"));
        await app.SendAsync(new ApplyMerge(mergeId, "admin@omnierp.vn"));
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await app.CountAsync("SELECT COUNT(*) FROM orders.orders WHERE customer_id = @duplicate", new { duplicate }) > 0 && DateTime.UtcNow < deadline)
            if (await dispatcher.DispatchBatchAsync() == 0) await Task.Delay(100);
        // Redelivery (at-least-once) and a replay of the same fact: nothing more moves, nothing breaks.
        await app.InScopeAsync(sp => sp.GetRequiredService<IMediator>().Publish(new CustomersMerged(survivor, duplicate, DateTimeOffset.UtcNow)));
        await app.InScopeAsync(sp => sp.GetRequiredService<IMediator>().Publish(new CustomersMerged(survivor, duplicate, DateTimeOffset.UtcNow)));

        Assert.Equal(0, await app.CountAsync("SELECT COUNT(*) FROM orders.orders WHERE customer_id = @duplicate", new { duplicate }));
        var owned = (await app.QueryAsync<string>("SELECT number FROM orders.orders WHERE customer_id = @survivor ORDER BY number", new { survivor })).ToList();
        Assert.Equal(new[] { a.Number, b1.Number, b2.Number }.Order(StringComparer.Ordinal), owned);
    }
}
