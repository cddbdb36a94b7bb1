using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OmniErp.Host;
using OmniErp.Host.Database;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Outbox;

namespace OmniErp.IntegrationTests.Customers.Support;

/// <summary>
/// The real host's services on a fresh database (SQLite file, or a new database on the PostgreSQL server named by
/// <c>OMNIERP_TEST_POSTGRES</c>), migrated, with a clock the test moves and the outbox drained on demand.
/// Stand-in until the shared fixture lands on main; scenarios only use <see cref="SendAsync{T}"/>,
/// <see cref="PublishAsync"/> and <see cref="Clock"/>, so moving them over is mechanical.
/// </summary>
public sealed class CustomersHost : IAsyncDisposable
{
    public const string PostgresVariable = "OMNIERP_TEST_POSTGRES";

    private readonly WebApplication _app;
    private readonly Func<Task> _drop;

    private CustomersHost(WebApplication app, TestClock clock, DatabaseProvider provider, Func<Task> drop)
    {
        _app = app;
        Clock = clock;
        Provider = provider;
        _drop = drop;
    }

    public TestClock Clock { get; }
    public DatabaseProvider Provider { get; }
    public IServiceProvider Services => _app.Services;

    public static bool PostgresAvailable => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable));

    /// <summary>Null when the scenario asks for PostgreSQL and none is configured (the caller returns; see the test output).</summary>
    public static async Task<CustomersHost?> StartAsync(string provider, IDictionary<string, string?>? settings = null)
    {
        var dialect = Enum.Parse<DatabaseProvider>(provider);
        string connectionString;
        Func<Task> drop;
        if (dialect == DatabaseProvider.Postgres)
        {
            var server = Environment.GetEnvironmentVariable(PostgresVariable);
            if (string.IsNullOrWhiteSpace(server))
            {
                if (Environment.GetEnvironmentVariable("OMNIERP_REQUIRE_POSTGRES") == "1")
                    throw new InvalidOperationException($"OMNIERP_REQUIRE_POSTGRES=1 but {PostgresVariable} is not set.");
                Console.Error.WriteLine($"SKIPPED PostgreSQL scenario: set {PostgresVariable} to run it.");
                return null;
            }
            var name = "cust_" + Guid.NewGuid().ToString("N")[..12];
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
                await create.ExecuteNonQueryAsync();
            }
            connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 50 }.ToString();
            drop = async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(server);
                await admin.OpenAsync();
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
                await cmd.ExecuteNonQueryAsync();
            };
        }
        else
        {
            var file = Path.Combine(Path.GetTempPath(), "omnierp-cust-" + Guid.NewGuid().ToString("N") + ".db");
            connectionString = $"Data Source={file}";
            drop = () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
                return Task.CompletedTask;
            };
        }

        var clock = new TestClock(new DateTimeOffset(2026, 6, 1, 3, 0, 0, TimeSpan.Zero));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:ConnectionString"] = connectionString,
            ["Database:MigrateOnStartup"] = "false",
            ["Database:SeedDemoData"] = "false",
            ["Outbox:Enabled"] = "false",
            ["Customers:Loyalty:SweepInterval"] = "00:00:00",
            ["Customers:Carts:SweepInterval"] = "00:00:00",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        builder.Services.AddSingleton<TimeProvider>(clock);
        OmniErpApp.AddServices(builder);
        var app = builder.Build();
        await app.Services.GetRequiredService<Migrator>().MigrateAsync();
        return new CustomersHost(app, clock, dialect, drop);
    }

    /// <summary>Sends a request in its own scope, as one HTTP request would.</summary>
    public async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> body)
    {
        await using var scope = Services.CreateAsyncScope();
        return await body(scope.ServiceProvider);
    }

    public Task<T> ScalarAsync<T>(string sql, object? param = null) =>
        WithScopeAsync(async sp => (await sp.GetRequiredService<DbSession>().ExecuteScalarAsync<T>(sql, param))!);

    public Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? param = null) =>
        WithScopeAsync<IReadOnlyList<T>>(async sp => (await sp.GetRequiredService<DbSession>().QueryAsync<T>(sql, param)).ToList());

    public Task<int> ExecuteAsync(string sql, object? param = null) =>
        WithScopeAsync(sp => sp.GetRequiredService<DbSession>().ExecuteAsync(sql, param));

    /// <summary>Writes integration events to the outbox as another module's command would, then delivers everything pending.</summary>
    public async Task PublishAsync(params IIntegrationEvent[] events)
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            var outbox = scope.ServiceProvider.GetRequiredService<OutboxBuffer>();
            await session.BeginAsync();
            foreach (var e in events) outbox.Add(e);
            await outbox.FlushAsync(CancellationToken.None);
            await session.CommitAsync();
        }
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

    /// <summary>Outbox rows that failed in a handler: a scenario that expects clean delivery asserts this is empty.</summary>
    public Task<IReadOnlyList<string>> OutboxErrorsAsync() =>
        QueryAsync<string>("SELECT type || ': ' || last_error FROM kernel.outbox WHERE last_error IS NOT NULL");

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _drop();
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}
