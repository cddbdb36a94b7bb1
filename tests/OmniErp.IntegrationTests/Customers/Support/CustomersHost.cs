using MediatR;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Outbox;

namespace OmniErp.IntegrationTests.Customers.Support;

/// <summary>
/// The real host (<see cref="TestApp"/>) on a fresh database with a clock the scenario moves, the module's sweepers
/// off (scenarios run them by sending their commands), and helpers to publish other modules' events and read what
/// Customers wrote to the outbox.
/// </summary>
public sealed class CustomersHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 3, 0, 0, TimeSpan.Zero);

    /// <summary>An hour after the demo seed's "today" (TestApp's Demo:Today), so seeded prices, promotions and stock are current.</summary>
    public static readonly DateTimeOffset DemoStart = new(2026, 11, 20, 4, 0, 0, TimeSpan.Zero);

    private CustomersHost(TestApp app, ManualClock clock)
    {
        App = app;
        Clock = clock;
    }

    public TestApp App { get; }
    public ManualClock Clock { get; }
    public IServiceProvider Services => App.Services;

    /// <param name="demo">
    /// Start on a copy of the demo database (scale 0.1): real SKUs, prices and stock from Catalog, Pricing and Inventory
    /// for carts and wishlists (see <see cref="Assortment"/>). Scenarios then use 092… phones, a prefix the seed never deals.
    /// </param>
    public static async Task<CustomersHost> StartAsync(Db db, IDictionary<string, string?>? settings = null, bool demo = false)
    {
        var clock = new ManualClock(demo ? DemoStart : Start);
        var all = new Dictionary<string, string?>
        {
            ["Customers:Loyalty:SweepInterval"] = "00:00:00",
            ["Customers:Carts:SweepInterval"] = "00:00:00",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        all.TryAdd("Inventory:ReservationSweep:Enabled", "false");
        var app = await TestApp.StartAsync(db, demo, settings: all, services: s => s.AddSingleton<TimeProvider>(clock));
        return new CustomersHost(app, clock);
    }

    public Task<T> SendAsync<T>(IRequest<T> request) => App.SendAsync(request);

    public Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> body) => App.InScopeAsync(body);

    public async Task<T> ScalarAsync<T>(string sql, object? param = null) => (await App.ScalarAsync<T>(sql, param))!;

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? param = null) => (await App.QueryAsync<T>(sql, param)).ToList();

    public Task<int> ExecuteAsync(string sql, object? param = null) =>
        App.InScopeAsync(sp => sp.GetRequiredService<DbSession>().ExecuteAsync(sql, param));

    /// <summary>Writes integration events to the outbox as another module's command would, then delivers everything pending.</summary>
    public async Task PublishAsync(params IIntegrationEvent[] events)
    {
        await App.InScopeAsync(async sp =>
        {
            var session = sp.GetRequiredService<DbSession>();
            var outbox = sp.GetRequiredService<OutboxBuffer>();
            await session.BeginAsync();
            foreach (var e in events) outbox.Add(e);
            await outbox.FlushAsync(CancellationToken.None);
            await session.CommitAsync();
        });
        await DrainOutboxAsync();
    }

    public async Task DrainOutboxAsync()
    {
        var dispatcher = Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DispatchBatchAsync(200) > 0) { }
    }

    /// <summary>Outbox events of a type written so far, deserialized, oldest first.</summary>
    public async Task<IReadOnlyList<T>> OutboxEventsAsync<T>() where T : IIntegrationEvent
    {
        var payloads = await QueryAsync<string>("SELECT payload FROM kernel.outbox WHERE type = @type ORDER BY occurred_at, id", new { type = EventTypes.NameOf(typeof(T)) });
        return payloads.Select(p => System.Text.Json.JsonSerializer.Deserialize<T>(p, EventTypes.Json)!).ToList();
    }

    /// <summary>Outbox rows a handler failed on: a scenario that expects clean delivery asserts there are none.</summary>
    public Task<IReadOnlyList<string>> OutboxErrorsAsync() =>
        QueryAsync<string>("SELECT type || ': ' || last_error FROM kernel.outbox WHERE last_error IS NOT NULL");

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
