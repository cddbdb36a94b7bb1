using Microsoft.EntityFrameworkCore;
using OmniErp.Kernel.Data;

namespace OmniErp.Pricing.Data;

/// <summary>The Pricing module's tables (schema <c>pricing</c>); no other module reads or writes them.</summary>
internal sealed class PricingDbContext(DbContextOptions<PricingDbContext> options, DbSession session) : ModuleDbContext(options, session)
{
    protected override string Schema => "pricing";

    public DbSet<BasePrice> BasePrices => Set<BasePrice>();
    public DbSet<ChannelPrice> ChannelPrices => Set<ChannelPrice>();
    public DbSet<ChannelPolicyRow> ChannelPolicies => Set<ChannelPolicyRow>();
    public DbSet<ScheduledPriceRow> ScheduledPrices => Set<ScheduledPriceRow>();
    public DbSet<SegmentPriceRow> SegmentPrices => Set<SegmentPriceRow>();
    public DbSet<QuantityBreakRow> QuantityBreaks => Set<QuantityBreakRow>();
    public DbSet<Promotion> Promotions => Set<Promotion>();
    public DbSet<Coupon> Coupons => Set<Coupon>();
    public DbSet<PriceChange> PriceChanges => Set<PriceChange>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<BasePrice>(e =>
        {
            e.ToTable("base_prices");
            e.HasKey(p => p.Sku);
            e.Property(p => p.Currency).IsRequired();
            e.Property(p => p.UpdatedBy).IsRequired();
        });
        modelBuilder.Entity<ChannelPrice>(e =>
        {
            e.ToTable("channel_prices");
            e.HasKey(p => new { p.Sku, p.Channel });
            e.Property(p => p.UpdatedBy).IsRequired();
            e.HasOne<BasePrice>().WithMany().HasForeignKey(p => p.Sku).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ChannelPolicyRow>(e =>
        {
            e.ToTable("channel_policies");
            e.HasKey(p => p.Channel);
        });
        modelBuilder.Entity<ScheduledPriceRow>(e =>
        {
            e.ToTable("scheduled_prices");
            e.HasKey(p => p.Id);
            e.Property(p => p.Sku).IsRequired();
            e.Property(p => p.CreatedBy).IsRequired();
            e.HasOne<BasePrice>().WithMany().HasForeignKey(p => p.Sku).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<SegmentPriceRow>(e =>
        {
            e.ToTable("segment_prices");
            e.HasKey(p => new { p.Sku, p.Segment });
            e.HasOne<BasePrice>().WithMany().HasForeignKey(p => p.Sku).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<QuantityBreakRow>(e =>
        {
            e.ToTable("quantity_breaks");
            e.HasKey(p => new { p.Sku, p.MinQuantity });
            e.HasOne<BasePrice>().WithMany().HasForeignKey(p => p.Sku).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Promotion>(e =>
        {
            e.ToTable("promotions");
            e.HasKey(p => p.Id);
            e.Property(p => p.Code).IsRequired();
            e.Property(p => p.Name).IsRequired();
            e.Property(p => p.Kind).IsRequired();
            e.Property(p => p.Target).IsRequired();
            e.Property(p => p.Stacking).IsRequired();
            e.Property(p => p.Channels).IsRequired();
            e.HasIndex(p => p.Code).IsUnique();
        });
        modelBuilder.Entity<Coupon>(e =>
        {
            e.ToTable("coupons");
            e.HasKey(c => c.Code);
            e.HasOne<Promotion>().WithMany().HasForeignKey(c => c.PromotionId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PriceChange>(e =>
        {
            e.ToTable("price_changes");
            e.HasKey(c => c.Id);
            e.Property(c => c.Kind).IsRequired();
            e.Property(c => c.ChangedBy).IsRequired();
            e.Property(c => c.Source).IsRequired();
        });
    }
}
