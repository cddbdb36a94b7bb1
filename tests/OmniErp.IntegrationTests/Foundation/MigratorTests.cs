using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using OmniErp.Host;
using OmniErp.Host.Database;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Data;

namespace OmniErp.IntegrationTests.Foundation;

public sealed class MigratorTests
{
    private static Migrator MigratorFor(TestDatabase db, out DbConnectionFactory factory)
    {
        factory = new DbConnectionFactory(db.Provider, db.ConnectionString);
        return new Migrator(factory, ModuleList.All, NullLogger<Migrator>.Instance);
    }

    [SkippableTheory, Databases]
    public async Task Migrating_a_blank_database_applies_every_script_once_and_a_second_run_applies_none(Db kind)
    {
        await using var db = await TestDatabase.CreateBlankAsync(kind);
        var migrator = MigratorFor(db, out var factory);
        using var _ = factory;

        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        Assert.Equal(migrator.Scripts.Count, first.Count);
        Assert.Empty(second);
        Assert.Empty(await migrator.PendingAsync());
    }

    [SkippableTheory, Databases]
    public async Task The_migrator_refuses_to_start_when_an_applied_script_was_edited(Db kind)
    {
        await using var db = await TestDatabase.CreateBlankAsync(kind);
        var migrator = MigratorFor(db, out var factory);
        using var _ = factory;
        var script = new MigrationScript("testing", "0001", "things", "CREATE TABLE kernel_things_probe (id INTEGER PRIMARY KEY);");
        var kernel = migrator.Scripts.Where(s => s.Module == "kernel").ToList();
        await migrator.WithScripts([.. kernel, script]).MigrateAsync();

        var edited = script with { Sql = script.Sql + "\n-- a later edit" };
        var ex = await Assert.ThrowsAsync<MigrationException>(() => migrator.WithScripts([.. kernel, edited]).MigrateAsync());

        Assert.Contains("testing/0001_things", ex.Message);
        Assert.Contains("edited", ex.Message);
        await Assert.ThrowsAsync<MigrationException>(() => migrator.PendingAsync());
    }

    [SkippableTheory, Databases]
    public async Task A_failing_script_leaves_nothing_of_itself_behind(Db kind)
    {
        await using var db = await TestDatabase.CreateBlankAsync(kind);
        var migrator = MigratorFor(db, out var factory);
        using var _ = factory;
        var kernel = migrator.Scripts.Where(s => s.Module == "kernel").ToList();
        var good = new MigrationScript("testing", "0001", "good", "CREATE TABLE good_probe (id INTEGER PRIMARY KEY);");
        var bad = new MigrationScript("testing", "0002", "bad", "CREATE TABLE bad_probe (id INTEGER PRIMARY KEY); THIS IS NOT SQL;");

        await Assert.ThrowsAsync<MigrationException>(() => migrator.WithScripts([.. kernel, good, bad]).MigrateAsync());

        await using var connection = await factory.OpenAsync();
        var tables = kind == Db.Postgres
            ? await connection.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%_probe'")
            : await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE name LIKE '%_probe'");
        Assert.Equal(["good_probe"], tables.ToList());
        var versions = await connection.QueryAsync<string>(factory.Dialect.Sql("SELECT version FROM kernel.schema_history WHERE module = 'testing'"));
        Assert.Equal(["0001"], versions.ToList());
    }

    [SkippableTheory, Databases]
    public async Task Two_instances_migrating_at_once_apply_each_script_exactly_once(Db kind)
    {
        await using var db = await TestDatabase.CreateBlankAsync(kind);
        var a = MigratorFor(db, out var fa);
        var b = MigratorFor(db, out var fb);
        using var _ = fa;
        using var __ = fb;

        var results = await Task.WhenAll(Task.Run(() => a.MigrateAsync()), Task.Run(() => b.MigrateAsync()));

        Assert.Equal(a.Scripts.Count, results[0].Count + results[1].Count);
        await using var connection = await fa.OpenAsync();
        var history = (await connection.QueryAsync<(string Module, string Version)>(fa.Dialect.Sql("SELECT module, version FROM kernel.schema_history"))).ToList();
        Assert.Equal(a.Scripts.Count, history.Count);
        Assert.Equal(history.Count, history.Distinct().Count());
    }
}
