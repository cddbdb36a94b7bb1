using System.Diagnostics;
using System.Text.Json;

namespace OmniErp.BrowserTests;

/// <summary>
/// The graphql-http package's server audits against the real /graphql of the running host (every module's schema,
/// the channel hook, real Kestrel): every MUST passes. The SHOULDs it reports are written to the test output folder.
/// </summary>
public sealed class GraphQLAuditTests(LiveServer server) : IClassFixture<LiveServer>
{
    [SkippableFact]
    public async Task The_storefront_endpoint_passes_every_graphql_http_MUST_audit()
    {
        Skip.If(LiveServer.Unavailable is not null, LiveServer.Unavailable);
        var oracle = OracleFolder();
        if (!Directory.Exists(Path.Combine(oracle, "node_modules", "graphql-http")))
            Assert.Equal(0, (await RunAsync("npm", "ci --no-audit --no-fund", oracle)).Code);

        var (code, output) = await RunAsync("node", $"audit.mjs {server.BaseUrl}/graphql", oracle);

        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToList();
        Assert.True(results.Count > 40, "The audit produced too few results:\n" + output);
        var mustFailures = results.Where(r => r.GetProperty("status").GetString() == "error").Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.True(code == 0 && mustFailures.Count == 0, "MUST audits failed:\n" + string.Join("\n", mustFailures));
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "graphql-http-audit.jsonl"), output);
    }

    private static string OracleFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "OmniErp.GraphQL.Tests", "oracle");
            if (File.Exists(Path.Combine(candidate, "audit.mjs"))) return candidate;
        }
        throw new InvalidOperationException("tests/OmniErp.GraphQL.Tests/oracle not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string args, string folder)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args)
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
