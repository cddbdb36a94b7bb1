using OmniErp.Kernel.Data;

namespace OmniErp.Customers.Loyalty;

/// <summary>Tier = rolling 12-month spend (paid less refunded, loyalty currency), against the configured thresholds.</summary>
internal static class TierCalculator
{
    private const string SpendSql =
        """
        SELECT c.id AS CustomerId, c.tier AS Tier,
               COALESCE((SELECT SUM(p.amount - p.refunded) FROM customers.purchases p
                         WHERE p.customer_id = c.id AND p.paid_at >= @since AND p.currency = @Currency), 0) AS Spend
        FROM customers.customers c
        WHERE c.merged_into_id IS NULL
        """;

    public static async Task<decimal> SpendAsync(DbSession session, LoyaltyOptions loyalty, DateTimeOffset now, long customerId, CancellationToken ct) =>
        (await session.QuerySingleOrDefaultAsync<SpendRow>(SpendSql + " AND c.id = @customerId",
            new { since = now.AddMonths(-12), loyalty.Currency, customerId }, ct))?.Spend ?? 0m;

    /// <summary>Recomputes one customer's tier, or everyone's when <paramref name="customerId"/> is null; returns how many changed.</summary>
    public static async Task<int> RecalculateAsync(DbSession session, LoyaltyOptions loyalty, DateTimeOffset now, long? customerId, CancellationToken ct)
    {
        var rows = await session.QueryAsync<SpendRow>(SpendSql + (customerId is null ? "" : " AND c.id = @customerId"),
            new { since = now.AddMonths(-12), loyalty.Currency, customerId }, ct);
        var changed = 0;
        foreach (var row in rows)
        {
            var tier = LoyaltyRules.TierFor(row.Spend, loyalty);
            if (tier == row.Tier) continue;
            changed += await session.ExecuteAsync("UPDATE customers.customers SET tier = @tier, updated_at = @now WHERE id = @CustomerId",
                new { tier, now, row.CustomerId }, ct);
        }
        return changed;
    }

    private sealed class SpendRow
    {
        public long CustomerId { get; init; }
        public string Tier { get; init; } = "";
        public decimal Spend { get; init; }
    }
}
