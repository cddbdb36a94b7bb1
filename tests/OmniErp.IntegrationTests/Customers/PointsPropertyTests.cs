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

    private abstract record ConcurrentOp;
    private sealed record EarnNow(int Amount) : ConcurrentOp;
    private sealed record RedeemNow(int Points, bool Twice) : ConcurrentOp;
    private sealed record RestoreNow(int RedeemIndex) : ConcurrentOp;

    private static readonly Gen<ConcurrentOp> ConcurrentOps = Gen.Frequency(
        (3, Gen.Choose(10_000, 2_000_000).Select(a => (ConcurrentOp)new EarnNow(a))),
        (5, Gen.Choose(1, 120).SelectMany(p => Gen.Elements(false, true), (p, twice) => (ConcurrentOp)new RedeemNow(p, twice))),
        (2, Gen.Choose(0, 10).Select(i => (ConcurrentOp)new RestoreNow(i))));

    [SkippableTheory, Databases]
    public async Task Under_concurrent_earns_redeems_and_restores_the_balance_is_the_ledger_sum_and_every_point_is_accounted_for(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var customerNumber = 0;
        var failures = new List<string>();

        var property = Prop.ForAll(Gen.ListOf(ConcurrentOps).Select(l => l.Take(16).ToList()).ToArbitrary(), ops =>
        {
            var phone = $"09{20_000_000 + Interlocked.Increment(ref customerNumber):D8}";
            var problem = RunConcurrentlyAsync(host, phone, ops).GetAwaiter().GetResult();
            if (problem is not null) failures.Add(problem);
            return problem is null;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(db == Db.Postgres ? 10 : 15), property);

        Assert.Empty(failures);
    }

    /// <summary>
    /// Starts every operation at once (each in its own scope and transaction): earns arrive as OrderPaid events,
    /// redemptions race each other (some sent twice with the same reference, as a retrying checkout would), and
    /// restores race the redemptions they undo. Afterwards the balance must equal the ledger, never be negative, and
    /// equal points earned − points of the redemptions that succeeded (once per reference) + points restored.
    /// </summary>
    private static async Task<string?> RunConcurrentlyAsync(CustomersHost host, string phone, IReadOnlyList<ConcurrentOp> ops)
    {
        var customer = await host.SendAsync(new FindOrCreateCustomer(phone, null, null, "web"));
        await host.PublishAsync(Shop.Paid(customer.Id, 500_000m, host.Clock.GetUtcNow())); // 50 points to start with
        var earned = 50L;
        var redeemed = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var unexpected = new System.Collections.Concurrent.ConcurrentBag<string>();
        var tasks = new List<Task>();
        for (var i = 0; i < ops.Count; i++)
        {
            var reference = $"{phone}-R{i}";
            switch (ops[i])
            {
                case EarnNow e:
                    earned += e.Amount / 10_000;
                    tasks.Add(Task.Run(() => host.PublishAsync(Shop.Paid(customer.Id, e.Amount, host.Clock.GetUtcNow()))));
                    break;
                case RedeemNow r:
                    foreach (var _ in Enumerable.Range(0, r.Twice ? 2 : 1))
                        tasks.Add(Task.Run(async () =>
                        {
                            try
                            {
                                var done = await host.SendAsync(new RedeemPoints(customer.Id, r.Points, reference));
                                if (done.Points != r.Points) unexpected.Add($"{reference} answered {done.Points} points");
                                redeemed.TryAdd(reference, r.Points);
                            }
                            catch (AppException ex) when (ex.Kind is ErrorKind.Conflict or ErrorKind.Validation) { }
                        }));
                    break;
                case RestoreNow rs:
                    var target = $"{phone}-R{rs.RedeemIndex}";
                    tasks.Add(Task.Run(async () =>
                    {
                        try { await host.SendAsync(new RestoreRedeemedPoints(target)); }
                        catch (AppException) { }
                    }));
                    break;
            }
        }
        await Task.WhenAll(tasks);
        await host.DrainOutboxAsync();
        if (!unexpected.IsEmpty) return string.Join("; ", unexpected);

        var balance = await host.BalanceAsync(customer.Id);
        var ledger = await host.LedgerSumAsync(customer.Id);
        var restored = await host.ScalarAsync<long>("SELECT COALESCE(SUM(points), 0) FROM customers.points_ledger WHERE customer_id = @Id AND kind = 'Restore'", new { customer.Id });
        var debited = -await host.ScalarAsync<long>("SELECT COALESCE(SUM(points), 0) FROM customers.points_ledger WHERE customer_id = @Id AND kind = 'Redeem'", new { customer.Id });
        if (balance < 0 || balance != ledger) return $"{string.Join(", ", ops)}: balance {balance}, ledger {ledger}";
        if (debited != redeemed.Values.Sum()) return $"{string.Join(", ", ops)}: ledger debits {debited}, redemptions that succeeded {redeemed.Values.Sum()}";
        if (balance != earned - debited + restored) return $"{string.Join(", ", ops)}: balance {balance}, expected {earned} - {debited} + {restored}";
        if (restored > debited) return $"restored {restored} more than was redeemed ({debited})";
        var errors = await host.OutboxErrorsAsync();
        return errors.Count > 0 ? string.Join("; ", errors) : null;
    }
}
