using MediatR;
using Microsoft.Extensions.Options;
using OmniErp.Customers.Contracts;
using OmniErp.Customers.Profiles;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Customers.Loyalty;

internal sealed class GetLoyaltyStatusHandler(DbSession session, IOptions<CustomersOptions> options, TimeProvider clock) : IRequestHandler<GetLoyaltyStatus, LoyaltyStatus?>
{
    public async Task<LoyaltyStatus?> Handle(GetLoyaltyStatus request, CancellationToken cancellationToken)
    {
        if (await CustomerDirectory.LiveIdAsync(session, request.CustomerId, cancellationToken) is not { } id) return null;
        var loyalty = options.Value.Loyalty;
        var row = await session.QuerySingleOrDefaultAsync<StatusRow>(
            "SELECT points_balance AS Balance, tier AS Tier FROM customers.customers WHERE id = @id", new { id }, cancellationToken);
        if (row is null) return null;
        var spend = await TierCalculator.SpendAsync(session, loyalty, clock.GetUtcNow(), id, cancellationToken);
        return new LoyaltyStatus(id, row.Balance, LoyaltyRules.ValueOf(row.Balance, loyalty), loyalty.Currency, row.Tier, spend);
    }

    private sealed class StatusRow
    {
        public long Balance { get; init; }
        public string Tier { get; init; } = "";
    }
}

internal sealed record PointsEntry(long Id, string Kind, int Points, string Reference, long? OrderId, DateTimeOffset OccurredAt);

/// <summary>A customer's points ledger, newest first.</summary>
internal sealed record GetPointsLedger(long CustomerId, int Limit = 100) : IQuery<IReadOnlyList<PointsEntry>>;

internal sealed class GetPointsLedgerHandler(DbSession session) : IRequestHandler<GetPointsLedger, IReadOnlyList<PointsEntry>>
{
    public async Task<IReadOnlyList<PointsEntry>> Handle(GetPointsLedger request, CancellationToken cancellationToken) =>
        (await session.QueryAsync<EntryRow>(
            """
            SELECT id AS Id, kind AS Kind, points AS Points, reference AS Reference, order_id AS OrderId, occurred_at AS OccurredAt
            FROM customers.points_ledger WHERE customer_id = @CustomerId ORDER BY occurred_at DESC, id DESC LIMIT @Limit
            """, new { request.CustomerId, request.Limit }, cancellationToken))
        .Select(r => new PointsEntry(r.Id, r.Kind, r.Points, r.Reference, r.OrderId, r.OccurredAt)).ToList();

    private sealed class EntryRow
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public int Points { get; init; }
        public string Reference { get; init; } = "";
        public long? OrderId { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
    }
}

/// <summary>What the accountants carry as a liability: points outstanding and what they are worth.</summary>
internal sealed record LoyaltyLiability(long PointsOutstanding, decimal Value, string Currency, int Members, long PointsExpiringIn30Days, DateTimeOffset At);

internal sealed record GetLoyaltyLiability : IQuery<LoyaltyLiability>;

internal sealed class GetLoyaltyLiabilityHandler(DbSession session, IOptions<CustomersOptions> options, TimeProvider clock) : IRequestHandler<GetLoyaltyLiability, LoyaltyLiability>
{
    public async Task<LoyaltyLiability> Handle(GetLoyaltyLiability request, CancellationToken cancellationToken)
    {
        var loyalty = options.Value.Loyalty;
        var now = clock.GetUtcNow();
        var totals = await session.QuerySingleOrDefaultAsync<TotalsRow>(
            "SELECT COALESCE(SUM(points_balance), 0) AS Points, COUNT(*) AS Members FROM customers.customers WHERE points_balance > 0",
            ct: cancellationToken);
        // Lapsing within 30 days: the FIFO rule applied at a cut-off 30 days later.
        var soon = await session.QueryAsync<ExpiringRow>(
            """
            SELECT c.points_balance AS Balance,
                   COALESCE((SELECT SUM(l.points) FROM customers.points_ledger l WHERE l.customer_id = c.id AND l.points > 0 AND l.occurred_at < @cutoff), 0) AS Earned,
                   COALESCE((SELECT -SUM(l.points) FROM customers.points_ledger l WHERE l.customer_id = c.id AND l.points < 0), 0) AS Debited
            FROM customers.customers c WHERE c.points_balance > 0
            """, new { cutoff = now.AddDays(30 - loyalty.ExpireAfterDays) }, cancellationToken);
        var expiring = soon.Sum(r => LoyaltyRules.PointsToExpire(r.Earned, r.Debited, r.Balance));
        var points = totals?.Points ?? 0;
        return new LoyaltyLiability(points, LoyaltyRules.ValueOf(points, loyalty), loyalty.Currency, (int)(totals?.Members ?? 0), expiring, now);
    }

    private sealed class TotalsRow
    {
        public long Points { get; init; }
        public long Members { get; init; }
    }

    private sealed class ExpiringRow
    {
        public long Balance { get; init; }
        public long Earned { get; init; }
        public long Debited { get; init; }
    }
}
