using MediatR;
using OmniErp.Inventory.Contracts;
using OmniErp.Inventory.Data;
using OmniErp.Inventory.Ledger;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;

namespace OmniErp.Inventory.Reservations;

/// <summary>
/// Fulfilment: each held line leaves reserved and becomes a Sale on the ledger. Consuming twice does nothing. A hold
/// past its expiry that the sweep has not reached yet still holds its units, so it may still be consumed.
/// </summary>
internal sealed class ConsumeReservationHandler(DbSession session, StockLedger ledger) : IRequestHandler<ConsumeReservation, Unit>
{
    public async Task<Unit> Handle(ConsumeReservation request, CancellationToken cancellationToken)
    {
        var header = await ReservationStore.FindAsync(session, request.ReservationId, cancellationToken)
            ?? throw AppException.NotFound("Reservation", request.ReservationId);
        if (!await ReservationStore.CloseAsync(session, header.Id, ReservationStatus.Consumed, null, ledger.Now, cancellationToken))
        {
            var status = await session.ExecuteScalarAsync<string>("SELECT status FROM inventory.reservations WHERE id = @Id", new { header.Id }, cancellationToken);
            return status == nameof(ReservationStatus.Consumed)
                ? Unit.Value
                : throw AppException.Conflict("RESERVATION_CLOSED", $"Reservation {header.Id} is {status?.ToLowerInvariant()}; its units are no longer held.");
        }
        foreach (var line in await ReservationStore.LinesAsync(session, header.Id, cancellationToken))
        {
            await ledger.UnreserveAsync(line.Sku, header.Location, line.Quantity, cancellationToken);
            await ledger.PostAsync(new MovementDraft(line.Sku, header.Location, MovementKind.Sale, -line.Quantity,
                Reference: header.Reference, Reason: $"{header.Channel} sale"), cancellationToken);
        }
        ledger.PublishChanges();
        return Unit.Value;
    }
}
