using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace OmniErp.Kernel.Data;

/// <summary>
/// Base of every module's DbContext: one schema per module on PostgreSQL, a table prefix on SQLite, snake_case
/// names throughout, and the request's shared connection and transaction.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options, DbSession session) : DbContext(options)
{
    /// <summary>The module's schema (PostgreSQL) or table prefix (SQLite), e.g. <c>catalog</c>.</summary>
    protected abstract string Schema { get; }

    protected DbSession Session => session;

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ConfigureModel(modelBuilder);
        ApplyNaming(modelBuilder, Schema, session.Dialect);
    }

    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        EnlistInSessionTransaction();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        EnlistInSessionTransaction();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void EnlistInSessionTransaction()
    {
        if (session.Transaction is { } tx && Database.CurrentTransaction?.GetDbTransaction() != tx)
            Database.UseTransaction(tx);
        else if (session.Transaction is null && Database.CurrentTransaction is not null)
            Database.UseTransaction(null);
    }

    /// <summary>Applies the naming convention; public so other contexts (Identity's) use the same one.</summary>
    public static void ApplyNaming(ModelBuilder modelBuilder, string schema, SqlDialect dialect)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var table = entity.GetTableName() ?? entity.ClrType.Name;
            var name = SnakeCase(table);
            if (dialect.IsPostgres)
            {
                entity.SetTableName(name);
                entity.SetSchema(schema);
            }
            else
            {
                entity.SetTableName(name.StartsWith(schema + "_", StringComparison.Ordinal) ? name : $"{schema}_{name}");
                entity.SetSchema(null);
            }

            foreach (var property in entity.GetProperties())
                property.SetColumnName(SnakeCase(property.GetColumnName()));
            foreach (var key in entity.GetKeys())
                key.SetName(SnakeCase(key.GetName() ?? ""));
            foreach (var fk in entity.GetForeignKeys())
                fk.SetConstraintName(SnakeCase(fk.GetConstraintName() ?? ""));
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName(SnakeCase(index.GetDatabaseName() ?? ""));
        }
    }

    public static string SnakeCase(string name)
    {
        if (string.IsNullOrEmpty(name)) return name;
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var prevLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextLower = i > 0 && i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]);
                if (prevLowerOrDigit || nextLower) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
