using FluentValidation;
using MediatR;
using OmniErp.Inventory.Contracts;
using OmniErp.Inventory.Ledger;
using OmniErp.Inventory.Locations;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Inventory.StockTransfers;

/// <summary>Ships goods to another location; they are in transit (in neither location's on hand) until received.</summary>
internal sealed record ShipTransfer(string From, string To, IReadOnlyList<StockLine> Lines, string By, string? Note = null) : ICommand<long>;

internal sealed class ShipTransferValidator : AbstractValidator<ShipTransfer>
{
    public ShipTransferValidator()
    {
        RuleFor(x => x.From).NotEmpty();
        RuleFor(x => x.To).NotEmpty().NotEqual(x => x.From).WithMessage("Send to another location.");
        RuleFor(x => x.By).NotEmpty();
        RuleFor(x => x.Lines).NotEmpty();
        RuleForEach(x => x.Lines).ChildRules(l =>
        {
            l.RuleFor(x => x.Sku).NotEmpty();
            l.RuleFor(x => x.Quantity).GreaterThan(0);
        });
    }
}

internal sealed class ShipTransferHandler(DbSession session, StockLedger ledger) : IRequestHandler<ShipTransfer, long>
{
    public async Task<long> Handle(ShipTransfer request, CancellationToken cancellationToken)
    {
        foreach (var (field, code) in new[] { ("From", request.From), ("To", request.To) })
            if (await LocationRows.FindAsync(session, code, cancellationToken) is null)
                throw AppException.Invalid(field, $"Location '{code}' does not exist.");

        var lines = request.Lines.GroupBy(l => l.Sku.Trim()).Select(g => new StockLine(g.Key, g.Sum(l => l.Quantity))).OrderBy(l => l.Sku, StringComparer.Ordinal).ToList();
        var id = await session.ExecuteScalarAsync<long>(
            """
            INSERT INTO inventory.transfers (from_location, to_location, status, note, shipped_at, shipped_by)
            VALUES (@From, @To, 'InTransit', @Note, @Now, @By) RETURNING id
            """,
            new { request.From, request.To, request.Note, Now = ledger.Now, request.By }, cancellationToken);
        foreach (var line in lines)
        {
            await session.ExecuteAsync("INSERT INTO inventory.transfer_lines (transfer_id, sku, quantity) VALUES (@Id, @Sku, @Quantity)",
                new { Id = id, line.Sku, line.Quantity }, cancellationToken);
            await ledger.PostAsync(new MovementDraft(line.Sku, request.From, MovementKind.TransferOut, -line.Quantity,
                Reference: $"TR-{id}", Reason: $"To {request.To}", RecordedBy: request.By), cancellationToken);
        }
        ledger.PublishChanges();
        return id;
    }
}

/// <summary>The receiving location books the goods in. Receiving twice does nothing.</summary>
internal sealed record ReceiveTransfer(long Id, string By) : ICommand<Unit>;

internal sealed class ReceiveTransferHandler(DbSession session, StockLedger ledger) : IRequestHandler<ReceiveTransfer, Unit>
{
    public async Task<Unit> Handle(ReceiveTransfer request, CancellationToken cancellationToken)
    {
        var to = await session.QuerySingleOrDefaultAsync<string>("SELECT to_location FROM inventory.transfers WHERE id = @Id", new { request.Id }, cancellationToken)
            ?? throw AppException.NotFound("Transfer", $"TR-{request.Id}");
        var changed = await session.ExecuteAsync(
            "UPDATE inventory.transfers SET status = 'Received', received_at = @Now, received_by = @By WHERE id = @Id AND status = 'InTransit'",
            new { request.Id, Now = ledger.Now, request.By }, cancellationToken);
        if (changed == 0) return Unit.Value;

        var lines = await session.QueryAsync<LineRow>(
            "SELECT sku AS Sku, quantity AS Quantity FROM inventory.transfer_lines WHERE transfer_id = @Id ORDER BY sku", new { request.Id }, cancellationToken);
        foreach (var line in lines)
            await ledger.PostAsync(new MovementDraft(line.Sku, to, MovementKind.TransferIn, line.Quantity,
                Reference: $"TR-{request.Id}", RecordedBy: request.By), cancellationToken);
        ledger.PublishChanges();
        return Unit.Value;
    }

    private sealed class LineRow
    {
        public string Sku { get; set; } = "";
        public int Quantity { get; set; }
    }
}
