using System.Reflection;
using Xunit.Sdk;

namespace OmniErp.IntegrationTests.Infrastructure;

/// <summary>
/// Runs a theory once on SQLite and once on PostgreSQL: <c>[SkippableTheory, Databases] public async Task X(Db db)</c>.
/// The PostgreSQL row is skipped, with the reason shown, only when no server can be had and it is not required.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabasesAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[Db.Sqlite], [Db.Postgres]];
}

public static class PostgresGuard
{
    private static readonly Lazy<string?> Unavailable = new(() =>
    {
        if (Environment.GetEnvironmentVariable("OMNIERP_TEST_POSTGRES") is { Length: > 0 }) return null;
        if (PostgresServer.FindBinDir() is not null) return null;
        return PostgresServer.Required ? null : "PostgreSQL binaries not found and OMNIERP_REQUIRE_POSTGRES is not 1: PostgreSQL test SKIPPED.";
    });

    /// <summary>Skips the running test (Xunit.SkippableFact) when PostgreSQL is asked for and cannot be had.</summary>
    public static void SkipIfUnavailable(Db kind)
    {
        if (kind == Db.Postgres) Skip.If(Unavailable.Value is not null, Unavailable.Value);
    }
}
