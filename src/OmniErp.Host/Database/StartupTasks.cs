using Microsoft.Extensions.Options;
using OmniErp.Kernel.Data;

namespace OmniErp.Host.Database;

/// <summary>Before the server takes requests: migrate (unless turned off) and seed the demo chain into an empty database.</summary>
internal sealed class StartupTasks(IServiceProvider services, IOptions<DatabaseOptions> options, ILogger<StartupTasks> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStartup)
            await services.GetRequiredService<Migrator>().MigrateAsync(cancellationToken);
        else
            log.LogInformation("Database:MigrateOnStartup is off; run 'migrate' to apply pending scripts");

        if (options.Value.MigrateOnStartup && options.Value.SeedDemoData)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
