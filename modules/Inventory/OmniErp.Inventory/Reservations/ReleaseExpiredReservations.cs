using MediatR;
using OmniErp.Inventory.Data;
using OmniErp.Inventory.Ledger;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Inventory.Reservations;

/// <summary>Lets holds past their expiry lapse: up to <see cref="Max"/> of them per call; returns how many lapsed.</summary>
internal sealed record ReleaseExpiredReservations(int Max = 200) : ICommand<int>;

/// <summary>
/// Claims expired holds (skipping rows another instance is sweeping on PostgreSQL), closes each with one conditional
/// update (a consume that got there first wins), then gives back their units row by row in (sku, location) order.
/// </summary>
internal sealed class ReleaseExpiredReservationsHandler(DbSession session, StockLedger ledger) : IRequestHandler<ReleaseExpiredReservations, int>
{
    public async Task<int> Handle(ReleaseExpiredReservations request, CancellationToken cancellationToken)
    {
        var now = ledger.Now;
        var expired = (await session.QueryAsync<Row>(
            $"""
            SELECT id AS Id, location AS Location FROM inventory.reservations
            WHERE status = 'Held' AND expires_at IS NOT NULL AND expires_at < @Now
            ORDER BY expires_at, id
            LIMIT @Max{session.Dialect.ForUpdateSkipLocked}
            """,
            new { Now = now, request.Max }, cancellationToken)).ToList();

        var giveBack = new SortedDictionary<(string Sku, string Location), int>();
        var lapsed = 0;
        foreach (var r in expired)
        {
            if (!await ReservationStore.CloseAsync(session, r.Id, ReservationStatus.Expired, "Hold expired", now, cancellationToken)) continue;
            lapsed++;
            foreach (var line in await ReservationStore.LinesAsync(session, r.Id, cancellationToken))
                giveBack[(line.Sku, r.Location)] = giveBack.GetValueOrDefault((line.Sku, r.Location)) + line.Quantity;
        }
        foreach (var ((sku, location), quantity) in giveBack)
            await ledger.UnreserveAsync(sku, location, quantity, cancellationToken);
        ledger.PublishChanges();
        return lapsed;
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string Location { get; set; } = "";
    }
}
