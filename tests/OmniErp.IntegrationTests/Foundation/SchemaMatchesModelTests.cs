using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Host;
using OmniErp.Host.Identity;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Data;

namespace OmniErp.IntegrationTests.Foundation;

/// <summary>The EF Core model of every module must match the schema the SQL scripts create, on both databases.</summary>
public sealed class SchemaMatchesModelTests
{
    public static IEnumerable<Type> ContextTypes() =>
        new[] { typeof(StaffDbContext).Assembly }.Concat(ModuleList.All.Select(m => m.Assembly))
            .SelectMany(a => a.GetTypes())
            .Where(t => !t.IsAbstract && typeof(DbContext).IsAssignableFrom(t));

    [SkippableTheory, Databases]
    public async Task Every_entity_maps_to_an_existing_table_and_columns_with_the_same_nullability(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var problems = new List<string>();
        await app.InScopeAsync(async sp =>
        {
            var session = sp.GetRequiredService<DbSession>();
            var connection = await session.OpenAsync();
            foreach (var type in ContextTypes())
            {
                var context = (DbContext)sp.GetRequiredService(type);
                foreach (var entity in context.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
                {
                    var table = entity.GetTableName()!;
                    var schema = entity.GetSchema();
                    var columns = await ColumnsAsync(connection, db, schema, table);
                    if (columns.Count == 0)
                    {
                        problems.Add($"{type.Name}: table {schema}.{table} for {entity.DisplayName()} does not exist");
                        continue;
                    }
                    var store = StoreObjectIdentifier.Table(table, schema);
                    foreach (var property in entity.GetProperties())
                    {
                        var column = property.GetColumnName(store);
                        if (column is null) continue;
                        if (!columns.TryGetValue(column, out var notNull))
                            problems.Add($"{type.Name}: column {table}.{column} ({entity.DisplayName()}.{property.Name}) does not exist");
                        else if (notNull && property.IsColumnNullable(store))
                            problems.Add($"{type.Name}: column {table}.{column} is NOT NULL but {entity.DisplayName()}.{property.Name} is nullable");
                        else if (!notNull && !property.IsColumnNullable(store) && !property.IsPrimaryKey())
                            problems.Add($"{type.Name}: column {table}.{column} allows NULL but {entity.DisplayName()}.{property.Name} is required");
                    }
                }
            }
        });
        Assert.True(problems.Count == 0, "Schema drift:\n" + string.Join("\n", problems));
    }

    private static async Task<Dictionary<string, bool>> ColumnsAsync(System.Data.Common.DbConnection connection, Db db, string? schema, string table)
    {
        if (db == Db.Postgres)
        {
            var rows = await connection.QueryAsync<(string Name, string Nullable)>(
                "SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = @schema AND table_name = @table",
                new { schema = schema ?? "public", table });
            return rows.ToDictionary(r => r.Name, r => r.Nullable == "NO");
        }
        var sqlite = await connection.QueryAsync<(string Name, long NotNull, long Pk)>(
            "SELECT name, \"notnull\", pk FROM pragma_table_info(@table)", new { table });
        return sqlite.ToDictionary(r => r.Name, r => r.NotNull == 1 || r.Pk > 0);
    }
}
