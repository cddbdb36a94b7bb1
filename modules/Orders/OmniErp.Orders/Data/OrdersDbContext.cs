using Microsoft.EntityFrameworkCore;
using OmniErp.Kernel.Data;

namespace OmniErp.Orders.Data;

/// <summary>The Orders module's tables (schema <c>orders</c>); no other module reads or writes them.</summary>
internal sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options, DbSession session) : ModuleDbContext(options, session)
{
    protected override string Schema => "orders";

    public DbSet<OrderRow> Orders => Set<OrderRow>();
    public DbSet<OrderLineRow> OrderLines => Set<OrderLineRow>();
    public DbSet<OrderEventRow> OrderEvents => Set<OrderEventRow>();
    public DbSet<ReturnRow> Returns => Set<ReturnRow>();
    public DbSet<ReturnLineRow> ReturnLines => Set<ReturnLineRow>();
    public DbSet<IdempotencyKeyRow> IdempotencyKeys => Set<IdempotencyKeyRow>();
    public DbSet<WebhookReceiptRow> WebhookReceipts => Set<WebhookReceiptRow>();
    public DbSet<FeedRowRow> FeedRows => Set<FeedRowRow>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OrderRow>(e =>
        {
            e.ToTable("orders");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.Number).IsUnique();
            e.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.OrderId);
        });
        modelBuilder.Entity<OrderLineRow>(e =>
        {
            e.ToTable("order_lines");
            e.HasKey(x => new { x.OrderId, x.LineNo });
        });
        modelBuilder.Entity<OrderEventRow>(e =>
        {
            e.ToTable("order_events");
            e.HasKey(x => x.Id);
        });
        modelBuilder.Entity<ReturnRow>(e =>
        {
            e.ToTable("returns");
            e.HasKey(x => x.Id);
        });
        modelBuilder.Entity<ReturnLineRow>(e =>
        {
            e.ToTable("return_lines");
            e.HasKey(x => new { x.ReturnId, x.LineNo });
        });
        modelBuilder.Entity<IdempotencyKeyRow>(e =>
        {
            e.ToTable("idempotency_keys");
            e.HasKey(x => new { x.Channel, x.IdempotencyKey });
        });
        modelBuilder.Entity<WebhookReceiptRow>(e =>
        {
            e.ToTable("webhook_receipts");
            e.HasKey(x => x.Signature);
        });
        modelBuilder.Entity<FeedRowRow>(e =>
        {
            e.ToTable("feed_rows");
            e.HasKey(x => new { x.Channel, x.Sku });
        });
    }
}

internal sealed class OrderRow
{
    public long Id { get; set; }
    public string Number { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Fulfilment { get; set; } = "";
    public string Status { get; set; } = "";
    public string PaymentStatus { get; set; } = "";
    public string? PaymentMethod { get; set; }
    public long? CustomerId { get; set; }
    public string Location { get; set; } = "";
    public string SourcingReason { get; set; } = "";
    public string? ReservationId { get; set; }
    public string Currency { get; set; } = "";
    public decimal Subtotal { get; set; }
    public decimal DiscountTotal { get; set; }
    public decimal VatTotal { get; set; }
    public decimal Total { get; set; }
    public decimal AmountPaid { get; set; }
    public decimal RefundedAmount { get; set; }
    public string? DeliveryAddress { get; set; }
    public string? ExternalId { get; set; }
    public string? CouponCodes { get; set; }
    public string Quote { get; set; } = "";
    public string PlacedBy { get; set; } = "";
    public DateTimeOffset PlacedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int PointsRedeemed { get; set; }
    public List<OrderLineRow> Lines { get; set; } = [];
}

internal sealed class OrderLineRow
{
    public long OrderId { get; set; }
    public int LineNo { get; set; }
    public string Sku { get; set; } = "";
    public string? Name { get; set; }
    public int Quantity { get; set; }
    public decimal ListUnitPrice { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal DiscountTotal { get; set; }
    public decimal LineTotal { get; set; }
    public int VatRate { get; set; }
    public decimal VatAmount { get; set; }
    public string Discounts { get; set; } = "[]";
    public int ReturnedQuantity { get; set; }
}

internal sealed class OrderEventRow
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public string Action { get; set; } = "";
    public string? FromStatus { get; set; }
    public string ToStatus { get; set; } = "";
    public string Actor { get; set; } = "";
    public string? Note { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}

internal sealed class ReturnRow
{
    public long Id { get; set; }
    public string Number { get; set; } = "";
    public long OrderId { get; set; }
    public string Channel { get; set; } = "";
    public string Location { get; set; } = "";
    public decimal RefundAmount { get; set; }
    public string? Reason { get; set; }
    public string Actor { get; set; } = "";
    public DateTimeOffset ReturnedAt { get; set; }
}

internal sealed class ReturnLineRow
{
    public long ReturnId { get; set; }
    public int LineNo { get; set; }
    public string Sku { get; set; } = "";
    public int Quantity { get; set; }
    public bool Restock { get; set; }
    public decimal RefundAmount { get; set; }
}

internal sealed class IdempotencyKeyRow
{
    public string Channel { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public long? OrderId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class WebhookReceiptRow
{
    public string Signature { get; set; } = "";
    public string Channel { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
}

internal sealed class FeedRowRow
{
    public string Channel { get; set; } = "";
    public string Sku { get; set; } = "";
    public string Currency { get; set; } = "";
    public decimal Price { get; set; }
    public int Available { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}
