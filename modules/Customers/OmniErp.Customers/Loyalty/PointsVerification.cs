using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MediatR;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Modules;

namespace OmniErp.Customers.Loyalty;

/// <summary><c>verify</c>: every customer's points balance equals the sum of their ledger.</summary>
internal sealed class PointsVerification(DbSession session) : IVerification
{
    public string Name => "customers: points balance = sum of ledger";

    public async Task<IReadOnlyList<string>> VerifyAsync(CancellationToken ct) =>
        (await session.QueryAsync<DriftRow>(
            """
            SELECT c.id AS CustomerId, c.points_balance AS Balance, COALESCE(l.total, 0) AS Ledger
            FROM customers.customers c
            LEFT JOIN (SELECT customer_id, SUM(points) AS total FROM customers.points_ledger GROUP BY customer_id) l ON l.customer_id = c.id
            WHERE c.points_balance <> COALESCE(l.total, 0)
            ORDER BY c.id
            """, ct: ct))
        .Select(r => $"customer {r.CustomerId}: balance {r.Balance} but ledger sums to {r.Ledger}").ToList();

    private sealed class DriftRow
    {
        public long CustomerId { get; init; }
        public long Balance { get; init; }
        public long Ledger { get; init; }
    }
}

/// <summary><c>loyalty-sweep</c>: expire lapsed points and recompute tiers now.</summary>
internal sealed class LoyaltySweepVerb(IMediator mediator) : ICliVerb
{
    public string Name => "loyalty-sweep";
    public string Description => "expire lapsed loyalty points and recompute customer tiers";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken ct)
    {
        var result = await mediator.Send(new RunLoyaltySweep(), ct);
        await output.WriteLineAsync($"Expired {result.PointsExpired} point(s) of {result.CustomersExpired} customer(s); {result.TiersChanged} tier(s) changed.");
        return 0;
    }
}

/// <summary>Runs the loyalty sweep periodically; harmless on several instances (each debit is conditional and referenced).</summary>
internal sealed class LoyaltySweeper(IServiceScopeFactory scopes, IOptions<CustomersOptions> options, ILogger<LoyaltySweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Loyalty.SweepInterval;
        if (interval <= TimeSpan.Zero) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await Task.Delay(interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RunLoyaltySweep(), stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(ex, "Loyalty sweep failed; retrying at the next interval");
            }
        }
    }
}
