using OmniErp.GraphQL;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.IntegrationTests.Infrastructure;

namespace OmniErp.IntegrationTests.Storefront;

/// <summary>The composed storefront schema is committed as src/OmniErp.Host/schema.graphql; a change must update it.</summary>
public sealed class SchemaSnapshotTests
{
    [Fact]
    public async Task The_committed_schema_graphql_matches_the_composed_schema()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite);
        var sdl = app.Services.GetRequiredService<Schema>().Sdl.ReplaceLineEndings("\n");
        var file = Path.Combine(RepoRoot(), "src", "OmniErp.Host", "schema.graphql");

        if (Environment.GetEnvironmentVariable("OMNIERP_UPDATE_SCHEMA") == "1") await File.WriteAllTextAsync(file, sdl);

        Assert.True(File.Exists(file), $"{file} is missing: run the tests once with OMNIERP_UPDATE_SCHEMA=1 and commit it.");
        var committed = (await File.ReadAllTextAsync(file)).ReplaceLineEndings("\n");
        Assert.True(committed == sdl,
            "The storefront schema changed but schema.graphql did not. Review the change (it is the storefronts' contract), " +
            "then run the tests with OMNIERP_UPDATE_SCHEMA=1 and commit src/OmniErp.Host/schema.graphql.");
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OmniErp.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("OmniErp.sln not found above " + AppContext.BaseDirectory);
    }
}
