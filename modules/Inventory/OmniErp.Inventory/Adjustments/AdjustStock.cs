using FluentValidation;
using MediatR;
using OmniErp.Inventory.Ledger;
using OmniErp.Inventory.Locations;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Inventory.Adjustments;

/// <summary>Corrects on hand by a signed quantity for a stated reason (damage, loss, found goods).</summary>
internal sealed record AdjustStock(string Location, string Sku, int Quantity, string Reason, string? By = null) : ICommand<Unit>;

internal sealed class AdjustStockValidator : AbstractValidator<AdjustStock>
{
    public AdjustStockValidator()
    {
        RuleFor(x => x.Location).NotEmpty();
        RuleFor(x => x.Sku).NotEmpty();
        RuleFor(x => x.Quantity).NotEqual(0).WithMessage("Adjust by at least one unit, up or down.");
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(200);
    }
}

internal sealed class AdjustStockHandler(DbSession session, StockLedger ledger) : IRequestHandler<AdjustStock, Unit>
{
    public async Task<Unit> Handle(AdjustStock request, CancellationToken cancellationToken)
    {
        if (await LocationRows.FindAsync(session, request.Location, cancellationToken) is null)
            throw AppException.Invalid(nameof(request.Location), $"Location '{request.Location}' does not exist.");
        await ledger.PostAsync(new MovementDraft(request.Sku.Trim(), request.Location, MovementKind.Adjustment, request.Quantity,
            Reason: request.Reason.Trim(), RecordedBy: request.By), cancellationToken);
        ledger.PublishChanges();
        return Unit.Value;
    }
}
