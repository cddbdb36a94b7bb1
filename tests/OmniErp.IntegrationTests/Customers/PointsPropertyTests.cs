using FsCheck;
using FsCheck.Fluent;
using OmniErp.Customers.Contracts;
using OmniErp.Customers.Loyalty;
using OmniErp.IntegrationTests.Customers.Support;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Errors;
using OmniErp.Orders.Contracts;

namespace OmniErp.IntegrationTests.Customers;

/// <summary>Random histories of earns, redemptions, returns and expiry against the real database.</summary>
public sealed class PointsPropertyTests
{
    private abstract record Op;
    private sealed record Earn(int Amount) : Op;
    private sealed record Redeem(int Points) : Op;
    private sealed record Return(int OrderIndex, int Percent) : Op;
    private sealed record Age(int Days) : Op;

    private static readonly Gen<Op> Ops = Gen.Frequency(
        (4, Gen.Choose(5_000, 3_000_000).Select(a => (Op)new Earn(a))),
        (4, Gen.Choose(1, 200).Select(p => (Op)new Redeem(p))),
        (2, Gen.Choose(0, 20).SelectMany(i => Gen.Choose(1, 100), (i, p) => (Op)new Return(i, p))),
        (1, Gen.Choose(30, 400).Select(d => (Op)new Age(d))));

    [SkippableTheory, Databases]
    public async Task Whatever_happens_the_balance_equals_the_ledger_never_goes_negative_and_a_redemption_is_refused_only_when_short(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var customerNumber = 0;
        var failures = new List<string>();

        var property = Prop.ForAll(Gen.ListOf(Ops).Select(l => l.Take(25).ToList()).ToArbitrary(), ops =>
        {
            var phone = $"09{10_000_000 + Interlocked.Increment(ref customerNumber):D8}";
            var problem = RunAsync(host, phone, ops).GetAwaiter().GetResult();
            if (problem is not null) failures.Add(problem);
            return problem is null;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(db == Db.Postgres ? 15 : 25), property);

        Assert.Empty(failures);
    }

    private static async Task<string?> RunAsync(CustomersHost host, string phone, IReadOnlyList<Op> ops)
    {
        var customer = await host.SendAsync(new FindOrCreateCustomer(phone, null, null, "web"));
        var orders = new List<OrderPaid>();
        var step = 0;
        foreach (var op in ops)
        {
            step++;
            switch (op)
            {
                case Earn e:
                    var paid = Shop.Paid(customer.Id, e.Amount, host.Clock.GetUtcNow());
                    orders.Add(paid);
                    await host.PublishAsync(paid);
                    break;
                case Redeem r:
                    var before = await host.BalanceAsync(customer.Id);
                    try
                    {
                        await host.SendAsync(new RedeemPoints(customer.Id, r.Points, $"{phone}-{step}"));
                        if (before < r.Points) return $"redeemed {r.Points} with only {before}";
                    }
                    catch (AppException) when (before < r.Points) { }
                    catch (AppException ex) { return $"refused {r.Points} with {before}: {ex.Message}"; }
                    break;
                case Return ret when orders.Count > 0:
                    var order = orders[ret.OrderIndex % orders.Count];
                    await host.PublishAsync(Shop.Returned(order, decimal.Round(order.AmountPaid * ret.Percent / 100m), host.Clock.GetUtcNow().AddTicks(step)));
                    break;
                case Age a:
                    host.Clock.Advance(TimeSpan.FromDays(a.Days));
                    await host.SendAsync(new RunLoyaltySweep());
                    break;
            }
            var balance = await host.BalanceAsync(customer.Id);
            var ledger = await host.LedgerSumAsync(customer.Id);
            if (balance < 0 || balance != ledger) return $"after {op}: balance {balance}, ledger {ledger}";
        }
        var errors = await host.OutboxErrorsAsync();
        return errors.Count > 0 ? string.Join("; ", errors) : null;
    }
}
