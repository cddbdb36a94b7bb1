using Microsoft.EntityFrameworkCore;
using OmniErp.Kernel.Data;

namespace OmniErp.Inventory.Data;

/// <summary>The Inventory module's tables (schema <c>inventory</c>); no other module reads or writes them.</summary>
internal sealed class InventoryDbContext(DbContextOptions<InventoryDbContext> options, DbSession session) : ModuleDbContext(options, session)
{
    protected override string Schema => "inventory";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}
