using MediatR;
using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Outbox;

namespace OmniErp.Inventory.Contracts;

// The one stock truth. Every sale path reserves through ReserveStock, atomically, all lines or none.

public enum LocationType
{
    Store,
    Warehouse,
}

public sealed record LocationInfo(
    string Code,
    string Name,
    LocationType Type,
    string? Address,
    double? Latitude,
    double? Longitude,
    bool PickupEnabled,
    string? OpeningHours);

public sealed record GetLocations : IQuery<IReadOnlyList<LocationInfo>>;

public sealed record StockLine(string Sku, int Quantity);

/// <summary>Per location, what is on hand, reserved and available for the SKUs asked.</summary>
public sealed record GetStockLevels(IReadOnlyCollection<string> Skus, IReadOnlyCollection<string>? Locations = null) : IQuery<IReadOnlyList<StockLevel>>;

public sealed record StockLevel(string Sku, string Location, int OnHand, int Reserved, int Available);

/// <summary>What a channel may sell of each SKU now (its locations, less its safety buffer, capped by its quota).</summary>
public sealed record GetChannelAvailability(string Channel, IReadOnlyCollection<string> Skus) : IQuery<IReadOnlyList<ChannelAvailability>>;

public sealed record ChannelAvailability(string Sku, int Available);

/// <summary>
/// Reserves every line at one location for a channel, or nothing. With <see cref="HoldFor"/> the hold lapses by itself
/// (checkout); without, it lasts until released or consumed.
/// </summary>
public sealed record ReserveStock(string Channel, string Location, string Reference, IReadOnlyList<StockLine> Lines, TimeSpan? HoldFor = null)
    : ICommand<ReservationResult>;

public sealed record StockShortage(string Sku, int Requested, int Available, string Reason);

public sealed record ReservationResult(bool Succeeded, string? ReservationId, DateTimeOffset? ExpiresAt, IReadOnlyList<StockShortage> Shortages);

/// <summary>Gives reserved units back (cancel). Idempotent.</summary>
public sealed record ReleaseReservation(string ReservationId, string Reason) : ICommand<Unit>;

/// <summary>Turns a reservation into sale movements on the ledger (fulfilment). Idempotent.</summary>
public sealed record ConsumeReservation(string ReservationId) : ICommand<Unit>;

/// <summary>Puts returned units back on hand (restock) or records them written off.</summary>
public sealed record ReceiveReturn(string Location, string Reference, IReadOnlyList<StockLine> Lines, bool Restock) : ICommand<Unit>;

/// <summary>On hand or availability of a SKU changed at a location (feeds and back-in-stock notices listen).</summary>
public sealed record StockChanged(string Sku, string Location, int OnHand, int Available) : IIntegrationEvent;
