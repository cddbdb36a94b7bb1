using OmniErp.Customers.Contracts;
using OmniErp.Customers.Loyalty;
using OmniErp.IntegrationTests.Customers.Support;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Modules;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace OmniErp.IntegrationTests.Customers;

public sealed class LoyaltyTests
{
    [SkippableTheory, Databases]
    public async Task A_paid_order_on_any_channel_earns_points_once_even_when_the_event_comes_twice(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var lan = await host.CustomerAsync("0912345678");
        var now = host.Clock.GetUtcNow();
        var web = Shop.Paid(lan.Id, 259_000m, now, "web");
        await host.PublishAsync(web);
        await host.PublishAsync(web); // redelivered as a new outbox row: the purchase and the ledger reference are unique
        await host.PublishAsync(Shop.Paid(lan.Id, 1_000_000m, now, "store"), Shop.Paid(lan.Id, 50_000m, now, "shopee"));

        Assert.Empty(await host.OutboxErrorsAsync());
        Assert.Equal(25 + 100 + 5, await host.BalanceAsync(lan.Id));
        Assert.Equal(await host.BalanceAsync(lan.Id), await host.LedgerSumAsync(lan.Id));
        var status = await host.SendAsync(new GetLoyaltyStatus(lan.Id));
        Assert.Equal(130 * 100m, status!.Value);
        Assert.Equal(1_309_000m, status.Spend12Months);
    }

    [SkippableTheory, Databases]
    public async Task Redeeming_debits_atomically_and_refuses_more_than_the_balance(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var lan = await host.CustomerAsync("0912345678");
        await host.PublishAsync(Shop.Paid(lan.Id, 1_000_000m, host.Clock.GetUtcNow()));

        var redemption = await host.SendAsync(new RedeemPoints(lan.Id, 60, "SO-2001"));
        Assert.Equal(40, redemption.BalanceAfter);
        Assert.Equal(6_000m, redemption.Value);
        var again = await host.SendAsync(new RedeemPoints(lan.Id, 60, "SO-2001"));
        Assert.Equal(40, again.BalanceAfter);

        var ex = await Assert.ThrowsAsync<AppException>(() => host.SendAsync(new RedeemPoints(lan.Id, 41, "SO-2002")));
        Assert.Equal("POINTS_INSUFFICIENT", ex.Errors[0].Code);
        Assert.Equal(40, await host.BalanceAsync(lan.Id));
        Assert.Equal(40, await host.LedgerSumAsync(lan.Id));

        Assert.Equal(60, await host.SendAsync(new RestoreRedeemedPoints("SO-2001")));
        Assert.Equal(0, await host.SendAsync(new RestoreRedeemedPoints("SO-2001")));
        Assert.Equal(100, await host.BalanceAsync(lan.Id));
    }

    [SkippableTheory, Databases]
    public async Task Concurrent_earns_and_redeems_keep_the_balance_equal_to_the_ledger_and_never_negative(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var lan = await host.CustomerAsync("0912345678");
        await host.PublishAsync(Shop.Paid(lan.Id, 500_000m, host.Clock.GetUtcNow()));

        var refused = 0;
        var redeemed = 0;
        var tasks = new List<Task>();
        for (var i = 0; i < 40; i++)
        {
            var n = i;
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    await host.SendAsync(new RedeemPoints(lan.Id, 7, $"R-{n}"));
                    Interlocked.Add(ref redeemed, 7);
                }
                catch (AppException) { Interlocked.Increment(ref refused); }
            }));
            if (i % 4 == 0) tasks.Add(Task.Run(() => host.PublishAsync(Shop.Paid(lan.Id, 100_000m, host.Clock.GetUtcNow()))));
        }
        await Task.WhenAll(tasks);
        await host.DrainOutboxAsync();

        var balance = await host.BalanceAsync(lan.Id);
        Assert.Empty(await host.OutboxErrorsAsync());
        Assert.True(balance >= 0);
        Assert.Equal(balance, await host.LedgerSumAsync(lan.Id));
        Assert.Equal(50 + 10 * 10 - redeemed, balance);
        Assert.True(refused > 0, "the scenario should exhaust the balance at least once");
        Assert.Empty(await Verify(host));
    }

    [SkippableTheory, Databases]
    public async Task A_return_takes_back_the_points_of_the_refunded_share_and_a_full_return_all_of_them(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var lan = await host.CustomerAsync("0912345678");
        var paid = Shop.Paid(lan.Id, 1_000_000m, host.Clock.GetUtcNow());
        await host.PublishAsync(paid);

        await host.PublishAsync(Shop.Returned(paid, 250_000m, host.Clock.GetUtcNow().AddDays(1)));
        Assert.Equal(75, await host.BalanceAsync(lan.Id));
        await host.PublishAsync(Shop.Returned(paid, 750_000m, host.Clock.GetUtcNow().AddDays(2)));
        Assert.Equal(0, await host.BalanceAsync(lan.Id));
        Assert.Equal(0, await host.LedgerSumAsync(lan.Id));
        Assert.Equal(0m, (await host.SendAsync(new GetLoyaltyStatus(lan.Id)))!.Spend12Months);
    }

    [SkippableTheory, Databases]
    public async Task A_return_after_the_points_were_spent_takes_only_what_is_left(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var lan = await host.CustomerAsync("0912345678");
        var paid = Shop.Paid(lan.Id, 1_000_000m, host.Clock.GetUtcNow());
        await host.PublishAsync(paid);
        await host.SendAsync(new RedeemPoints(lan.Id, 80, "SO-9"));

        await host.PublishAsync(Shop.Returned(paid, 1_000_000m, host.Clock.GetUtcNow()));

        Assert.Empty(await host.OutboxErrorsAsync());
        Assert.Equal(0, await host.BalanceAsync(lan.Id));
        Assert.Equal(0, await host.LedgerSumAsync(lan.Id));
    }

    [SkippableTheory, Databases]
    public async Task Points_lapse_after_the_configured_period_oldest_first(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var lan = await host.CustomerAsync("0912345678");
        var start = host.Clock.GetUtcNow();
        await host.PublishAsync(Shop.Paid(lan.Id, 1_000_000m, start));                 // 100 points, day 0
        await host.SendAsync(new RedeemPoints(lan.Id, 30, "SO-1"));                   // spends 30 of them
        await host.PublishAsync(Shop.Paid(lan.Id, 500_000m, start.AddDays(200)));      // 50 points, day 200

        host.Clock.Advance(TimeSpan.FromDays(366));
        var sweep = await host.SendAsync(new RunLoyaltySweep());
        Assert.Equal(70, sweep.PointsExpired);
        Assert.Equal(50, await host.BalanceAsync(lan.Id));

        var again = await host.SendAsync(new RunLoyaltySweep());
        Assert.Equal(0, again.PointsExpired);

        host.Clock.Advance(TimeSpan.FromDays(200));
        await host.SendAsync(new RunLoyaltySweep());
        Assert.Equal(0, await host.BalanceAsync(lan.Id));
        Assert.Equal(0, await host.LedgerSumAsync(lan.Id));
    }

    [SkippableTheory, Databases]
    public async Task The_tier_follows_rolling_twelve_month_spend_up_and_down(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var lan = await host.CustomerAsync("0912345678");
        await host.PublishAsync(Shop.Paid(lan.Id, 6_000_000m, host.Clock.GetUtcNow()));
        Assert.Equal("Silver", (await host.SendAsync(new GetCustomer(lan.Id)))!.Tier);
        await host.PublishAsync(Shop.Paid(lan.Id, 10_000_000m, host.Clock.GetUtcNow().AddDays(100)));
        host.Clock.Advance(TimeSpan.FromDays(100));
        Assert.Equal("Gold", (await host.SendAsync(new GetCustomer(lan.Id)))!.Tier);

        host.Clock.Advance(TimeSpan.FromDays(300));
        await host.SendAsync(new RunLoyaltySweep());
        Assert.Equal("Silver", (await host.SendAsync(new GetCustomer(lan.Id)))!.Tier);
    }

    [SkippableTheory, Databases]
    public async Task The_liability_is_the_points_outstanding_and_their_money_value(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var a = await host.CustomerAsync("0912345678");
        var b = await host.CustomerAsync("0987654321");
        await host.PublishAsync(Shop.Paid(a.Id, 1_000_000m, host.Clock.GetUtcNow()), Shop.Paid(b.Id, 2_500_000m, host.Clock.GetUtcNow()));
        await host.SendAsync(new RedeemPoints(b.Id, 50, "SO-7"));

        var liability = await host.SendAsync(new GetLoyaltyLiability());
        Assert.Equal(100 + 250 - 50, liability.PointsOutstanding);
        Assert.Equal(300 * 100m, liability.Value);
        Assert.Equal(2, liability.Members);
    }

    [SkippableTheory, Databases]
    public async Task Verify_reports_a_balance_that_drifted_from_its_ledger(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var lan = await host.CustomerAsync("0912345678");
        await host.PublishAsync(Shop.Paid(lan.Id, 1_000_000m, host.Clock.GetUtcNow()));
        Assert.Empty(await Verify(host));

        await host.ExecuteAsync("UPDATE customers.customers SET points_balance = points_balance + 5 WHERE id = @Id", new { lan.Id });
        var findings = await Verify(host);
        Assert.Single(findings);
        Assert.Contains("balance 105 but ledger sums to 100", findings[0]);
    }

    private static Task<IReadOnlyList<string>> Verify(CustomersHost host) =>
        host.WithScopeAsync(async sp =>
        {
            var all = new List<string>();
            foreach (var check in sp.GetServices<IVerification>().OfType<PointsVerification>()) all.AddRange(await check.VerifyAsync(CancellationToken.None));
            return (IReadOnlyList<string>)all;
        });
}
