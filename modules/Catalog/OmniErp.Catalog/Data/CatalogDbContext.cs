using Microsoft.EntityFrameworkCore;
using OmniErp.Kernel.Data;

namespace OmniErp.Catalog.Data;

/// <summary>The Catalog module's tables (schema <c>catalog</c>); no other module reads or writes them.</summary>
internal sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options, DbSession session) : ModuleDbContext(options, session)
{
    protected override string Schema => "catalog";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}
