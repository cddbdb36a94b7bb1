using MediatR;
using OmniErp.Inventory.Contracts;
using OmniErp.Kernel.Data;

namespace OmniErp.Inventory.Locations;

internal sealed class GetLocationsHandler(DbSession session) : IRequestHandler<GetLocations, IReadOnlyList<LocationInfo>>
{
    public async Task<IReadOnlyList<LocationInfo>> Handle(GetLocations request, CancellationToken cancellationToken) =>
        (await LocationRows.ListAsync(session, activeOnly: true, cancellationToken)).Select(r => r.ToInfo()).ToList();
}

/// <summary>Reads locations with Dapper (booleans arrive as integers on SQLite, hence a class rather than a record).</summary>
internal sealed class LocationRow
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Type { get; set; } = "";
    public string? Address { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? OpeningHours { get; set; }
    public bool PickupEnabled { get; set; }
    public bool Active { get; set; }

    public LocationType LocationType => Enum.Parse<LocationType>(Type);

    public LocationInfo ToInfo() => new(Code, Name, LocationType, Address, Latitude, Longitude, PickupEnabled, OpeningHours);
}

internal static class LocationRows
{
    private const string Select =
        """
        SELECT code AS Code, name AS Name, type AS Type, address AS Address, latitude AS Latitude, longitude AS Longitude,
               opening_hours AS OpeningHours, pickup_enabled AS PickupEnabled, active AS Active
        FROM inventory.locations
        """;

    private const string Order = " ORDER BY CASE WHEN type = 'Store' THEN 0 ELSE 1 END, code";

    /// <summary>The active locations, stores first (parameter <c>@Active</c> = true).</summary>
    public const string SelectActive = Select + " WHERE active = @Active" + Order;

    public static async Task<IReadOnlyList<LocationRow>> ListAsync(DbSession session, bool activeOnly, CancellationToken ct) =>
        (await session.QueryAsync<LocationRow>(activeOnly ? SelectActive : Select + Order, new { Active = true }, ct)).ToList();

    public static Task<LocationRow?> FindAsync(DbSession session, string code, CancellationToken ct) =>
        session.QuerySingleOrDefaultAsync<LocationRow>(Select + " WHERE code = @Code", new { Code = code }, ct);
}
