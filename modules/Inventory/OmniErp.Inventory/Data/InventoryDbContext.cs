using Microsoft.EntityFrameworkCore;
using OmniErp.Inventory.Contracts;
using OmniErp.Inventory.Ledger;
using OmniErp.Inventory.Locations;
using OmniErp.Inventory.StockCounts;
using OmniErp.Inventory.StockTransfers;
using OmniErp.Kernel.Data;

namespace OmniErp.Inventory.Data;

/// <summary>
/// The Inventory module's tables (schema <c>inventory</c>); no other module reads or writes them. EF Core writes the
/// aggregates edited on pages (locations, transfers, counts); stock, the ledger and reservations are written by
/// <see cref="StockLedger"/> with conditional SQL statements, because every change there is a "check then write".
/// </summary>
internal sealed class InventoryDbContext(DbContextOptions<InventoryDbContext> options, DbSession session) : ModuleDbContext(options, session)
{
    protected override string Schema => "inventory";

    public DbSet<Location> Locations => Set<Location>();
    public DbSet<Transfer> Transfers => Set<Transfer>();
    public DbSet<StockCount> StockCounts => Set<StockCount>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Location>(e =>
        {
            e.ToTable("locations");
            e.HasKey(x => x.Code);
            e.Property(x => x.Type).HasConversion<string>();
            e.Property(x => x.PickupEnabled).HasDefaultValue(false);
            e.Property(x => x.Active).HasDefaultValue(true);
        });

        modelBuilder.Entity<StockRow>(e =>
        {
            e.ToTable("stock");
            e.HasKey(x => new { x.Sku, x.Location });
            e.HasOne<Location>().WithMany().HasForeignKey(x => x.Location).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.Location, x.Sku }).HasDatabaseName("ix_inventory_stock_location");
        });

        modelBuilder.Entity<Movement>(e =>
        {
            e.ToTable("movements");
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasConversion<string>();
            e.Property(x => x.UnitCost).HasColumnType("numeric(18,4)");
            e.HasOne<Location>().WithMany().HasForeignKey(x => x.Location).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.Sku, x.Location, x.Id }).HasDatabaseName("ix_inventory_movements_sku_location");
            e.HasIndex(x => new { x.Location, x.OccurredAt }).HasDatabaseName("ix_inventory_movements_location_occurred");
        });

        modelBuilder.Entity<ChannelSetting>(e =>
        {
            e.ToTable("channel_settings");
            e.HasKey(x => x.Channel);
            e.HasMany(x => x.Locations).WithOne().HasForeignKey(x => x.Channel);
        });
        modelBuilder.Entity<ChannelLocation>(e =>
        {
            e.ToTable("channel_locations");
            e.HasKey(x => new { x.Channel, x.Location });
            e.HasOne<Location>().WithMany().HasForeignKey(x => x.Location).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Reservation>(e =>
        {
            e.ToTable("reservations");
            e.HasKey(x => x.Id);
            e.Property(x => x.Status).HasConversion<string>();
            e.HasOne<Location>().WithMany().HasForeignKey(x => x.Location).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.ReservationId);
            e.HasIndex(x => x.ExpiresAt).HasDatabaseName("ix_inventory_reservations_expiry")
                .HasFilter("status = 'Held' AND expires_at IS NOT NULL");
            e.HasIndex(x => x.Reference).HasDatabaseName("ix_inventory_reservations_reference");
        });
        modelBuilder.Entity<ReservationLine>(e =>
        {
            e.ToTable("reservation_lines");
            e.HasKey(x => new { x.ReservationId, x.Sku });
        });

        modelBuilder.Entity<SkuCost>(e =>
        {
            e.ToTable("sku_costs");
            e.HasKey(x => x.Sku);
            e.Property(x => x.AverageCost).HasColumnType("numeric(18,4)");
        });

        modelBuilder.Entity<Transfer>(e =>
        {
            e.ToTable("transfers");
            e.HasKey(x => x.Id);
            e.Property(x => x.Status).HasConversion<string>();
            e.HasOne<Location>().WithMany().HasForeignKey(x => x.FromLocation).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Location>().WithMany().HasForeignKey(x => x.ToLocation).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.TransferId);
            e.HasIndex(x => new { x.Status, x.ShippedAt }).HasDatabaseName("ix_inventory_transfers_status");
        });
        modelBuilder.Entity<TransferLine>(e =>
        {
            e.ToTable("transfer_lines");
            e.HasKey(x => new { x.TransferId, x.Sku });
        });

        modelBuilder.Entity<StockCount>(e =>
        {
            e.ToTable("stock_counts");
            e.HasKey(x => x.Id);
            e.Property(x => x.Status).HasConversion<string>();
            e.HasOne<Location>().WithMany().HasForeignKey(x => x.Location).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.CountId);
        });
        modelBuilder.Entity<StockCountLine>(e =>
        {
            e.ToTable("stock_count_lines");
            e.HasKey(x => new { x.CountId, x.Sku });
        });
    }
}

/// <summary>Stock of one SKU at one location. Written only by <see cref="StockLedger"/>.</summary>
internal sealed class StockRow
{
    public string Sku { get; set; } = "";
    public string Location { get; set; } = "";
    public int OnHand { get; set; }
    public int Reserved { get; set; }
    public int ReorderPoint { get; set; }
    public int ReorderQuantity { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ChannelSetting
{
    public string Channel { get; set; } = "";
    public int SafetyBuffer { get; set; }
    public int? Quota { get; set; }
    public List<ChannelLocation> Locations { get; set; } = [];
}

internal sealed class ChannelLocation
{
    public string Channel { get; set; } = "";
    public string Location { get; set; } = "";
    public int Priority { get; set; }
}

internal enum ReservationStatus
{
    Held,
    Released,
    Consumed,
    Expired,
}

internal sealed class Reservation
{
    public string Id { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Location { get; set; } = "";
    public string Reference { get; set; } = "";
    public ReservationStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? CloseReason { get; set; }
    public List<ReservationLine> Lines { get; set; } = [];
}

internal sealed class ReservationLine
{
    public string ReservationId { get; set; } = "";
    public string Sku { get; set; } = "";
    public int Quantity { get; set; }
}

internal sealed class SkuCost
{
    public string Sku { get; set; } = "";
    public decimal AverageCost { get; set; }
    public string Currency { get; set; } = "VND";
    public DateTimeOffset UpdatedAt { get; set; }
}
