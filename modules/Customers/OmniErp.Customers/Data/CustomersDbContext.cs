using Microsoft.EntityFrameworkCore;
using OmniErp.Customers.Profiles;
using OmniErp.Kernel.Data;

namespace OmniErp.Customers.Data;

/// <summary>
/// The Customers module's tables (schema <c>customers</c>); no other module reads or writes them. EF maps the profile
/// (customer, addresses, consents) for plain edits; the ledger, sessions, carts and wishlists are written with single
/// conditional SQL statements (see their slices), because their rules are "check then write" in one statement.
/// </summary>
internal sealed class CustomersDbContext(DbContextOptions<CustomersDbContext> options, DbSession session) : ModuleDbContext(options, session)
{
    protected override string Schema => "customers";

    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Address> Addresses => Set<Address>();
    public DbSet<Consent> Consents => Set<Consent>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>(e =>
        {
            e.ToTable("customers");
            e.HasKey(c => c.Id);
            e.Property(c => c.Name).IsRequired();
            e.Property(c => c.GroupCode).IsRequired();
            e.Property(c => c.Tier).IsRequired();
            e.Property(c => c.FirstChannel).IsRequired();
            e.HasIndex(c => c.Phone).IsUnique();
            e.HasIndex(c => c.Email).IsUnique();
        });
        modelBuilder.Entity<Address>(e =>
        {
            e.ToTable("addresses");
            e.HasKey(a => a.Id);
            e.Property(a => a.Recipient).IsRequired();
            e.Property(a => a.Line1).IsRequired();
            e.Property(a => a.Province).IsRequired();
            e.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId);
        });
        modelBuilder.Entity<Consent>(e =>
        {
            e.ToTable("consents");
            e.HasKey(c => c.Id);
            e.Property(c => c.Channel).IsRequired();
            e.Property(c => c.Source).IsRequired();
            e.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId);
        });
    }
}
