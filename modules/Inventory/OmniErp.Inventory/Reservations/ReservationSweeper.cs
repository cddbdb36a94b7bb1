using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OmniErp.Inventory.Reservations;

internal sealed class ReservationSweepOptions
{
    public bool Enabled { get; set; } = true;
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Releases expired holds without anyone asking, so a checkout abandoned or a crash between reserve and order never
/// keeps stock held. Safe on several instances (the sweep skips rows another instance holds).
/// </summary>
internal sealed class ReservationSweeper(IServiceScopeFactory scopes, IOptions<ReservationSweepOptions> options, ILogger<ReservationSweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(scopes, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Reservation sweep failed; retrying");
            }

            try { await Task.Delay(options.Value.Interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Sweeps until no expired hold is left; returns how many lapsed.</summary>
    public static async Task<int> SweepAsync(IServiceScopeFactory scopes, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var lapsed = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ReleaseExpiredReservations(), ct);
            total += lapsed;
            if (lapsed < 200) return total;
        }
    }
}
