using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Outbox;

namespace OmniErp.Kernel;

public static class KernelServices
{
    /// <summary>The database session, outbox and channel directory every module relies on.</summary>
    /// <param name="connectionFactory">Builds the connection factory from configuration when the container first needs it.</param>
    public static IServiceCollection AddKernel(this IServiceCollection services, Func<IServiceProvider, DbConnectionFactory> connectionFactory)
    {
        DapperTypeHandlers.Register();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(connectionFactory);
        services.AddScoped<DbSession>();
        services.AddScoped<OutboxBuffer>();
        services.AddScoped<IOutbox>(sp => sp.GetRequiredService<OutboxBuffer>());
        services.AddScoped<Messaging.UnitOfWork>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<ChannelCache>();
        services.AddScoped<IChannelDirectory, ChannelDirectory>();
        return services;
    }
}
