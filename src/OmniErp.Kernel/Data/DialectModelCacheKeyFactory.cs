using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace OmniErp.Kernel.Data;

/// <summary>A module's EF model differs by dialect (schemas vs prefixes), so the model cache is keyed by both.</summary>
internal sealed class DialectModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), context.Database.ProviderName, designTime);
}
