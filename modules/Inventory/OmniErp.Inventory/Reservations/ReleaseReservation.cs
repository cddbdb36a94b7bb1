using MediatR;
using OmniErp.Inventory.Contracts;
using OmniErp.Inventory.Data;
using OmniErp.Inventory.Ledger;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;

namespace OmniErp.Inventory.Reservations;

/// <summary>Cancel: the held units become available again. Releasing twice, or after expiry, does nothing.</summary>
internal sealed class ReleaseReservationHandler(DbSession session, StockLedger ledger) : IRequestHandler<ReleaseReservation, Unit>
{
    public async Task<Unit> Handle(ReleaseReservation request, CancellationToken cancellationToken)
    {
        var header = await ReservationStore.FindAsync(session, request.ReservationId, cancellationToken)
            ?? throw AppException.NotFound("Reservation", request.ReservationId);
        if (!await ReservationStore.CloseAsync(session, header.Id, ReservationStatus.Released, request.Reason, ledger.Now, cancellationToken))
        {
            var status = await session.ExecuteScalarAsync<string>("SELECT status FROM inventory.reservations WHERE id = @Id", new { header.Id }, cancellationToken);
            return status == nameof(ReservationStatus.Consumed)
                ? throw AppException.Conflict("RESERVATION_CONSUMED", $"Reservation {header.Id} was already fulfilled; receive a return instead.")
                : Unit.Value;
        }
        foreach (var line in await ReservationStore.LinesAsync(session, header.Id, cancellationToken))
            await ledger.UnreserveAsync(line.Sku, header.Location, line.Quantity, cancellationToken);
        ledger.PublishChanges();
        return Unit.Value;
    }
}
