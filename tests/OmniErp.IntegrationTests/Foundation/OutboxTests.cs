using System.Collections.Concurrent;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Outbox;

namespace OmniErp.IntegrationTests.Foundation;

public sealed record ProbeHappened(string RunId, int Number) : IIntegrationEvent;

/// <summary>Counts deliveries per run, so parallel tests do not see each other's events.</summary>
public sealed class ProbeHandler : INotificationHandler<ProbeHappened>
{
    public static readonly ConcurrentDictionary<string, ConcurrentBag<int>> Delivered = new();

    public Task Handle(ProbeHappened notification, CancellationToken cancellationToken)
    {
        Delivered.GetOrAdd(notification.RunId, _ => []).Add(notification.Number);
        return Task.CompletedTask;
    }
}

public sealed class OutboxTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    private static void Probe(IServiceCollection services, ManualClock? clock = null)
    {
        EventTypes.Register([typeof(ProbeHappened)]);
        services.AddScoped<INotificationHandler<ProbeHappened>, ProbeHandler>();
        if (clock is not null) services.AddSingleton<TimeProvider>(clock);
    }

    /// <summary>Writes events in a committed transaction, as a command's unit of work does, and dispatches nothing.</summary>
    private static Task CommitEventsAsync(TestApp app, string runId, int count) => app.InScopeAsync(async sp =>
    {
        var session = sp.GetRequiredService<DbSession>();
        var outbox = sp.GetRequiredService<OutboxBuffer>();
        await session.BeginAsync();
        for (var i = 0; i < count; i++) outbox.Add(new ProbeHappened(runId, i));
        await outbox.FlushAsync(default);
        await session.CommitAsync();
    });

    [SkippableTheory, Databases]
    public async Task Events_committed_before_a_crash_are_delivered_by_the_next_instance(Db db)
    {
        PostgresGuard.SkipIfUnavailable(db);
        var run = Guid.NewGuid().ToString("N");
        await using var database = await TestDatabase.CreateAsync(db);

        // First instance: the transaction commits, then the process dies before any dispatch.
        await using (var crashed = await TestApp.StartOnAsync(database, services: s => Probe(s)))
            await CommitEventsAsync(crashed, run, 3);
        Assert.False(ProbeHandler.Delivered.ContainsKey(run));

        await using var next = await TestApp.StartOnAsync(database, services: s => Probe(s));
        var dispatcher = next.Services.GetRequiredService<OutboxDispatcher>();
        Assert.Equal(3, await dispatcher.DispatchBatchAsync());
        Assert.Equal(0, await dispatcher.DispatchBatchAsync());

        Assert.Equal([0, 1, 2], ProbeHandler.Delivered[run].Order());
        Assert.Equal(0, await next.ScalarAsync<long>("SELECT COUNT(*) FROM kernel.outbox WHERE processed_at IS NULL"));
    }

    [SkippableTheory, Databases]
    public async Task A_batch_claimed_by_an_instance_that_died_is_delivered_once_its_lease_lapses(Db db)
    {
        var run = Guid.NewGuid().ToString("N");
        var clock = new ManualClock(T0);
        await using var app = await TestApp.StartAsync(db, services: s => Probe(s, clock));
        await CommitEventsAsync(app, run, 2);
        // Another instance claimed the rows and died before delivering them.
        await app.InScopeAsync(sp => sp.GetRequiredService<DbSession>().ExecuteAsync(
            "UPDATE kernel.outbox SET locked_by = 'dead-instance', locked_until = @until, attempts = 1", new { until = T0 + OutboxDispatcher.Lease }));
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();

        Assert.Equal(0, await dispatcher.DispatchBatchAsync());
        clock.Advance(OutboxDispatcher.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(2, await dispatcher.DispatchBatchAsync());

        Assert.Equal(2, ProbeHandler.Delivered[run].Count);
    }

    [SkippableTheory, Databases]
    public async Task A_redelivered_event_reaches_each_handler_only_once(Db db)
    {
        var run = Guid.NewGuid().ToString("N");
        await using var app = await TestApp.StartAsync(db, services: s => Probe(s));
        await CommitEventsAsync(app, run, 1);
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.DispatchBatchAsync();

        // At-least-once: the processed mark is lost (e.g. a crash after delivery) and the event goes out again.
        await app.InScopeAsync(sp => sp.GetRequiredService<DbSession>().ExecuteAsync("UPDATE kernel.outbox SET processed_at = NULL"));
        Assert.Equal(1, await dispatcher.DispatchBatchAsync());

        Assert.Single(ProbeHandler.Delivered[run]);
    }

    [SkippableTheory, Databases]
    public async Task Two_dispatchers_draining_at_once_deliver_every_event_exactly_once(Db db)
    {
        PostgresGuard.SkipIfUnavailable(db);
        var run = Guid.NewGuid().ToString("N");
        await using var database = await TestDatabase.CreateAsync(db);
        await using var a = await TestApp.StartOnAsync(database, services: s => Probe(s));
        await using var b = await TestApp.StartOnAsync(database, services: s => Probe(s));
        await CommitEventsAsync(a, run, 120);

        async Task Drain(OutboxDispatcher d)
        {
            while (await d.DispatchBatchAsync(batchSize: 7) > 0) { }
        }
        await Task.WhenAll(Task.Run(() => Drain(a.Services.GetRequiredService<OutboxDispatcher>())),
                           Task.Run(() => Drain(b.Services.GetRequiredService<OutboxDispatcher>())));

        var delivered = ProbeHandler.Delivered[run].ToList();
        Assert.Equal(120, delivered.Count);
        Assert.Equal(Enumerable.Range(0, 120), delivered.Order());
    }
}
