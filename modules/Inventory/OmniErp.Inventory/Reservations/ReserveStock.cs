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
        RuleFor(x => x.ReservationId).NotEmpty().MaximumLength(64).When(x => x.ReservationId is not null);
    }
}

/// <summary>
/// All lines or none, in one round trip when they fit: the stock ledger's conditional UPDATE per line (in SKU order, so
/// concurrent reservations never deadlock; each checks the channel's buffer, quota and locations itself) and the hold
/// with its lines go to the database together, under a savepoint. When a line does not fit, everything rolls back to
/// the savepoint — which keeps all-or-none true also inside a caller's larger command — and the refusal names every
/// line that does not fit, with what is available. The fewer statements while the stock rows are locked, the more
/// orders a hot SKU can take.
/// </summary>
internal sealed class ReserveStockHandler(DbSession session, StockLedger ledger) : IRequestHandler<ReserveStock, ReservationResult>
{
    public async Task<ReservationResult> Handle(ReserveStock request, CancellationToken cancellationToken)
    {
        var lines = request.Lines.GroupBy(l => l.Sku, StringComparer.Ordinal)
            .Select(g => new StockLine(g.Key, g.Sum(l => l.Quantity)))
            .OrderBy(l => l.Sku, StringComparer.Ordinal)
            .ToList();

        var now = ledger.Now;
        var id = request.ReservationId ?? Guid.CreateVersion7().ToString("N");
        var expiresAt = request.HoldFor is { } hold ? now + hold : (DateTimeOffset?)null;
        var parameters = new DynamicParameters(new { Id = id, request.Channel, request.Location, request.Reference, Now = now, ExpiresAt = expiresAt });
        var values = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            values.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@Id, @Sku{i}, @Quantity{i})");
            parameters.Add($"Sku{i}", lines[i].Sku);
            parameters.Add($"Quantity{i}", lines[i].Quantity);
        }
        var writeHold = $"""
            INSERT INTO inventory.reservations (id, channel, location, reference, status, created_at, expires_at)
            VALUES (@Id, @Channel, @Location, @Reference, 'Held', @Now, @ExpiresAt);
            INSERT INTO inventory.reservation_lines (reservation_id, sku, quantity) VALUES {values};
            """;

        var unfit = await ledger.TryReserveAllAsync(request.Channel, request.Location, lines, writeHold, parameters, cancellationToken);
        if (unfit.Count == 0)
        {
            ledger.PublishChanges();
            return new ReservationResult(true, id, expiresAt, []);
        }

        // Refused (nothing changed): say why, line by line, from the channel's rules and the stock as it is now.
        ledger.DiscardChanges();
        var rules = await ChannelRules.FindAsync(session, request.Channel, cancellationToken)
            ?? throw AppException.Invalid(nameof(request.Channel), $"Channel '{request.Channel}' has no stock settings.");
        if (!rules.Locations.Contains(request.Location))
            throw AppException.Invalid(nameof(request.Location), $"Channel '{request.Channel}' does not sell from location '{request.Location}'.");
        var shortages = new List<StockShortage>();
        foreach (var line in unfit)
            shortages.Add(new StockShortage(line.Sku, line.Quantity, await SellableAsync(rules, request.Location, line.Sku, cancellationToken),
                rules.Quota is { } quota && line.Quantity > quota ? ShortageReasons.QuotaExceeded : ShortageReasons.OutOfStock));
        return new ReservationResult(false, null, null, shortages);
    }

    // For the refusal's report only: the decision was the conditional update.
    private async Task<int> SellableAsync(ChannelRules rules, string location, string sku, CancellationToken ct)
    {
        var state = await ledger.FindAsync(sku, location, ct);
        return state is null ? 0 : rules.Cap(rules.Sellable(state.OnHand, state.Reserved));
    }
}
