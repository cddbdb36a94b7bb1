using OmniErp.Customers.Contracts;
using OmniErp.Kernel.Data;

namespace OmniErp.Customers.Profiles;

/// <summary>The few lookups every customer slice shares: by phone/email, by id (following merges), channel use.</summary>
internal static class CustomerDirectory
{
    public const string SummaryColumns =
        """id AS Id, name AS Name, phone AS Phone, email AS Email, group_code AS "Group", tier AS Tier""";

    public static async Task<CustomerSummary?> SummaryAsync(DbSession session, long id, CancellationToken ct) =>
        (await session.QuerySingleOrDefaultAsync<SummaryRow>(
            $"SELECT {SummaryColumns} FROM customers.customers WHERE id = @id AND merged_into_id IS NULL", new { id }, ct))?.ToSummary();

    /// <summary>The live customer an id stands for (itself, or the customer it was merged into), in one statement.</summary>
    public static async Task<CustomerSummary?> LiveSummaryAsync(DbSession session, long id, CancellationToken ct) =>
        (await session.QuerySingleOrDefaultAsync<SummaryRow>(LiveSummarySql, new { id }, ct))?.ToSummary();

    public const string LiveSummarySql = $"""
        SELECT {SummaryColumns} FROM customers.customers
        WHERE id = (SELECT COALESCE(merged_into_id, id) FROM customers.customers WHERE id = @id) AND merged_into_id IS NULL
        """;

    /// <summary>The live customer an id now stands for: itself, or the customer it was merged into; null when unknown.</summary>
    public static Task<long?> LiveIdAsync(DbSession session, long id, CancellationToken ct) =>
        session.ExecuteScalarAsync<long?>(
            "SELECT COALESCE(merged_into_id, id) FROM customers.customers WHERE id = @id", new { id }, ct);

    /// <summary>
    /// The customer with this phone, else the one with this email (phone is how Vietnamese stores know a customer, so
    /// it wins when the two point at different people).
    /// </summary>
    public static async Task<Match?> ResolveAsync(DbSession session, string? phone, string? email, CancellationToken ct)
    {
        if (phone is null && email is null) return null;
        var rows = (await session.QueryAsync<Match>(
            "SELECT id AS Id, phone AS Phone, email AS Email, password_hash IS NOT NULL AS HasPassword FROM customers.customers WHERE phone = @phone OR email = @email",
            new { phone, email }, ct)).ToList();
        return rows.FirstOrDefault(r => phone is not null && r.Phone == phone) ?? rows.FirstOrDefault();
    }

    /// <summary>Records that the customer used a channel (first and last time seen).</summary>
    public static Task TouchChannelAsync(DbSession session, long customerId, string channel, DateTimeOffset at, CancellationToken ct) =>
        session.ExecuteAsync(
            """
            INSERT INTO customers.customer_channels AS cc (customer_id, channel, first_seen_at, last_seen_at)
            VALUES (@customerId, @channel, @at, @at)
            ON CONFLICT (customer_id, channel) DO UPDATE SET
                first_seen_at = CASE WHEN excluded.first_seen_at < cc.first_seen_at THEN excluded.first_seen_at ELSE cc.first_seen_at END,
                last_seen_at = CASE WHEN excluded.last_seen_at > cc.last_seen_at THEN excluded.last_seen_at ELSE cc.last_seen_at END
            """,
            new { customerId, channel, at }, ct);

    /// <summary><c> FOR UPDATE</c> on PostgreSQL; SQLite already serialises writers (BEGIN IMMEDIATE).</summary>
    public static string ForUpdate(DbSession session) => session.Dialect.IsPostgres ? " FOR UPDATE" : "";

    public sealed class Match
    {
        public long Id { get; init; }
        public string? Phone { get; init; }
        public string? Email { get; init; }
        public bool HasPassword { get; init; }
    }

    /// <summary>Dapper maps rows to settable properties with conversions (SQLite integers, PostgreSQL booleans).</summary>
    public sealed class SummaryRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string? Phone { get; init; }
        public string? Email { get; init; }
        public string? Group { get; init; }
        public string? Tier { get; init; }
        public CustomerSummary ToSummary() => new(Id, Name, Phone, Email, Group, Tier);
    }
}
