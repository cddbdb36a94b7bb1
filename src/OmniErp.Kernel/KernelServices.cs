using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Outbox;

namespace OmniErp.Kernel;

public static class KernelServices
{
    /// <summary>The database session, outbox and channel directory every module relies on.</summary>
    public static IServiceCollection AddKernel(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        DapperTypeHandlers.Register();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new DbConnectionFactory(provider, connectionString));
        services.AddScoped<DbSession>();
        services.AddScoped<OutboxBuffer>();
        services.AddScoped<IOutbox>(sp => sp.GetRequiredService<OutboxBuffer>());
        services.AddSingleton<OutboxDispatcher>();
        services.AddScoped<IChannelDirectory, ChannelDirectory>();
        return services;
    }
}
