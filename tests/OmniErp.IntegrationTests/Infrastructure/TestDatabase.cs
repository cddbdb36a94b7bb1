using System.Collections.Concurrent;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OmniErp.Host;
using OmniErp.Host.Database;
using OmniErp.Kernel.Data;

namespace OmniErp.IntegrationTests.Infrastructure;

public enum Db
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A fresh database per test, cloned from a migrated template (a PostgreSQL template database; a copied SQLite file),
/// so each test starts from a known state in a fraction of a second. <see cref="ResetAsync"/> empties every table in
/// foreign-key order for tests that share one database (our stand-in for Respawn).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<(Db, string), Lazy<Task<string>>> Templates = new();
    private static readonly string SqliteFolder = Path.Combine(Path.GetTempPath(), $"omnierp-tests-{Environment.ProcessId}");
    private static int _counter;

    private TestDatabase(Db kind, string connectionString, string name)
    {
        Kind = kind;
        ConnectionString = connectionString;
        Name = name;
    }

    public Db Kind { get; }
    public string ConnectionString { get; }
    public string Name { get; }
    public DatabaseProvider Provider => Kind == Db.Postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
    public SqlDialect Dialect => SqlDialect.For(Provider);

    /// <summary>A new database with the schema migrated; with <paramref name="demo"/> also holding the demo chain (small scale).</summary>
    public static async Task<TestDatabase> CreateAsync(Db kind, bool demo = false)
    {
        PostgresGuard.SkipIfUnavailable(kind);
        var templateKey = demo ? "demo" : "empty";
        var template = await Templates.GetOrAdd((kind, templateKey), k => new Lazy<Task<string>>(() => BuildTemplateAsync(k.Item1, k.Item2))).Value;
        var name = $"t{Interlocked.Increment(ref _counter)}_{Guid.NewGuid().ToString("N")[..8]}";
        if (kind == Db.Postgres)
        {
            var admin = await RequirePostgresAsync();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await connection.ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {template}");
            return new TestDatabase(kind, new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true, MaxPoolSize = 100 }.ToString(), name);
        }

        var file = Path.Combine(SqliteFolder, name + ".db");
        File.Copy(template, file);
        return new TestDatabase(kind, $"Data Source={file}", name);
    }

    /// <summary>A new, empty database: no schema at all (for migrator tests).</summary>
    public static async Task<TestDatabase> CreateBlankAsync(Db kind)
    {
        PostgresGuard.SkipIfUnavailable(kind);
        var name = $"b{Interlocked.Increment(ref _counter)}_{Guid.NewGuid().ToString("N")[..8]}";
        if (kind == Db.Postgres)
        {
            var admin = await RequirePostgresAsync();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await connection.ExecuteAsync($"CREATE DATABASE {name}");
            return new TestDatabase(kind, new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true }.ToString(), name);
        }
        Directory.CreateDirectory(SqliteFolder);
        return new TestDatabase(kind, $"Data Source={Path.Combine(SqliteFolder, name + ".db")}", name);
    }

    /// <summary>Empties every module table (children first), keeping the schema history.</summary>
    public async Task ResetAsync()
    {
        var factory = new DbConnectionFactory(Provider, ConnectionString);
        await using var connection = await factory.OpenAsync();
        var tables = await TablesInDeleteOrderAsync(connection);
        foreach (var table in tables)
            await connection.ExecuteAsync($"DELETE FROM {table}");
        factory.Dispose();
    }

    private async Task<IReadOnlyList<string>> TablesInDeleteOrderAsync(System.Data.Common.DbConnection connection)
    {
        List<(string Table, string? Parent)> edges;
        if (Kind == Db.Postgres)
        {
            var tables = (await connection.QueryAsync<string>(
                "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema', 'public')")).ToList();
            var fks = await connection.QueryAsync<(string Child, string Parent)>("""
                SELECT tc.table_schema || '.' || tc.table_name, ccu.table_schema || '.' || ccu.table_name
                FROM information_schema.table_constraints tc
                JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.constraint_schema = tc.constraint_schema
                WHERE tc.constraint_type = 'FOREIGN KEY'
                """);
            edges = tables.Select(t => (t, (string?)null)).Concat(fks.Select(f => (f.Child, (string?)f.Parent))).ToList();
        }
        else
        {
            var tables = (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")).ToList();
            edges = tables.Select(t => (t, (string?)null)).ToList();
            foreach (var t in tables)
                foreach (var parent in await connection.QueryAsync<string>($"SELECT \"table\" FROM pragma_foreign_key_list('{t}')"))
                    edges.Add((t, parent));
        }

        // Children before parents: repeatedly take tables that no remaining table references.
        var remaining = edges.Select(e => e.Table).Distinct().Where(t => !t.EndsWith("schema_history", StringComparison.Ordinal)).ToHashSet();
        var order = new List<string>();
        while (remaining.Count > 0)
        {
            var leaves = remaining.Where(t => !edges.Any(e => e.Parent == t && e.Table != t && remaining.Contains(e.Table))).ToList();
            if (leaves.Count == 0) leaves = [.. remaining]; // a cycle: let the database complain if it must
            order.AddRange(leaves);
            remaining.ExceptWith(leaves);
        }
        return order;
    }

    private static async Task<string> RequirePostgresAsync() =>
        await PostgresServer.AdminConnectionStringAsync()
        ?? throw new InvalidOperationException("PostgreSQL is not available on this machine.");

    private static async Task<string> BuildTemplateAsync(Db kind, string key)
    {
        if (kind == Db.Postgres)
        {
            var admin = await RequirePostgresAsync();
            var name = $"omnierp_template_{key}";
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {name}");
                await connection.ExecuteAsync($"CREATE DATABASE {name}");
            }
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ToString();
            await FillTemplateAsync(Db.Postgres, cs, key);
            NpgsqlConnection.ClearAllPools();
            return name;
        }

        Directory.CreateDirectory(SqliteFolder);
        var file = Path.Combine(SqliteFolder, $"template_{key}.db");
        File.Delete(file);
        await FillTemplateAsync(Db.Sqlite, $"Data Source={file};Pooling=False", key);
        SqliteConnection.ClearAllPools();
        await using (var c = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await c.OpenAsync();
            await c.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        return file;
    }

    private static async Task FillTemplateAsync(Db kind, string connectionString, string key)
    {
        var provider = kind == Db.Postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        if (key == "demo")
        {
            await using var app = await TestApp.StartOnAsync(new TestDatabase(kind, connectionString, "template"), seedDemo: true);
            return;
        }
        using var factory = new DbConnectionFactory(provider, connectionString);
        await new Migrator(factory, ModuleList.All, NullLogger<Migrator>.Instance).MigrateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Kind == Db.Postgres)
            {
                NpgsqlConnection.ClearAllPools();
                var admin = await PostgresServer.AdminConnectionStringAsync();
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync();
                await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
            }
            else
            {
                var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
                SqliteConnection.ClearAllPools();
                foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
            }
        }
        catch
        {
            // A leftover test database is harmless; the cluster and temp folder go at the end of the run.
        }
    }
}
