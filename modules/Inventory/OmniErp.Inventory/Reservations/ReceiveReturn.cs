using FluentValidation;
using MediatR;
using OmniErp.Inventory.Contracts;
using OmniErp.Inventory.Ledger;
using OmniErp.Inventory.Locations;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;

namespace OmniErp.Inventory.Reservations;

internal sealed class ReceiveReturnValidator : AbstractValidator<ReceiveReturn>
{
    public ReceiveReturnValidator()
    {
        RuleFor(x => x.Location).NotEmpty();
        RuleFor(x => x.Reference).NotEmpty();
        RuleFor(x => x.Lines).NotEmpty();
        RuleForEach(x => x.Lines).ChildRules(l =>
        {
            l.RuleFor(x => x.Sku).NotEmpty();
            l.RuleFor(x => x.Quantity).GreaterThan(0);
        });
    }
}

/// <summary>
/// Returned goods come back on the ledger as a Return. Units not fit to sell are written off at once by an
/// Adjustment, so the ledger shows both what came back and what was scrapped.
/// </summary>
internal sealed class ReceiveReturnHandler(DbSession session, StockLedger ledger) : IRequestHandler<ReceiveReturn, Unit>
{
    public async Task<Unit> Handle(ReceiveReturn request, CancellationToken cancellationToken)
    {
        if (await LocationRows.FindAsync(session, request.Location, cancellationToken) is null)
            throw AppException.Invalid(nameof(request.Location), $"Location '{request.Location}' does not exist.");
        foreach (var line in request.Lines.GroupBy(l => l.Sku).Select(g => new StockLine(g.Key, g.Sum(l => l.Quantity))).OrderBy(l => l.Sku, StringComparer.Ordinal))
        {
            await ledger.PostAsync(new MovementDraft(line.Sku, request.Location, MovementKind.Return, line.Quantity, Reference: request.Reference), cancellationToken);
            if (!request.Restock)
                await ledger.PostAsync(new MovementDraft(line.Sku, request.Location, MovementKind.Adjustment, -line.Quantity,
                    Reason: "Returned goods written off", Reference: request.Reference), cancellationToken);
        }
        ledger.PublishChanges();
        return Unit.Value;
    }
}
