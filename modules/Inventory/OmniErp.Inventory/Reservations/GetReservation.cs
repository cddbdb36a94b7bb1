using MediatR;
using OmniErp.Inventory.Contracts;
using OmniErp.Kernel.Data;

namespace OmniErp.Inventory.Reservations;

internal sealed class GetReservationHandler(DbSession session) : IRequestHandler<GetReservation, ReservationInfo?>
{
    public async Task<ReservationInfo?> Handle(GetReservation request, CancellationToken cancellationToken)
    {
        var header = await ReservationStore.FindAsync(session, request.ReservationId, cancellationToken);
        if (header is null) return null;
        var lines = await ReservationStore.LinesAsync(session, header.Id, cancellationToken);
        return new ReservationInfo(header.Id, header.Channel, header.Location, header.Reference, header.Status, header.ExpiresAt, lines);
    }
}
