using System.Globalization;
using System.Text;
using Dapper;
using FluentValidation;
using MediatR;
using OmniErp.Inventory.Channels;
using OmniErp.Inventory.Contracts;
using OmniErp.Inventory.Ledger;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;

namespace OmniErp.Inventory.Reservations;

internal sealed class ReserveStockValidator : AbstractValidator<ReserveStock>
{
    public ReserveStockValidator()
    {
        RuleFor(x => x.Channel).NotEmpty();
        RuleFor(x => x.Location).NotEmpty();
        RuleFor(x => x.Reference).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Lines).NotEmpty();
        RuleForEach(x => x.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l.Sku).NotEmpty();
            line.RuleFor(l => l.Quantity).GreaterThan(0);
        });
        RuleFor(x => x.HoldFor).Must(h => h is null || h > TimeSpan.Zero).WithMessage("A hold lasts a positive time.");
    }
}

/// <summary>
/// All lines or none. Each line is one conditional UPDATE (available above the channel's buffer must cover it),
/// taken in SKU order so concurrent reservations never deadlock; a line that does not fit is reported with what is
/// available, every other line is still tried (so the caller hears every shortage), and then everything rolls back to
/// the savepoint taken first. That keeps all-or-none true also inside a caller's larger command.
/// </summary>
internal sealed class ReserveStockHandler(DbSession session, StockLedger ledger) : IRequestHandler<ReserveStock, ReservationResult>
{
    private const string Savepoint = "inventory_reserve";

    public async Task<ReservationResult> Handle(ReserveStock request, CancellationToken cancellationToken)
    {
        var rules = await ChannelRules.FindAsync(session, request.Channel, cancellationToken)
            ?? throw AppException.Invalid(nameof(request.Channel), $"Channel '{request.Channel}' has no stock settings.");
        if (!rules.Locations.Contains(request.Location))
            throw AppException.Invalid(nameof(request.Location), $"Channel '{request.Channel}' does not sell from location '{request.Location}'.");

        var lines = request.Lines.GroupBy(l => l.Sku, StringComparer.Ordinal)
            .Select(g => new StockLine(g.Key, g.Sum(l => l.Quantity)))
            .OrderBy(l => l.Sku, StringComparer.Ordinal)
            .ToList();

        var transaction = session.Transaction ?? throw new InvalidOperationException("ReserveStock runs in a transaction.");
        await transaction.SaveAsync(Savepoint, cancellationToken);
        var shortages = new List<StockShortage>();
        foreach (var line in lines)
        {
            if (rules.Quota is { } quota && line.Quantity > quota)
            {
                shortages.Add(new StockShortage(line.Sku, line.Quantity, await SellableAsync(rules, request.Location, line.Sku, cancellationToken), ShortageReasons.QuotaExceeded));
                continue;
            }
            var state = await ledger.TryReserveAsync(line.Sku, request.Location, line.Quantity, rules.SafetyBuffer, cancellationToken);
            if (state is null)
                shortages.Add(new StockShortage(line.Sku, line.Quantity, await SellableAsync(rules, request.Location, line.Sku, cancellationToken), ShortageReasons.OutOfStock));
        }

        if (shortages.Count > 0)
        {
            await transaction.RollbackAsync(Savepoint, cancellationToken);
            ledger.DiscardChanges();
            return new ReservationResult(false, null, null, shortages);
        }
        await transaction.ReleaseAsync(Savepoint, cancellationToken);

        var now = ledger.Now;
        var id = Guid.CreateVersion7().ToString("N");
        var expiresAt = request.HoldFor is { } hold ? now + hold : (DateTimeOffset?)null;
        // The hold and all its lines in one round trip: the stock rows stay locked until the transaction ends.
        var parameters = new DynamicParameters(new { Id = id, request.Channel, request.Location, request.Reference, Now = now, ExpiresAt = expiresAt });
        var values = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            values.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@Id, @Sku{i}, @Quantity{i})");
            parameters.Add($"Sku{i}", lines[i].Sku);
            parameters.Add($"Quantity{i}", lines[i].Quantity);
        }
        await session.ExecuteAsync(
            $"""
            INSERT INTO inventory.reservations (id, channel, location, reference, status, created_at, expires_at)
            VALUES (@Id, @Channel, @Location, @Reference, 'Held', @Now, @ExpiresAt);
            INSERT INTO inventory.reservation_lines (reservation_id, sku, quantity) VALUES {values};
            """,
            parameters, cancellationToken);
        ledger.PublishChanges();
        return new ReservationResult(true, id, expiresAt, []);
    }

    // For the shortage report only: the decision was the conditional update above.
    private async Task<int> SellableAsync(ChannelRules rules, string location, string sku, CancellationToken ct)
    {
        var state = await ledger.FindAsync(sku, location, ct);
        return state is null ? 0 : rules.Cap(rules.Sellable(state.OnHand, state.Reserved));
    }
}
