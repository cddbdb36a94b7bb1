using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Modules;

namespace OmniErp.Orders.Marketplace;

/// <summary>
/// A full pass over every marketplace channel's feed (or one channel's): the baseline beside the per-SKU syncs that
/// stock and price events trigger. It catches what no event announces — a scheduled price or a promotion that takes
/// effect at its start time — and anything missed while the app was down. Each channel's pass is one
/// <see cref="SyncMarketplaceFeed"/> command, so a second pass right after finds nothing to push.
/// </summary>
internal static class FeedSync
{
    public static async Task<IReadOnlyList<(string Channel, int Changed)>> RunAsync(IServiceProvider services, string? channel, CancellationToken ct)
    {
        var channels = (await services.GetRequiredService<IChannelDirectory>().ListAsync(ct))
            .Where(c => c.Type == ChannelType.Marketplace && (channel is null || string.Equals(c.Code, channel, StringComparison.OrdinalIgnoreCase)))
            .Select(c => c.Code)
            .ToList();
        var results = new List<(string, int)>();
        foreach (var code in channels)
        {
            await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            results.Add((code, await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SyncMarketplaceFeed(code), ct)));
        }
        return results;
    }
}

/// <summary><c>feed-sync [CHANNEL]</c>: the full feed pass for every marketplace channel, or one; prints the rows changed.</summary>
internal sealed class FeedSyncVerb(IServiceProvider services) : ICliVerb
{
    public string Name => "feed-sync";
    public string Description => "compare every marketplace feed row (or one channel's: feed-sync CHANNEL) with what was last pushed and push the changes";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken ct)
    {
        if (args.Count > 1)
        {
            await output.WriteLineAsync("Usage: feed-sync [CHANNEL]");
            return 2;
        }
        var results = await FeedSync.RunAsync(services, args.Count == 1 ? args[0] : null, ct);
        if (results.Count == 0)
        {
            await output.WriteLineAsync(args.Count == 1 ? $"No marketplace channel '{args[0]}'." : "No marketplace channel.");
            return args.Count == 1 ? 1 : 0;
        }
        foreach (var (channel, changed) in results) await output.WriteLineAsync($"{channel}: {changed} feed rows changed");
        return 0;
    }
}

/// <summary>Configuration <c>Orders:FeedSync</c>: how often the full feed pass runs (0 turns it off).</summary>
internal sealed class FeedSyncOptions
{
    public TimeSpan Every { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Runs the full feed pass on a schedule. Safe on several instances: each pass compares with the stored rows in its
/// own transaction, so at worst two instances push the same values twice, which a marketplace's product API takes as
/// a no-op.
/// </summary>
internal sealed class FeedSyncSchedule(IServiceProvider services, IOptions<FeedSyncOptions> options, ILogger<FeedSyncSchedule> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = options.Value.Every;
        if (every <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    foreach (var (channel, changed) in await FeedSync.RunAsync(services, null, stoppingToken))
                        if (changed > 0) log.LogInformation("Full feed pass for {Channel}: {Changed} rows changed", channel, changed);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning(ex, "Full feed pass failed; the next one retries");
                }
            }
        }
        catch (OperationCanceledException) { }
    }
}
