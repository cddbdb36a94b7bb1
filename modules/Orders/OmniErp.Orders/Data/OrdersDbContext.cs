using Microsoft.EntityFrameworkCore;
using OmniErp.Kernel.Data;

namespace OmniErp.Orders.Data;

/// <summary>The Orders module's tables (schema <c>orders</c>); no other module reads or writes them.</summary>
internal sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options, DbSession session) : ModuleDbContext(options, session)
{
    protected override string Schema => "orders";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}
