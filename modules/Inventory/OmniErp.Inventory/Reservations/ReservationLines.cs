using OmniErp.Inventory.Contracts;
using OmniErp.Inventory.Data;
using OmniErp.Kernel.Data;

namespace OmniErp.Inventory.Reservations;

internal static class ReservationStore
{
    public static async Task<IReadOnlyList<StockLine>> LinesAsync(DbSession session, string id, CancellationToken ct) =>
        (await session.QueryAsync<LineRow>(
            "SELECT sku AS Sku, quantity AS Quantity FROM inventory.reservation_lines WHERE reservation_id = @Id ORDER BY sku",
            new { Id = id }, ct)).Select(r => new StockLine(r.Sku, r.Quantity)).ToList();

    public static Task<HeaderRow?> FindAsync(DbSession session, string id, CancellationToken ct) =>
        session.QuerySingleOrDefaultAsync<HeaderRow>(
            """
            SELECT id AS Id, channel AS Channel, location AS Location, reference AS Reference, status AS Status, expires_at AS ExpiresAt
            FROM inventory.reservations WHERE id = @Id
            """,
            new { Id = id }, ct);

    /// <summary>
    /// Closes a held reservation in one conditional statement (so release, expiry and consumption cannot both win);
    /// returns false when it was not held any more.
    /// </summary>
    public static async Task<bool> CloseAsync(DbSession session, string id, ReservationStatus status, string? reason, DateTimeOffset now, CancellationToken ct) =>
        await session.ExecuteAsync(
            "UPDATE inventory.reservations SET status = @Status, closed_at = @Now, close_reason = @Reason WHERE id = @Id AND status = 'Held'",
            new { Id = id, Status = status.ToString(), Now = now, Reason = reason }, ct) == 1;

    internal sealed class LineRow
    {
        public string Sku { get; set; } = "";
        public int Quantity { get; set; }
    }

    internal sealed class HeaderRow
    {
        public string Id { get; set; } = "";
        public string Channel { get; set; } = "";
        public string Location { get; set; } = "";
        public string Reference { get; set; } = "";
        public string Status { get; set; } = "";
        public DateTimeOffset? ExpiresAt { get; set; }
    }
}
