using Microsoft.EntityFrameworkCore;
using OmniErp.Kernel.Data;

namespace OmniErp.Customers.Data;

/// <summary>The Customers module's tables (schema <c>customers</c>); no other module reads or writes them.</summary>
internal sealed class CustomersDbContext(DbContextOptions<CustomersDbContext> options, DbSession session) : ModuleDbContext(options, session)
{
    protected override string Schema => "customers";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}
