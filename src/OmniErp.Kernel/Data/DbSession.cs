using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace OmniErp.Kernel.Data;

/// <summary>
/// The request's one connection and, while a command runs, its one transaction. Every module's DbContext and
/// every Dapper query of the request go through it, so EF writes and Dapper reads see the same rows.
/// </summary>
public sealed class DbSession(DbConnectionFactory factory) : IAsyncDisposable, IDisposable
{
    private DbConnection? _connection;

    // One connection cannot run two commands at once (Npgsql refuses, SQLite is not thread-safe), yet GraphQL runs
    // sibling resolvers concurrently within one request: the session's commands take turns.
    private readonly SemaphoreSlim _turn = new(1, 1);

    public SqlDialect Dialect => factory.Dialect;
    public DbTransaction? Transaction { get; private set; }

    public DbConnection Connection => _connection ??= factory.Create();

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = Connection;
        if (connection.State != ConnectionState.Open)
        {
            await connection.OpenAsync(ct);
            await factory.OnOpenedAsync(connection, ct);
        }
        return connection;
    }

    public async Task<DbTransaction> BeginAsync(CancellationToken ct = default)
    {
        if (Transaction is not null) throw new InvalidOperationException("A transaction is already open on this session.");
        var connection = await OpenAsync(ct);
        // SQLite: BEGIN IMMEDIATE, so a write transaction takes the write lock up front instead of failing to upgrade later.
        Transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        return Transaction;
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        if (Transaction is null) return;
        await Transaction.CommitAsync(ct);
        await Transaction.DisposeAsync();
        Transaction = null;
    }

    public async Task RollbackAsync()
    {
        if (Transaction is null) return;
        try { await Transaction.RollbackAsync(); }
        finally
        {
            await Transaction.DisposeAsync();
            Transaction = null;
        }
    }

    /// <summary>Points an EF Core context at this session's connection and transaction.</summary>
    public void Configure(DbContextOptionsBuilder options) => factory.ConfigureEf(options, Connection);

    public Task<IEnumerable<T>> QueryAsync<T>(string sql, object? param = null, CancellationToken ct = default) =>
        InTurnAsync(c => c.QueryAsync<T>(Command(sql, param, ct)), ct);

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? param = null, CancellationToken ct = default) =>
        InTurnAsync(c => c.QuerySingleOrDefaultAsync<T>(Command(sql, param, ct)), ct);

    public Task<T?> ExecuteScalarAsync<T>(string sql, object? param = null, CancellationToken ct = default) =>
        InTurnAsync(c => c.ExecuteScalarAsync<T>(Command(sql, param, ct)), ct);

    public Task<int> ExecuteAsync(string sql, object? param = null, CancellationToken ct = default) =>
        InTurnAsync(c => c.ExecuteAsync(Command(sql, param, ct)), ct);

    /// <summary>Runs database work on the session's connection once no other work of this session is running.</summary>
    public async Task<T> InTurnAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken ct = default)
    {
        await _turn.WaitAsync(ct);
        try
        {
            return await work(await OpenAsync(ct));
        }
        finally
        {
            _turn.Release();
        }
    }

    public async Task<DbDataReader> ExecuteReaderAsync(string sql, object? param = null, CancellationToken ct = default)
    {
        await OpenAsync(ct);
        return await Connection.ExecuteReaderAsync(Command(sql, param, ct));
    }

    private CommandDefinition Command(string sql, object? param, CancellationToken ct)
    {
        DbMetrics.Commands.Add(1);
        return new(Dialect.Sql(sql), param, Transaction, cancellationToken: ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null) await RollbackAsync();
        if (_connection is not null) await _connection.DisposeAsync();
        _connection = null;
    }

    public void Dispose()
    {
        Transaction?.Dispose();
        Transaction = null;
        _connection?.Dispose();
        _connection = null;
    }
}

/// <summary>Creates connections for the configured database; a singleton holding the pool (Npgsql data source).</summary>
public sealed class DbConnectionFactory : IDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string _sqliteConnectionString = "";

    public DbConnectionFactory(DatabaseProvider provider, string connectionString)
    {
        Dialect = SqlDialect.For(provider);
        ConnectionString = connectionString;
        if (provider == DatabaseProvider.Postgres)
        {
            _postgres = new NpgsqlDataSourceBuilder(connectionString).Build();
        }
        else
        {
            var builder = new SqliteConnectionStringBuilder(connectionString)
            {
                Pooling = true,
                ForeignKeys = true,
                DefaultTimeout = 30,
            };
            _sqliteConnectionString = builder.ToString();
            var file = builder.DataSource;
            if (!string.IsNullOrEmpty(file) && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(file));
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            }
        }
    }

    public SqlDialect Dialect { get; }
    public string ConnectionString { get; }

    public DbConnection Create() => _postgres is not null
        ? _postgres.CreateConnection()
        : new SqliteConnection(_sqliteConnectionString);

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = Create();
        await connection.OpenAsync(ct);
        await OnOpenedAsync(connection, ct);
        return connection;
    }

    internal async Task OnOpenedAsync(DbConnection connection, CancellationToken ct)
    {
        if (connection is SqliteConnection)
        {
            // WAL lets readers run beside the writer; busy_timeout makes a writer wait for the lock rather than fail.
            await connection.ExecuteAsync(new CommandDefinition(
                "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                cancellationToken: ct));
        }
    }

    public void ConfigureEf(DbContextOptionsBuilder options, DbConnection connection)
    {
        if (_postgres is not null) options.UseNpgsql(connection);
        else options.UseSqlite(connection);
        options.ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, DialectModelCacheKeyFactory>();
    }

    public void Dispose() => _postgres?.Dispose();
}
