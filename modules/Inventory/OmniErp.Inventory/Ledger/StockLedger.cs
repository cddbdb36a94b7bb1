using System.Globalization;
using System.Text;
using Dapper;
using OmniErp.Inventory.Contracts;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Outbox;

namespace OmniErp.Inventory.Ledger;

/// <summary>
/// The one writer of <c>inventory.stock</c>. Every change is a single conditional statement on the stock row, so
/// the check and the write cannot be separated by another transaction: on PostgreSQL the UPDATE takes the row lock
/// and re-evaluates its WHERE on the latest version; on SQLite the command's BEGIN IMMEDIATE already serialises
/// writers. On hand changes only together with a ledger line (<see cref="PostAsync"/>); reserved changes with
/// reservations. Callers touching several rows do so in (sku, location) order so two transactions never deadlock.
/// Changes are remembered and published as <see cref="StockChanged"/> when the handler calls <see cref="PublishChanges"/>.
/// </summary>
internal sealed class StockLedger(DbSession session, IOutbox outbox, TimeProvider clock)
{
    private readonly Dictionary<(string Sku, string Location), StockState> _changed = [];

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Appends a movement and changes on hand by its quantity; refuses to go below what is reserved.</summary>
    public async Task<StockState> PostAsync(MovementDraft movement, CancellationToken ct)
    {
        RequireTransaction();
        if (movement.SignProblem() is { } problem) throw AppException.Invalid("Quantity", problem);
        var now = Now;
        if (movement.Quantity > 0) await EnsureRowAsync(movement.Sku, movement.Location, now, ct);

        var state = await session.QuerySingleOrDefaultAsync<StockState>(
            """
            UPDATE inventory.stock SET on_hand = on_hand + @Quantity, updated_at = @Now
            WHERE sku = @Sku AND location = @Location AND on_hand + @Quantity >= reserved
            RETURNING on_hand AS OnHand, reserved AS Reserved
            """,
            new { movement.Sku, movement.Location, movement.Quantity, Now = now }, ct);
        if (state is null)
        {
            var current = await FindAsync(movement.Sku, movement.Location, ct);
            throw AppException.Conflict("INSUFFICIENT_STOCK",
                $"{movement.Sku} at {movement.Location}: {current?.Available ?? 0} available (on hand {current?.OnHand ?? 0}, reserved {current?.Reserved ?? 0}), {-movement.Quantity} asked.");
        }

        // A Sale or a Return carries the unit cost at the moment it is posted: the SKU's weighted average cost then (so
        // COGS is a sum over the ledger, never a replay of it). Other movements carry the cost given (receipts).
        var costed = movement.UnitCost is null && movement.Kind is MovementKind.Sale or MovementKind.Return;
        await session.ExecuteAsync(
            $"""
            INSERT INTO inventory.movements (sku, location, kind, quantity, unit_cost, reason, reference, occurred_at, recorded_by)
            VALUES (@Sku, @Location, @Kind, @Quantity, {(costed ? "(SELECT average_cost FROM inventory.sku_costs WHERE sku = @Sku)" : "@UnitCost")}, @Reason, @Reference, @Now, @RecordedBy)
            """,
            new { movement.Sku, movement.Location, Kind = movement.Kind.ToString(), movement.Quantity, movement.UnitCost, movement.Reason, movement.Reference, Now = movement.OccurredAt ?? now, movement.RecordedBy },
            ct);
        return Changed(movement.Sku, movement.Location, state);
    }

    /// <summary>
    /// Reserves every line at one location for a channel in ONE round trip, together with <paramref name="andThen"/>
    /// (statements that follow in the same batch, e.g. writing the hold). Under a savepoint, each line is one conditional
    /// UPDATE that checks in the statement itself what the channel allows: available above its safety buffer, no more
    /// than its quota, and only at a location it sells from. Lines go in the order given (callers sort by SKU, so
    /// concurrent reservations never deadlock). When every line fits, the savepoint is left to end with the transaction,
    /// so nothing more is sent while the stock rows are locked. When any line does not fit, everything since the
    /// savepoint is rolled back (the stock rows and <paramref name="andThen"/>'s writes) and the lines that did not fit
    /// are returned.
    /// </summary>
    public async Task<IReadOnlyList<StockLine>> TryReserveAllAsync(string channel, string location, IReadOnlyList<StockLine> lines,
        string andThen, DynamicParameters parameters, CancellationToken ct)
    {
        RequireTransaction();
        const string Savepoint = "inventory_reserve";
        var sql = new StringBuilder($"SAVEPOINT {Savepoint};\n");
        parameters.Add("ReserveChannel", channel);
        parameters.Add("ReserveLocation", location);
        parameters.Add("ReserveNow", Now);
        for (var i = 0; i < lines.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"""
                UPDATE inventory.stock SET reserved = reserved + @ReserveQuantity{i}, updated_at = @ReserveNow
                WHERE sku = @ReserveSku{i} AND location = @ReserveLocation
                  AND on_hand - reserved - (SELECT cs.safety_buffer FROM inventory.channel_settings cs WHERE cs.channel = @ReserveChannel) >= @ReserveQuantity{i}
                  AND @ReserveQuantity{i} <= COALESCE((SELECT cs.quota FROM inventory.channel_settings cs WHERE cs.channel = @ReserveChannel), @ReserveQuantity{i})
                  AND EXISTS (SELECT 1 FROM inventory.channel_locations cl WHERE cl.channel = @ReserveChannel AND cl.location = @ReserveLocation)
                RETURNING sku AS Sku, on_hand AS OnHand, reserved AS Reserved;

                """);
            parameters.Add($"ReserveSku{i}", lines[i].Sku);
            parameters.Add($"ReserveQuantity{i}", lines[i].Quantity);
        }
        sql.Append(andThen);

        var reserved = await session.QueryMultipleAsync(sql.ToString(), parameters, async grid =>
        {
            var rows = new Dictionary<string, StockState>(StringComparer.Ordinal);
            for (var i = 0; i < lines.Count; i++)
                if ((await grid.ReadAsync<ReservedRow>()).SingleOrDefault() is { } row) rows[row.Sku] = new StockState { OnHand = row.OnHand, Reserved = row.Reserved };
            return rows;
        }, ct);

        var missing = lines.Where(l => !reserved.ContainsKey(l.Sku)).ToList();
        if (missing.Count > 0)
        {
            await session.ExecuteAsync($"ROLLBACK TO SAVEPOINT {Savepoint}; RELEASE SAVEPOINT {Savepoint};", ct: ct);
            return missing;
        }
        foreach (var (sku, state) in reserved) Changed(sku, location, state);
        return [];
    }

    private sealed class ReservedRow
    {
        public string Sku { get; init; } = "";
        public int OnHand { get; init; }
        public int Reserved { get; init; }
    }

    /// <summary>Gives back reserved units (release, expiry, or just before the sale that consumes them).</summary>
    public async Task<StockState> UnreserveAsync(string sku, string location, int quantity, CancellationToken ct)
    {
        RequireTransaction();
        var state = await session.QuerySingleOrDefaultAsync<StockState>(
            """
            UPDATE inventory.stock SET reserved = reserved - @Quantity, updated_at = @Now
            WHERE sku = @Sku AND location = @Location AND reserved >= @Quantity
            RETURNING on_hand AS OnHand, reserved AS Reserved
            """,
            new { Sku = sku, Location = location, Quantity = quantity, Now = Now }, ct);
        // Reserved is the sum of held reservation lines; a miss here means that invariant broke, which no user can fix.
        return state is null
            ? throw new InvalidOperationException($"Stock {sku} at {location} holds fewer than {quantity} reserved units: reservations and stock disagree.")
            : Changed(sku, location, state);
    }

    /// <summary>Locks the stock row (PostgreSQL row lock; SQLite holds the write lock already) and returns it.</summary>
    public async Task<StockState> LockAsync(string sku, string location, CancellationToken ct)
    {
        RequireTransaction();
        await EnsureRowAsync(sku, location, Now, ct);
        return (await session.QuerySingleOrDefaultAsync<StockState>(
            "SELECT on_hand AS OnHand, reserved AS Reserved FROM inventory.stock WHERE sku = @Sku AND location = @Location" +
            (session.Dialect.IsPostgres ? " FOR UPDATE" : ""),
            new { Sku = sku, Location = location }, ct))!;
    }

    public Task<StockState?> FindAsync(string sku, string location, CancellationToken ct) =>
        session.QuerySingleOrDefaultAsync<StockState>(
            "SELECT on_hand AS OnHand, reserved AS Reserved FROM inventory.stock WHERE sku = @Sku AND location = @Location",
            new { Sku = sku, Location = location }, ct);

    /// <summary>Queues one <see cref="StockChanged"/> per row changed since the last call, with its latest figures.</summary>
    public void PublishChanges()
    {
        foreach (var ((sku, location), state) in _changed)
            outbox.Add(new StockChanged(sku, location, state.OnHand, state.Available));
        _changed.Clear();
    }

    /// <summary>Forgets changes that were rolled back (to a savepoint).</summary>
    public void DiscardChanges() => _changed.Clear();

    private StockState Changed(string sku, string location, StockState state)
    {
        _changed[(sku, location)] = state;
        return state;
    }

    private Task EnsureRowAsync(string sku, string location, DateTimeOffset now, CancellationToken ct) =>
        session.ExecuteAsync(
            """
            INSERT INTO inventory.stock (sku, location, on_hand, reserved, reorder_point, reorder_quantity, updated_at)
            VALUES (@Sku, @Location, 0, 0, 0, 0, @Now)
            ON CONFLICT (sku, location) DO NOTHING
            """,
            new { Sku = sku, Location = location, Now = now }, ct);

    private void RequireTransaction()
    {
        if (session.Transaction is null) throw new InvalidOperationException("Stock changes run inside a command's transaction.");
    }
}
