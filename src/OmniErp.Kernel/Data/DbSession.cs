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
        if (connection is SqliteConnection sqlite)
        {
            // SQLite has one writer at a time. Writers of this process queue for it here, asynchronously and in turn,
            // rather than each blocking a thread in SQLite's busy handler, which polls with sleeps that leave the lock idle
            // between a commit and the next poll. Another process (the CLI) still meets the busy timeout.
            _holdsWriterTurn = factory.WriterTurn is { } turn && await turn.WaitAsync(WriterTurnPatience, ct);
            try
            {
                // BEGIN IMMEDIATE, so a write transaction takes the write lock up front instead of failing to upgrade later.
                Transaction = sqlite.BeginTransaction(deferred: false);
            }
            catch
            {
                ReleaseWriterTurn();
                throw;
            }
        }
        else Transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        return Transaction;
    }

    // Past this the writer stops queueing here and lets SQLite's busy timeout decide (e.g. a command that, by mistake,
    // opens a second session's transaction while holding the turn fails with "database is locked" instead of hanging).
    private static readonly TimeSpan WriterTurnPatience = TimeSpan.FromSeconds(30);
    private bool _holdsWriterTurn;

    private void ReleaseWriterTurn()
    {
        if (!_holdsWriterTurn) return;
        _holdsWriterTurn = false;
        factory.WriterTurn!.Release();
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        if (Transaction is null) return;
        try
        {
            await Transaction.CommitAsync(ct);
            await Transaction.DisposeAsync();
            Transaction = null;
        }
        finally
        {
            // A failed commit leaves the transaction for RollbackAsync; the turn is given back once it is ended.
            if (Transaction is null) ReleaseWriterTurn();
        }
    }

    public async Task RollbackAsync()
    {
        if (Transaction is null) return;
        try { await Transaction.RollbackAsync(); }
        finally
        {
            await Transaction.DisposeAsync();
            Transaction = null;
            ReleaseWriterTurn();
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

    /// <summary>Sends several statements in one round trip and reads their result sets with <paramref name="read"/>.</summary>
    public Task<T> QueryMultipleAsync<T>(string sql, object? param, Func<SqlMapper.GridReader, Task<T>> read, CancellationToken ct = default) =>
        InTurnAsync(async c =>
        {
            await using var grid = await c.QueryMultipleAsync(Command(sql, param, ct));
            return await read(grid);
        }, ct);

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
        return new(Dialect.Sql(sql), Dialect.IsPostgres ? param : SqliteParameterNames.Wrap(param), Transaction, cancellationToken: ct);
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
        ReleaseWriterTurn();
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
            WriterTurn = new SemaphoreSlim(1, 1);
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

    /// <summary>SQLite only: the turn this process's write transactions take, one at a time (see <see cref="DbSession.BeginAsync"/>).</summary>
    internal SemaphoreSlim? WriterTurn { get; }

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
        // Once per physical connection: a pooled SQLite connection keeps its handle, and the handle keeps these settings,
        // so a request that reopens one does not run four statements again.
        if (connection is SqliteConnection { Handle: { } handle } && !_configured.TryGetValue(handle, out _))
        {
            // WAL lets readers run beside the writer; busy_timeout makes a writer wait for the lock rather than fail.
            await connection.ExecuteAsync(new CommandDefinition(
                "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                cancellationToken: ct));
            _configured.TryAdd(handle, Configured);
        }
    }

    private static readonly object Configured = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();

    public void ConfigureEf(DbContextOptionsBuilder options, DbConnection connection)
    {
        if (_postgres is not null) options.UseNpgsql(connection);
        else options.UseSqlite(connection);
        options.ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, DialectModelCacheKeyFactory>();
    }

    public void Dispose() => _postgres?.Dispose();
}

/// <summary>
/// Microsoft.Data.Sqlite binds every parameter of a command to every statement of it, and looks a parameter that Dapper
/// names without its prefix (<c>number</c>) up four times per statement (as given, then with @, $ and :). A batch of
/// six statements and fifty parameters made 1,200 lookups, a millisecond of an order's CPU. Naming each parameter as
/// our SQL writes it (<c>@number</c>) makes that one lookup per statement and parameter.
/// </summary>
internal sealed class SqliteParameterNames : SqlMapper.IDynamicParameters
{
    private readonly SqlMapper.IDynamicParameters _inner;

    private SqliteParameterNames(SqlMapper.IDynamicParameters inner) => _inner = inner;

    /// <summary>Wraps one parameter object; a sequence (Dapper runs the command once per element) and null pass through.</summary>
    public static object? Wrap(object? param) => param switch
    {
        null or SqliteParameterNames => param,
        System.Collections.IEnumerable and not string => param,
        SqlMapper.IDynamicParameters dynamic => new SqliteParameterNames(dynamic),
        _ => new SqliteParameterNames(new DynamicParameters(param)),
    };

    public void AddParameters(IDbCommand command, SqlMapper.Identity identity)
    {
        _inner.AddParameters(command, identity);
        foreach (IDataParameter p in command.Parameters)
            if (p.ParameterName is { Length: > 0 } name && name[0] is not ('@' or '$' or ':')) p.ParameterName = Prefixed(name);
    }

    // The code's parameter names are few; each prefixed name is made once, not once per command.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);

    private static string Prefixed(string name) =>
        Names.TryGetValue(name, out var prefixed) ? prefixed : Names.Count < 10_000 ? Names.GetOrAdd(name, static n => "@" + n) : "@" + name;
}
