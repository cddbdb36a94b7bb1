using Microsoft.EntityFrameworkCore;
using OmniErp.Catalog.Categories;
using OmniErp.Catalog.Products;
using OmniErp.Kernel.Data;

namespace OmniErp.Catalog.Data;

/// <summary>The Catalog module's tables (schema <c>catalog</c>); no other module reads or writes them.</summary>
internal sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options, DbSession session) : ModuleDbContext(options, session)
{
    protected override string Schema => "catalog";

    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Variant> Variants => Set<Variant>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Category>(e =>
        {
            e.ToTable("categories");
            e.HasKey(c => c.Id);
            e.Property(c => c.Code).IsRequired();
            e.Property(c => c.Name).IsRequired();
            e.Property(c => c.Path).IsRequired();
            e.HasIndex(c => c.Code).IsUnique();
            e.HasIndex(c => c.Path).IsUnique();
            e.HasOne<Category>().WithMany().HasForeignKey(c => c.ParentId);
        });

        modelBuilder.Entity<Product>(e =>
        {
            e.ToTable("products");
            e.HasKey(p => p.Id);
            e.Property(p => p.Code).IsRequired();
            e.Property(p => p.Name).IsRequired();
            e.Property(p => p.Slug).IsRequired();
            e.Property(p => p.Unit).IsRequired();
            e.Property(p => p.Status).HasConversion<string>().IsRequired();
            e.Property(p => p.ImageUrls).IsRequired().HasDefaultValue("");
            e.HasIndex(p => p.Code).IsUnique();
            e.HasIndex(p => p.Slug).IsUnique();
            e.HasIndex(p => p.Brand);
            e.HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(p => p.Variants).WithOne().HasForeignKey(v => v.ProductId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Channels).WithOne().HasForeignKey(c => c.ProductId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ProductChannel>(e =>
        {
            e.ToTable("product_channels");
            e.HasKey(c => new { c.ProductId, c.Channel });
            e.HasIndex(c => new { c.Channel, c.ProductId });
        });

        modelBuilder.Entity<Variant>(e =>
        {
            e.ToTable("variants");
            e.HasKey(v => v.Id);
            e.Property(v => v.Sku).IsRequired();
            e.Property(v => v.Name).IsRequired();
            e.Property(v => v.SearchText).IsRequired();
            e.Property(v => v.Position).HasDefaultValue(0);
            e.HasIndex(v => v.Sku).IsUnique();
            e.HasIndex(v => v.Barcode).IsUnique();
            e.HasIndex(v => v.Name);
            e.HasMany(v => v.Attributes).WithOne().HasForeignKey(a => a.VariantId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<VariantAttribute>(e =>
        {
            e.ToTable("variant_attributes");
            e.HasKey(a => new { a.VariantId, a.Name });
            e.Property(a => a.Value).IsRequired();
            e.HasIndex(a => new { a.Name, a.Value, a.VariantId });
        });
    }
}
