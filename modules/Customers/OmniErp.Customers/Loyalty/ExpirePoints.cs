using MediatR;
using Microsoft.Extensions.Options;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Customers.Loyalty;

/// <summary>Expires points older than the configured period (oldest first) and recomputes every tier. Safe to run any time, on any instance.</summary>
internal sealed record RunLoyaltySweep : ICommand<LoyaltySweepResult>;

internal sealed record LoyaltySweepResult(int CustomersExpired, long PointsExpired, int TiersChanged);

internal sealed class RunLoyaltySweepHandler(DbSession session, IOptions<CustomersOptions> options, TimeProvider clock) : IRequestHandler<RunLoyaltySweep, LoyaltySweepResult>
{
    public async Task<LoyaltySweepResult> Handle(RunLoyaltySweep request, CancellationToken cancellationToken)
    {
        var loyalty = options.Value.Loyalty;
        var now = clock.GetUtcNow();
        var cutoff = now.AddDays(-loyalty.ExpireAfterDays);
        var candidates = await session.QueryAsync<ExpiryRow>(
            """
            SELECT c.id AS CustomerId, c.points_balance AS Balance,
                   COALESCE((SELECT SUM(l.points) FROM customers.points_ledger l WHERE l.customer_id = c.id AND l.points > 0 AND l.occurred_at < @cutoff), 0) AS EarnedBeforeCutoff,
                   COALESCE((SELECT -SUM(l.points) FROM customers.points_ledger l WHERE l.customer_id = c.id AND l.points < 0), 0) AS DebitedSoFar
            FROM customers.customers c
            WHERE c.points_balance > 0 AND c.merged_into_id IS NULL
              AND EXISTS (SELECT 1 FROM customers.points_ledger l WHERE l.customer_id = c.id AND l.points > 0 AND l.occurred_at < @cutoff)
            """,
            new { cutoff }, cancellationToken);

        var customers = 0;
        long points = 0;
        foreach (var row in candidates)
        {
            var lapse = LoyaltyRules.PointsToExpire(row.EarnedBeforeCutoff, row.DebitedSoFar, row.Balance);
            if (lapse <= 0) continue;
            // Conditional debit: a redemption that ran meanwhile makes this one refuse rather than go negative.
            var after = await PointsLedger.DebitAsync(session, row.CustomerId, PointKinds.Expire, (int)lapse,
                $"expire:{row.CustomerId}:{now.UtcTicks}", null, now, cancellationToken);
            if (after is null or -1) throw new InvalidOperationException($"Points of customer {row.CustomerId} changed during expiry; run again.");
            customers++;
            points += lapse;
        }

        var tiers = await TierCalculator.RecalculateAsync(session, loyalty, now, null, cancellationToken);
        return new LoyaltySweepResult(customers, points, tiers);
    }

    private sealed class ExpiryRow
    {
        public long CustomerId { get; init; }
        public long Balance { get; init; }
        public long EarnedBeforeCutoff { get; init; }
        public long DebitedSoFar { get; init; }
    }
}
