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
/// (checkout); without, it lasts until released or consumed. <see cref="ReservationId"/> lets the caller choose the hold's
/// id (up to 64 characters, unique), e.g. to write it on its own rows before reserving; by default a new one is made.
/// </summary>
public sealed record ReserveStock(string Channel, string Location, string Reference, IReadOnlyList<StockLine> Lines, TimeSpan? HoldFor = null,
    string? ReservationId = null) : ICommand<ReservationResult>;

public sealed record StockShortage(string Sku, int Requested, int Available, string Reason);

public sealed record ReservationResult(bool Succeeded, string? ReservationId, DateTimeOffset? ExpiresAt, IReadOnlyList<StockShortage> Shortages);

/// <summary>Gives reserved units back (cancel). Idempotent.</summary>
public sealed record ReleaseReservation(string ReservationId, string Reason) : ICommand<Unit>;

/// <summary>Turns a reservation into sale movements on the ledger (fulfilment). Idempotent.</summary>
public sealed record ConsumeReservation(string ReservationId) : ICommand<Unit>;

/// <summary>
/// Brings past trade onto the ledger at the moments it happened (a retailer's history when moving to OmniErp; the demo
/// seed): each sale becomes Sale movements, each restocked return Return movements, dated when they happened. A sale is
/// posted only if the location had the units then and keeps at least zero on hand at every later moment of its ledger
/// (and now, above what is reserved); the references of sales that could not be posted are returned, and nothing of
/// them (nor of their returns) is written. Publishes no <see cref="StockChanged"/>: it is history, not news.
/// Live trade never uses this: orders reserve and consume.
/// </summary>
public sealed record PostPastSales(IReadOnlyList<PastSale> Sales, IReadOnlyList<PastReturn> Returns) : ICommand<IReadOnlyList<string>>;

public sealed record PastSale(string Reference, string Location, DateTimeOffset OccurredAt, IReadOnlyList<StockLine> Lines);

/// <summary>Units of a past sale (<see cref="SaleReference"/>) that came back and were put back on the shelf.</summary>
public sealed record PastReturn(string SaleReference, string Reference, string Location, DateTimeOffset OccurredAt, IReadOnlyList<StockLine> Lines);

/// <summary>Puts returned units back on hand (restock) or records them written off.</summary>
public sealed record ReceiveReturn(string Location, string Reference, IReadOnlyList<StockLine> Lines, bool Restock) : ICommand<Unit>;

/// <summary>On hand or availability of a SKU changed at a location (feeds and back-in-stock notices listen).</summary>
public sealed record StockChanged(string Sku, string Location, int OnHand, int Available) : IIntegrationEvent;

/// <summary>The codes <see cref="StockShortage.Reason"/> takes.</summary>
public static class ShortageReasons
{
    /// <summary>Fewer units are available (on hand less reserved less the channel's buffer) than asked.</summary>
    public const string OutOfStock = "OUT_OF_STOCK";

    /// <summary>The line asks for more than the channel's quota lets it sell of one SKU.</summary>
    public const string QuotaExceeded = "QUOTA_EXCEEDED";
}

/// <summary>The store locator: active stores nearest a point, with the stock of the given SKUs and pickup today.</summary>
public sealed record FindStoresNear(double Latitude, double Longitude, IReadOnlyCollection<string> Skus, int Limit = 10, double? WithinKm = null)
    : IQuery<IReadOnlyList<StoreNearby>>;

/// <summary>A store, how far it is, its hours today (local time) and whether a pickup ordered now is collectable today.</summary>
public sealed record StoreNearby(LocationInfo Store, double DistanceKm, bool OpenNow, string? HoursToday, bool PickupToday, IReadOnlyList<StockLevel> Stock);

/// <summary>Weighted average cost per SKU (updated on receipts), for inventory valuation and COGS.</summary>
public sealed record GetSkuCosts(IReadOnlyCollection<string> Skus) : IQuery<IReadOnlyList<SkuCostInfo>>;

public sealed record SkuCostInfo(string Sku, decimal AverageCost, string Currency);

/// <summary>The inventory valuation: on hand at each location times the SKU's weighted average cost.</summary>
public sealed record GetStockValuation(string? Location = null) : IQuery<IReadOnlyList<StockValuationLine>>;

public sealed record StockValuationLine(string Location, string Sku, int OnHand, decimal AverageCost, decimal Value, string Currency);

/// <summary>A reservation as it stands (Held, Released, Consumed or Expired), or null when unknown.</summary>
public sealed record GetReservation(string ReservationId) : IQuery<ReservationInfo?>;

public sealed record ReservationInfo(string ReservationId, string Channel, string Location, string Reference, string Status, DateTimeOffset? ExpiresAt, IReadOnlyList<StockLine> Lines);
