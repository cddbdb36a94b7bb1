using Microsoft.EntityFrameworkCore;
using OmniErp.Kernel.Data;

namespace OmniErp.Pricing.Data;

/// <summary>The Pricing module's tables (schema <c>pricing</c>); no other module reads or writes them.</summary>
internal sealed class PricingDbContext(DbContextOptions<PricingDbContext> options, DbSession session) : ModuleDbContext(options, session)
{
    protected override string Schema => "pricing";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}
