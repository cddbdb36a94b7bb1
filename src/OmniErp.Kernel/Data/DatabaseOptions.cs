namespace OmniErp.Kernel.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from the <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// For SQLite, a connection string or empty for <c>Data Source=data/omnierp.db</c> under the content root;
    /// for PostgreSQL, an Npgsql connection string.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Apply pending migrations at start-up.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Seed the demo chain when the database is empty.</summary>
    public bool SeedDemoData { get; set; } = true;
}
