using System.Data.Common;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Modules;

namespace OmniErp.Host.Database;

/// <summary>One versioned SQL script: <c>db/{dialect}/{module}/{NNNN_name}.sql</c>.</summary>
public sealed record MigrationScript(string Module, string Version, string Name, string Sql)
{
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
    public override string ToString() => $"{Module}/{Version}_{Name}";
}

public sealed class MigrationException(string message) : Exception(message);

/// <summary>
/// Applies the versioned SQL scripts under <c>db/</c>. A history table records each script with its checksum;
/// start-up is refused when an applied script was edited. Each script runs in its own transaction. On PostgreSQL an
/// advisory lock makes a second instance wait for the first instead of migrating too; on SQLite each script takes the
/// write lock (BEGIN IMMEDIATE) and re-checks the history inside it.
/// </summary>
public sealed class Migrator(DbConnectionFactory connections, IEnumerable<IModule> modules, ILogger<Migrator> log)
{
    private const long AdvisoryLockKey = 0x4F6D6E69457270; // "OmniErp"
    private static readonly string[] Foundation = ["kernel", "identity"];

    private Func<IReadOnlyList<MigrationScript>> _scripts = () => LoadEmbedded(connections.Dialect, modules);

    /// <summary>For tests: migrate from a given list of scripts instead of the embedded ones.</summary>
    internal Migrator WithScripts(IReadOnlyList<MigrationScript> scripts)
    {
        _scripts = () => scripts;
        return this;
    }

    public IReadOnlyList<MigrationScript> Scripts => _scripts();

    public async Task<IReadOnlyList<MigrationScript>> MigrateAsync(CancellationToken ct = default)
    {
        var scripts = Scripts;
        await using var connection = await connections.OpenAsync(ct);
        var dialect = connections.Dialect;
        if (dialect.IsPostgres)
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = AdvisoryLockKey }, cancellationToken: ct, commandTimeout: 600));
        try
        {
            await EnsureHistoryAsync(connection, dialect, ct);
            var applied = new List<MigrationScript>();
            foreach (var script in scripts)
            {
                if (await ApplyAsync(connection, dialect, script, ct)) applied.Add(script);
            }
            if (applied.Count > 0) log.LogInformation("Applied {Count} migration(s): {Scripts}", applied.Count, string.Join(", ", applied));
            return applied;
        }
        finally
        {
            if (dialect.IsPostgres)
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@key)", new { key = AdvisoryLockKey }, cancellationToken: CancellationToken.None));
        }
    }

    /// <summary>Scripts not yet applied; throws when an applied script was edited.</summary>
    public async Task<IReadOnlyList<MigrationScript>> PendingAsync(CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        await EnsureHistoryAsync(connection, connections.Dialect, ct);
        var history = await ReadHistoryAsync(connection, null, connections.Dialect, ct);
        var scripts = Scripts;
        VerifyChecksums(scripts, history);
        return scripts.Where(s => !history.ContainsKey((s.Module, s.Version))).ToList();
    }

    private async Task<bool> ApplyAsync(DbConnection connection, SqlDialect dialect, MigrationScript script, CancellationToken ct)
    {
        await using var tx = connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false) : await connection.BeginTransactionAsync(ct);
        var history = await ReadHistoryAsync(connection, tx, dialect, ct);
        VerifyChecksums([script], history);
        if (history.ContainsKey((script.Module, script.Version)))
        {
            await tx.RollbackAsync(ct);
            return false;
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: tx, cancellationToken: ct, commandTimeout: 600));
        }
        catch (DbException ex)
        {
            throw new MigrationException($"Migration {script} failed: {ex.Message}");
        }

        await connection.ExecuteAsync(new CommandDefinition(
            dialect.Sql("INSERT INTO kernel.schema_history (module, version, name, checksum, applied_at) VALUES (@Module, @Version, @Name, @Checksum, @AppliedAt)"),
            new { script.Module, script.Version, script.Name, script.Checksum, AppliedAt = DateTimeOffset.UtcNow }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return true;
    }

    private static void VerifyChecksums(IEnumerable<MigrationScript> scripts, IReadOnlyDictionary<(string, string), string> history)
    {
        var edited = scripts.Where(s => history.TryGetValue((s.Module, s.Version), out var sum) && sum != s.Checksum).ToList();
        if (edited.Count > 0)
            throw new MigrationException(
                $"Refusing to start: applied migration script(s) were edited after they ran: {string.Join(", ", edited)}. " +
                "Never edit an applied script; add a new one instead.");
    }

    private static async Task EnsureHistoryAsync(DbConnection connection, SqlDialect dialect, CancellationToken ct)
    {
        var sql = dialect.IsPostgres
            ? """
              CREATE SCHEMA IF NOT EXISTS kernel;
              CREATE TABLE IF NOT EXISTS kernel.schema_history (
                  module text NOT NULL, version text NOT NULL, name text NOT NULL, checksum text NOT NULL,
                  applied_at timestamptz NOT NULL, PRIMARY KEY (module, version));
              """
            : """
              CREATE TABLE IF NOT EXISTS kernel_schema_history (
                  module TEXT NOT NULL, version TEXT NOT NULL, name TEXT NOT NULL, checksum TEXT NOT NULL,
                  applied_at TEXT NOT NULL, PRIMARY KEY (module, version));
              """;
        await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: ct));
    }

    private static async Task<IReadOnlyDictionary<(string, string), string>> ReadHistoryAsync(DbConnection connection, DbTransaction? tx, SqlDialect dialect, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<(string Module, string Version, string Checksum)>(new CommandDefinition(
            dialect.Sql("SELECT module, version, checksum FROM kernel.schema_history"), transaction: tx, cancellationToken: ct));
        return rows.ToDictionary(r => (r.Module, r.Version), r => r.Checksum);
    }

    /// <summary>Scripts embedded from <c>db/{dialect}/{module}/NNNN_name.sql</c>, in module order then version order.</summary>
    public static IReadOnlyList<MigrationScript> LoadEmbedded(SqlDialect dialect, IEnumerable<IModule> modules)
    {
        var folder = dialect.IsPostgres ? "postgres" : "sqlite";
        var prefix = $"db/{folder}/";
        var assembly = Assembly.GetExecutingAssembly();
        var order = Foundation.Concat(modules.OrderBy(m => m.Order).Select(m => m.Schema)).ToList();
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var name = resource.Replace('\\', '/');
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".sql", StringComparison.Ordinal)) continue;
            var parts = name[prefix.Length..^4].Split('/');
            if (parts.Length != 2) throw new MigrationException($"Migration '{name}' must sit in db/{folder}/<module>/NNNN_name.sql.");
            var (module, file) = (parts[0], parts[1]);
            var underscore = file.IndexOf('_');
            if (underscore <= 0 || !file[..underscore].All(char.IsAsciiDigit))
                throw new MigrationException($"Migration '{name}' must be named NNNN_name.sql.");
            if (!order.Contains(module)) throw new MigrationException($"Migration '{name}' belongs to no known module.");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            scripts.Add(new MigrationScript(module, file[..underscore], file[(underscore + 1)..], reader.ReadToEnd()));
        }
        return scripts.OrderBy(s => order.IndexOf(s.Module)).ThenBy(s => s.Version, StringComparer.Ordinal).ToList();
    }
}
