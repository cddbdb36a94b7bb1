using OmniErp.Kernel.Data;

namespace OmniErp.Customers.Loyalty;

internal static class PointKinds
{
    public const string Earn = "Earn";
    public const string Redeem = "Redeem";
    public const string Restore = "Restore";
    public const string Expire = "Expire";
    public const string Reverse = "Reverse";
    public const string Adjust = "Adjust";
}

/// <summary>
/// Writes the points ledger and the cached balance together, in the caller's transaction. The balance only moves
/// with an entry, and a debit is one conditional statement (<c>WHERE points_balance &gt;= @points</c>), so the balance
/// equals the sum of the ledger and never goes negative, however many earns and redeems run at once.
/// </summary>
internal static class PointsLedger
{
    /// <summary>Adds an entry unless one with this reference exists (idempotent); false when it already existed.</summary>
    public static async Task<bool> TryInsertEntryAsync(DbSession session, long customerId, string kind, int points, string reference, long? orderId, DateTimeOffset at, CancellationToken ct)
    {
        var inserted = await session.ExecuteAsync(
            """
            INSERT INTO customers.points_ledger (customer_id, kind, points, reference, order_id, occurred_at)
            VALUES (@customerId, @kind, @points, @reference, @orderId, @at)
            ON CONFLICT (reference) DO NOTHING
            """,
            new { customerId, kind, points, reference, orderId, at }, ct);
        return inserted == 1;
    }

    /// <summary>Credits points (earn, restore); idempotent per reference. Returns whether it was credited now.</summary>
    public static async Task<bool> CreditAsync(DbSession session, long customerId, string kind, int points, string reference, long? orderId, DateTimeOffset at, CancellationToken ct)
    {
        if (points <= 0) return false;
        if (!await TryInsertEntryAsync(session, customerId, kind, points, reference, orderId, at, ct)) return false;
        await session.ExecuteAsync(
            "UPDATE customers.customers SET points_balance = points_balance + @points, updated_at = @at WHERE id = @customerId",
            new { customerId, points, at }, ct);
        return true;
    }

    /// <summary>
    /// Debits points when the balance covers them; idempotent per reference. Null when the balance is short (the
    /// caller refuses and its transaction rolls the entry back); otherwise the balance after (or -1 when the
    /// reference was already debited).
    /// </summary>
    public static async Task<long?> DebitAsync(DbSession session, long customerId, string kind, int points, string reference, long? orderId, DateTimeOffset at, CancellationToken ct)
    {
        if (points <= 0) throw new ArgumentOutOfRangeException(nameof(points));
        if (!await TryInsertEntryAsync(session, customerId, kind, -points, reference, orderId, at, ct)) return -1;
        return await session.ExecuteScalarAsync<long?>(
            """
            UPDATE customers.customers SET points_balance = points_balance - @points, updated_at = @at
            WHERE id = @customerId AND points_balance >= @points
            RETURNING points_balance
            """,
            new { customerId, points, at }, ct);
    }

    /// <summary>Locks the customer's row (PostgreSQL) and reads the balance, for a debit capped at what is there.</summary>
    public static Task<long> LockBalanceAsync(DbSession session, long customerId, CancellationToken ct) =>
        session.ExecuteScalarAsync<long>(
            "SELECT points_balance FROM customers.customers WHERE id = @customerId" + Profiles.CustomerDirectory.ForUpdate(session),
            new { customerId }, ct);
}
