using FluentValidation;
using MediatR;
using OmniErp.Inventory.Contracts;
using OmniErp.Inventory.Ledger;
using OmniErp.Inventory.Locations;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;

namespace OmniErp.Inventory.PastSales;

internal sealed class PostPastSalesValidator : AbstractValidator<PostPastSales>
{
    public PostPastSalesValidator()
    {
        RuleForEach(x => x.Sales).ChildRules(s =>
        {
            s.RuleFor(x => x.Reference).NotEmpty();
            s.RuleFor(x => x.Location).NotEmpty();
            s.RuleFor(x => x.Lines).NotEmpty();
            s.RuleForEach(x => x.Lines).ChildRules(l =>
            {
                l.RuleFor(x => x.Sku).NotEmpty();
                l.RuleFor(x => x.Quantity).GreaterThan(0);
            });
        });
        RuleForEach(x => x.Returns).ChildRules(r =>
        {
            r.RuleFor(x => x.SaleReference).NotEmpty();
            r.RuleFor(x => x.Location).NotEmpty();
            r.RuleForEach(x => x.Lines).ChildRules(l => l.RuleFor(x => x.Quantity).GreaterThan(0));
        });
    }
}

/// <summary>
/// Past sales and returns in the order they happened. A sale's check reads the (sku, location) ledger as it stands,
/// with every earlier history already posted: the balance just before the sale and every later running balance must
/// cover the units, so the ledger never shows negative stock at any moment; and now, on hand less the units must still
/// cover what is reserved.
/// </summary>
internal sealed class PostPastSalesHandler(DbSession session, StockLedger ledger) : IRequestHandler<PostPastSales, IReadOnlyList<string>>
{
    public async Task<IReadOnlyList<string>> Handle(PostPastSales request, CancellationToken cancellationToken)
    {
        foreach (var location in request.Sales.Select(s => s.Location).Concat(request.Returns.Select(r => r.Location)).Distinct())
            if (await LocationRows.FindAsync(session, location, cancellationToken) is null)
                throw AppException.Invalid("Location", $"Location '{location}' does not exist.");

        var refused = new HashSet<string>(StringComparer.Ordinal);
        var history = request.Sales.Select(s => (s.OccurredAt, Sale: (PastSale?)s, Return: (PastReturn?)null))
            .Concat(request.Returns.Select(r => (r.OccurredAt, Sale: (PastSale?)null, Return: (PastReturn?)r)))
            .OrderBy(h => h.OccurredAt);
        foreach (var (at, sale, back) in history)
        {
            if (sale is not null)
            {
                var lines = sale.Lines.GroupBy(l => l.Sku, StringComparer.Ordinal).Select(g => new StockLine(g.Key, g.Sum(l => l.Quantity)))
                    .OrderBy(l => l.Sku, StringComparer.Ordinal).ToList();
                var covered = true;
                foreach (var line in lines)
                    covered = covered && await CoveredAsync(line.Sku, sale.Location, at, line.Quantity, cancellationToken);
                if (!covered)
                {
                    refused.Add(sale.Reference);
                    continue;
                }
                foreach (var line in lines)
                    await ledger.PostAsync(new MovementDraft(line.Sku, sale.Location, MovementKind.Sale, -line.Quantity,
                        Reference: sale.Reference, Reason: "past sale", OccurredAt: at), cancellationToken);
            }
            else if (back is not null && !refused.Contains(back.SaleReference))
            {
                foreach (var line in back.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal))
                    await ledger.PostAsync(new MovementDraft(line.Sku, back.Location, MovementKind.Return, line.Quantity,
                        Reference: back.Reference, Reason: $"return of {back.SaleReference}", OccurredAt: at), cancellationToken);
            }
        }
        ledger.DiscardChanges();
        return request.Sales.Where(s => refused.Contains(s.Reference)).Select(s => s.Reference).ToList();
    }

    private async Task<bool> CoveredAsync(string sku, string location, DateTimeOffset at, int quantity, CancellationToken ct)
    {
        // The lowest running balance from the last movement at or before the sale onwards (null: nothing was there then).
        var lowest = await session.ExecuteScalarAsync<long?>(
            """
            SELECT MIN(r.running) FROM (
                SELECT occurred_at, SUM(quantity) OVER (ORDER BY occurred_at, id ROWS UNBOUNDED PRECEDING) AS running
                FROM inventory.movements WHERE sku = @Sku AND location = @Location) r
            WHERE r.occurred_at >= (SELECT MAX(occurred_at) FROM inventory.movements WHERE sku = @Sku AND location = @Location AND occurred_at <= @At)
            """,
            new { Sku = sku, Location = location, At = at }, ct);
        if (lowest is null || lowest < quantity) return false;
        var now = await ledger.FindAsync(sku, location, ct);
        return now is not null && now.OnHand - quantity >= now.Reserved;
    }
}
