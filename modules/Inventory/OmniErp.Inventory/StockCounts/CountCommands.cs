using FluentValidation;
using MediatR;
using OmniErp.Inventory.Ledger;
using OmniErp.Inventory.Locations;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Inventory.StockCounts;

/// <summary>Opens a count sheet for a location: the SKUs given, or every SKU stocked there.</summary>
internal sealed record StartCount(string Location, string By, IReadOnlyList<string>? Skus = null, string? Note = null) : ICommand<long>;

internal sealed class StartCountHandler(DbSession session, TimeProvider clock) : IRequestHandler<StartCount, long>
{
    public async Task<long> Handle(StartCount request, CancellationToken cancellationToken)
    {
        if (await LocationRows.FindAsync(session, request.Location, cancellationToken) is null)
            throw AppException.Invalid(nameof(request.Location), $"Location '{request.Location}' does not exist.");
        var id = await session.ExecuteScalarAsync<long>(
            """
            INSERT INTO inventory.stock_counts (location, status, note, started_at, started_by)
            VALUES (@Location, 'Open', @Note, @Now, @By) RETURNING id
            """,
            new { request.Location, request.Note, Now = clock.GetUtcNow(), request.By }, cancellationToken);
        if (request.Skus is { Count: > 0 } skus)
        {
            foreach (var sku in skus.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct())
                await session.ExecuteAsync(
                    """
                    INSERT INTO inventory.stock_count_lines (count_id, sku, expected)
                    VALUES (@Id, @Sku, COALESCE((SELECT on_hand FROM inventory.stock WHERE sku = @Sku AND location = @Location), 0))
                    """,
                    new { Id = id, Sku = sku, request.Location }, cancellationToken);
        }
        else
        {
            await session.ExecuteAsync(
                """
                INSERT INTO inventory.stock_count_lines (count_id, sku, expected)
                SELECT @Id, sku, on_hand FROM inventory.stock WHERE location = @Location
                """,
                new { Id = id, request.Location }, cancellationToken);
        }
        return id;
    }
}

internal sealed record CountedLine(string Sku, int? Counted);

/// <summary>Records counted quantities on an open sheet (new SKUs found on the shelf are added).</summary>
internal sealed record RecordCount(long Id, IReadOnlyList<CountedLine> Lines) : ICommand<Unit>;

internal sealed class RecordCountValidator : AbstractValidator<RecordCount>
{
    public RecordCountValidator() =>
        RuleForEach(x => x.Lines).ChildRules(l =>
        {
            l.RuleFor(x => x.Sku).NotEmpty();
            l.RuleFor(x => x.Counted).GreaterThanOrEqualTo(0);
        });
}

internal sealed class RecordCountHandler(DbSession session) : IRequestHandler<RecordCount, Unit>
{
    public async Task<Unit> Handle(RecordCount request, CancellationToken cancellationToken)
    {
        await CountSheet.RequireOpenAsync(session, request.Id, cancellationToken);
        foreach (var line in request.Lines)
        {
            var updated = await session.ExecuteAsync(
                "UPDATE inventory.stock_count_lines SET counted = @Counted WHERE count_id = @Id AND sku = @Sku",
                new { request.Id, Sku = line.Sku.Trim(), line.Counted }, cancellationToken);
            if (updated == 0)
                await session.ExecuteAsync(
                    "INSERT INTO inventory.stock_count_lines (count_id, sku, counted) VALUES (@Id, @Sku, @Counted)",
                    new { request.Id, Sku = line.Sku.Trim(), line.Counted }, cancellationToken);
        }
        return Unit.Value;
    }
}

/// <summary>
/// Posts the sheet: for each counted line, on hand is locked, the variance counted − on hand is posted as a
/// CountCorrection (with who and when), and the line keeps on hand at posting and the variance.
/// </summary>
internal sealed record PostCount(long Id, string By) : ICommand<int>;

internal sealed class PostCountHandler(DbSession session, StockLedger ledger) : IRequestHandler<PostCount, int>
{
    public async Task<int> Handle(PostCount request, CancellationToken cancellationToken)
    {
        var location = await CountSheet.RequireOpenAsync(session, request.Id, cancellationToken);
        var closed = await session.ExecuteAsync(
            "UPDATE inventory.stock_counts SET status = 'Posted', posted_at = @Now, posted_by = @By WHERE id = @Id AND status = 'Open'",
            new { request.Id, Now = ledger.Now, request.By }, cancellationToken);
        if (closed == 0) throw AppException.Conflict("COUNT_POSTED", $"Count #{request.Id} was posted already.");

        var lines = (await session.QueryAsync<LineRow>(
            "SELECT sku AS Sku, counted AS Counted FROM inventory.stock_count_lines WHERE count_id = @Id AND counted IS NOT NULL ORDER BY sku",
            new { request.Id }, cancellationToken)).ToList();
        var corrections = 0;
        foreach (var line in lines)
        {
            var state = await ledger.LockAsync(line.Sku, location, cancellationToken);
            var variance = line.Counted - state.OnHand;
            if (variance != 0)
            {
                if (line.Counted < state.Reserved)
                    throw AppException.Conflict("COUNT_BELOW_RESERVED",
                        $"{line.Sku}: counted {line.Counted} but {state.Reserved} are reserved for orders; resolve those reservations first.");
                await ledger.PostAsync(new MovementDraft(line.Sku, location, MovementKind.CountCorrection, variance,
                    Reason: $"Stock count #{request.Id}", Reference: $"SC-{request.Id}", RecordedBy: request.By), cancellationToken);
                corrections++;
            }
            await session.ExecuteAsync(
                "UPDATE inventory.stock_count_lines SET expected = @Expected, variance = @Variance WHERE count_id = @Id AND sku = @Sku",
                new { request.Id, line.Sku, Expected = state.OnHand, Variance = variance }, cancellationToken);
        }
        ledger.PublishChanges();
        return corrections;
    }

    private sealed class LineRow
    {
        public string Sku { get; set; } = "";
        public int Counted { get; set; }
    }
}

internal static class CountSheet
{
    /// <summary>The sheet's location; refuses a sheet that does not exist or was posted.</summary>
    public static async Task<string> RequireOpenAsync(DbSession session, long id, CancellationToken ct)
    {
        var row = await session.QuerySingleOrDefaultAsync<Header>(
            "SELECT location AS Location, status AS Status FROM inventory.stock_counts WHERE id = @Id", new { Id = id }, ct)
            ?? throw AppException.NotFound("Stock count", $"#{id}");
        return row.Status == nameof(StockCountStatus.Open)
            ? row.Location
            : throw AppException.Conflict("COUNT_POSTED", $"Count #{id} was posted already.");
    }

    private sealed class Header
    {
        public string Location { get; set; } = "";
        public string Status { get; set; } = "";
    }
}
