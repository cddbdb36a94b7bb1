using MediatR;
using OmniErp.Inventory.Contracts;
using OmniErp.Kernel.Data;

namespace OmniErp.Inventory.Locations;

/// <summary>
/// The store locator: active stores by great-circle distance from a point, each with its stock of the SKUs asked and
/// whether a pickup ordered now can be collected today (pickup on, open today and not yet closed).
/// </summary>
internal sealed class FindStoresNearHandler(DbSession session, IMediator sender, TimeProvider clock) : IRequestHandler<FindStoresNear, IReadOnlyList<StoreNearby>>
{
    public async Task<IReadOnlyList<StoreNearby>> Handle(FindStoresNear request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stores = (await LocationRows.ListAsync(session, activeOnly: true, cancellationToken))
            .Where(l => l.LocationType == LocationType.Store && l.Latitude is not null && l.Longitude is not null)
            .Select(l => (Row: l, Km: Geo.DistanceKm(request.Latitude, request.Longitude, l.Latitude!.Value, l.Longitude!.Value)))
            .Where(s => request.WithinKm is null || s.Km <= request.WithinKm)
            .OrderBy(s => s.Km).ThenBy(s => s.Row.Code)
            .Take(Math.Clamp(request.Limit, 1, 100))
            .ToList();
        if (stores.Count == 0) return [];

        var skus = request.Skus.Distinct().ToList();
        var levels = skus.Count == 0
            ? []
            : await sender.Send(new GetStockLevels(skus, stores.Select(s => s.Row.Code).ToList()), cancellationToken);
        return stores.Select(s =>
        {
            var hours = OpeningHours.TryParse(s.Row.OpeningHours);
            var stock = skus.Select(sku => levels.FirstOrDefault(l => l.Sku == sku && l.Location == s.Row.Code) ?? new StockLevel(sku, s.Row.Code, 0, 0, 0)).ToList();
            return new StoreNearby(
                s.Row.ToInfo(),
                Math.Round(s.Km, 2),
                hours?.IsOpen(now) ?? false,
                OpeningHours.Describe(hours?.On(now)),
                s.Row.PickupEnabled && (hours?.StillOpenToday(now) ?? false),
                stock);
        }).ToList();
    }
}

internal static class Geo
{
    private const double EarthRadiusKm = 6371.0088;

    /// <summary>Haversine distance in kilometres.</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
