using FluentValidation;
using MediatR;
using OmniErp.Inventory.Costing;
using OmniErp.Inventory.Ledger;
using OmniErp.Inventory.Locations;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Inventory.Receipts;

internal sealed record ReceiptLine(string Sku, int Quantity, decimal UnitCost);

/// <summary>Goods received at a location from a supplier, each line at its unit cost (VAT excluded).</summary>
internal sealed record ReceiveStock(string Location, string Reference, IReadOnlyList<ReceiptLine> Lines, string? By = null, string Currency = "VND") : ICommand<Unit>;

internal sealed class ReceiveStockValidator : AbstractValidator<ReceiveStock>
{
    public ReceiveStockValidator()
    {
        RuleFor(x => x.Location).NotEmpty();
        RuleFor(x => x.Reference).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Lines).NotEmpty();
        RuleForEach(x => x.Lines).ChildRules(l =>
        {
            l.RuleFor(x => x.Sku).NotEmpty();
            l.RuleFor(x => x.Quantity).GreaterThan(0);
            l.RuleFor(x => x.UnitCost).GreaterThanOrEqualTo(0);
        });
    }
}

internal sealed class ReceiveStockHandler(DbSession session, StockLedger ledger, AverageCost costs) : IRequestHandler<ReceiveStock, Unit>
{
    public async Task<Unit> Handle(ReceiveStock request, CancellationToken cancellationToken)
    {
        if (await LocationRows.FindAsync(session, request.Location, cancellationToken) is null)
            throw AppException.Invalid(nameof(request.Location), $"Location '{request.Location}' does not exist.");
        foreach (var line in request.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal))
        {
            await costs.ReceiveAsync(line.Sku, line.Quantity, line.UnitCost, request.Currency, ledger.Now, cancellationToken);
            await ledger.PostAsync(new MovementDraft(line.Sku, request.Location, MovementKind.Receipt, line.Quantity,
                Reference: request.Reference, UnitCost: line.UnitCost, RecordedBy: request.By), cancellationToken);
        }
        ledger.PublishChanges();
        return Unit.Value;
    }
}
