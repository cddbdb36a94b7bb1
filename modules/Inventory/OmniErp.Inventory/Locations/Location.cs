using OmniErp.Inventory.Contracts;

namespace OmniErp.Inventory.Locations;

/// <summary>A store or a warehouse that holds stock.</summary>
internal sealed class Location
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public LocationType Type { get; set; }
    public string? Address { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    /// <summary>Weekly hours in <see cref="Locations.OpeningHours"/> notation, e.g. <c>Mo-Fr 08:00-21:30; Sa-Su 08:00-22:00</c>.</summary>
    public string? OpeningHours { get; set; }

    public bool PickupEnabled { get; set; }
    public bool Active { get; set; } = true;
}
