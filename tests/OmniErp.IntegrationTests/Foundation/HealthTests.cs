using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.IntegrationTests.Infrastructure;

namespace OmniErp.IntegrationTests.Foundation;

public sealed class HealthTests
{
    [SkippableTheory, Databases]
    public async Task Live_and_ready_answer_200_once_the_database_is_migrated(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains(db == Db.Postgres ? "Postgres reachable and migrated" : "Sqlite reachable and migrated", await ready.Content.ReadAsStringAsync());
    }

    [SkippableTheory, Databases]
    public async Task Ready_answers_503_while_migrations_are_pending(Db db)
    {
        PostgresGuard.SkipIfUnavailable(db);
        await using var database = await TestDatabase.CreateAsync(db);
        await using var app = await TestApp.StartOnAsync(database, settings: new Dictionary<string, string?>());
        await app.InScopeAsync(async sp =>
        {
            var session = sp.GetRequiredService<OmniErp.Kernel.Data.DbSession>();
            await session.ExecuteAsync("DELETE FROM kernel.schema_history WHERE module = 'identity'");
        });

        var ready = await app.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("pending", await ready.Content.ReadAsStringAsync());
    }
}
