using MediatR;
using OmniErp.Inventory.Contracts;
using OmniErp.Kernel.Errors;
using OmniErp.Orders.Contracts;

namespace OmniErp.Orders.Placing;

internal sealed record SourcingResult(string Location, string Reason, string ReservationId);

/// <summary>What sourcing needs to know before it reserves: the fulfilment, the chosen store, and the locations.</summary>
internal sealed record SourcingPlan(string Fulfilment, string? Store, IReadOnlyList<LocationInfo> Locations);

/// <summary>
/// The sourcing rule, in one place:
/// <list type="bullet">
/// <item>in_store (POS): the store the sale is rung up at.</item>
/// <item>pickup: the store the customer chose (it must offer pickup).</item>
/// <item>delivery (web, marketplace): the warehouse first; if it cannot serve every line, the store that can serve every
///   line with the most units of them available (ties by code), among the stores the channel sells from; never split.</item>
/// </list>
/// Whichever location is picked, all lines are reserved there through Inventory's ReserveStock, all or none, and the
/// reason is recorded on the order. The plan (reads only, and a pickup store that does not offer pickup is refused there)
/// comes before the order's transaction; the reservation inside it.
/// </summary>
internal sealed class Sourcing(IMediator mediator)
{
    public async Task<SourcingPlan> PlanAsync(string fulfilment, string? store, CancellationToken ct)
    {
        if (fulfilment == Fulfilment.InStore) return new SourcingPlan(fulfilment, store, []);
        var locations = await mediator.Send(new GetLocations(), ct);
        if (fulfilment == Fulfilment.Pickup)
        {
            var chosen = locations.FirstOrDefault(l => l.Code == store);
            if (chosen is null || chosen.Type != LocationType.Store || !chosen.PickupEnabled)
                throw AppException.Invalid(nameof(PlaceOrder.Store), $"Store '{store}' does not offer click-and-collect.", "PICKUP_NOT_OFFERED");
        }
        return new SourcingPlan(fulfilment, store, locations);
    }

    /// <summary>
    /// Where the rule will most likely source, and why, before anything is reserved: the chosen store, or for a delivery
    /// the first warehouse. The order is written with it ahead of the reservation (so the stock rows are locked for fewer
    /// statements); when the reservation lands elsewhere, the order is corrected.
    /// </summary>
    public static SourcingResult Expected(SourcingPlan plan, string reservationId)
    {
        if (plan.Fulfilment != Fulfilment.Delivery) return new SourcingResult(plan.Store!, StoreReason(plan), reservationId);
        var warehouse = plan.Locations.Where(l => l.Type == LocationType.Warehouse).OrderBy(l => l.Code, StringComparer.Ordinal).FirstOrDefault();
        return warehouse is null
            ? new SourcingResult("", "", reservationId)
            : new SourcingResult(warehouse.Code, WarehouseReason(warehouse.Code), reservationId);
    }

    public async Task<SourcingResult> ReserveAsync(SourcingPlan plan, string channel, string reference, IReadOnlyList<StockLine> lines, string reservationId,
        CancellationToken ct)
    {
        if (plan.Fulfilment == Fulfilment.Delivery) return await DeliveryAsync(plan.Locations, channel, reference, lines, reservationId, ct);
        var store = plan.Store!;
        var id = await ReserveOrRefuseAsync(channel, store, reference, lines, reservationId, ct);
        return new SourcingResult(store, StoreReason(plan), id);
    }

    private static string StoreReason(SourcingPlan plan) => plan.Fulfilment == Fulfilment.InStore
        ? $"POS sale at store {plan.Store}."
        : $"Click-and-collect: the customer chose store {plan.Store}.";

    private static string WarehouseReason(string warehouse) => $"Delivery: warehouse {warehouse} has every line (warehouse first).";

    private async Task<SourcingResult> DeliveryAsync(IReadOnlyList<LocationInfo> locations, string channel, string reference, IReadOnlyList<StockLine> lines,
        string reservationId, CancellationToken ct)
    {
        IReadOnlyList<StockShortage>? firstShortages = null;
        string? firstTried = null;
        foreach (var warehouse in locations.Where(l => l.Type == LocationType.Warehouse).OrderBy(l => l.Code, StringComparer.Ordinal))
        {
            var result = await TryReserveAsync(channel, warehouse.Code, reference, lines, reservationId, ct);
            if (result is null) continue;
            if (result.Succeeded) return new SourcingResult(warehouse.Code, WarehouseReason(warehouse.Code), result.ReservationId!);
            firstShortages ??= result.Shortages;
            firstTried ??= warehouse.Code;
        }

        var stores = locations.Where(l => l.Type == LocationType.Store).Select(l => l.Code).ToList();
        if (stores.Count > 0)
        {
            var levels = await mediator.Send(new GetStockLevels(lines.Select(l => l.Sku).Distinct().ToList(), stores), ct);
            var candidates = stores
                .Select(code => (code, stock: levels.Where(s => s.Location == code).ToDictionary(s => s.Sku, s => s.Available)))
                .Where(c => lines.All(l => c.stock.GetValueOrDefault(l.Sku) >= l.Quantity))
                .OrderByDescending(c => lines.Sum(l => c.stock.GetValueOrDefault(l.Sku)))
                .ThenBy(c => c.code, StringComparer.Ordinal)
                .Select(c => c.code);
            foreach (var code in candidates)
            {
                var result = await TryReserveAsync(channel, code, reference, lines, reservationId, ct);
                if (result is null) continue;
                if (result.Succeeded)
                {
                    var why = firstTried is null
                        ? $"Delivery: no warehouse serves this channel; store {code} has every line."
                        : $"Delivery: warehouse {firstTried} is short of {string.Join(", ", firstShortages!.Select(s => s.Sku))}; store {code} has every line.";
                    return new SourcingResult(code, why, result.ReservationId!);
                }
                firstShortages ??= result.Shortages;
                firstTried ??= code;
            }
        }

        throw Refused(firstShortages ?? lines.Select(l => new StockShortage(l.Sku, l.Quantity, 0, ShortageReasons.OutOfStock)).ToList(),
            firstTried is null ? "No location this channel sells from can serve the order." : $"No location can serve every line (warehouse {firstTried} and no single store).");
    }

    private async Task<string> ReserveOrRefuseAsync(string channel, string location, string reference, IReadOnlyList<StockLine> lines, string reservationId,
        CancellationToken ct)
    {
        var result = await mediator.Send(new ReserveStock(channel, location, reference, lines, ReservationId: reservationId), ct);
        if (!result.Succeeded) throw Refused(result.Shortages, $"Location {location} cannot serve every line.");
        return result.ReservationId!;
    }

    /// <summary>Null when the channel does not sell from the location.</summary>
    private async Task<ReservationResult?> TryReserveAsync(string channel, string location, string reference, IReadOnlyList<StockLine> lines, string reservationId,
        CancellationToken ct)
    {
        try
        {
            // A refused attempt rolls back to its savepoint, hold included, so the next location reuses the id.
            return await mediator.Send(new ReserveStock(channel, location, reference, lines, ReservationId: reservationId), ct);
        }
        catch (AppException ex) when (ex.Kind == ErrorKind.Validation && ex.Errors.Any(e => e.Field == nameof(ReserveStock.Location)))
        {
            return null;
        }
    }

    public static OrderRefusedException Refused(IReadOnlyList<StockShortage> shortages, string summary) =>
        new(shortages.Select(s => new RefusedLine(s.Sku, s.Requested, s.Reason,
            s.Reason == ShortageReasons.QuotaExceeded
                ? $"asks {s.Requested}, more than the channel's quota allows ({s.Available} sellable)."
                : $"asks {s.Requested}, only {s.Available} available.", s.Available)).ToList(), summary);
}
