using OmniErp.Host.Database;
using OmniErp.Kernel.Modules;

namespace OmniErp.Host.Cli;

/// <summary>
/// The verbs of the one binary: <c>migrate</c>, <c>seed</c>, <c>verify</c>, <c>help</c>, and the verbs modules
/// register (<see cref="ICliVerb"/>). Each builds the same service container the server uses.
/// </summary>
public static class CliVerbs
{
    private static readonly string[] Builtin = ["migrate", "seed", "verify", "model-sql", "help", "--help"];

    // Modules' verbs are known only once the container is built; any non-option first argument is taken as a verb.
    public static bool IsVerb(string arg) => Builtin.Contains(arg) || (!arg.StartsWith('-') && !arg.Contains('='));

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        var verb = args[0];
        var rest = args.Skip(1).ToArray();
        // The verb's own options are not configuration; the container reads configuration from the environment and appsettings.
        var app = OmniErpApp.Build([], b =>
        {
            b.Configuration["Database:MigrateOnStartup"] = "false";
            b.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var ct = cts.Token;
        try
        {
            switch (verb)
            {
                case "migrate":
                    var applied = await sp.GetRequiredService<Migrator>().MigrateAsync(ct);
                    await output.WriteLineAsync(applied.Count == 0 ? "Database is up to date." : $"Applied {applied.Count} script(s):\n  " + string.Join("\n  ", applied));
                    return 0;
                case "seed":
                    await sp.GetRequiredService<Migrator>().MigrateAsync(ct);
                    var seeded = await sp.GetRequiredService<DemoData>().SeedIfEmptyAsync(ct);
                    await output.WriteLineAsync(seeded ? "Demo data seeded." : "The database already has data; nothing seeded.");
                    return 0;
                case "verify":
                    return await VerifyAsync(sp, output, ct);
                case "model-sql":
                    return await PrintModelSqlAsync(sp, rest, output);
                case "help" or "--help":
                    await PrintHelpAsync(sp, output);
                    return 0;
            }

            var moduleVerb = sp.GetServices<ICliVerb>().FirstOrDefault(v => v.Name == verb);
            if (moduleVerb is null)
            {
                await output.WriteLineAsync($"Unknown verb '{verb}'.");
                await PrintHelpAsync(sp, output);
                return 2;
            }
            return await moduleVerb.RunAsync(rest, output, ct);
        }
        catch (MigrationException ex)
        {
            await output.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (OmniErp.Kernel.Errors.AppException ex)
        {
            await output.WriteLineAsync(string.Join(Environment.NewLine, ex.Errors));
            return 1;
        }
    }

    private static async Task<int> VerifyAsync(IServiceProvider sp, TextWriter output, CancellationToken ct)
    {
        var failures = 0;
        foreach (var check in sp.GetServices<IVerification>())
        {
            var findings = await check.VerifyAsync(ct);
            await output.WriteLineAsync(findings.Count == 0 ? $"ok    {check.Name}" : $"DRIFT {check.Name}");
            foreach (var f in findings) await output.WriteLineAsync("      " + f);
            failures += findings.Count;
        }
        var pending = await sp.GetRequiredService<Migrator>().PendingAsync(ct);
        await output.WriteLineAsync(pending.Count == 0 ? "ok    schema migrated" : $"DRIFT {pending.Count} migration(s) pending");
        return failures == 0 && pending.Count == 0 ? 0 : 1;
    }

    /// <summary>Prints the CREATE script EF Core expects for a context: a starting point for a hand-written migration.</summary>
    private static async Task<int> PrintModelSqlAsync(IServiceProvider sp, string[] args, TextWriter output)
    {
        var contexts = new[] { typeof(CliVerbs).Assembly }.Concat(ModuleList.All.Select(m => m.Assembly))
            .SelectMany(a => a.GetTypes())
            .Where(t => !t.IsAbstract && typeof(Microsoft.EntityFrameworkCore.DbContext).IsAssignableFrom(t))
            .ToList();
        var wanted = contexts.Where(t => args.Length == 0 || t.Name.StartsWith(args[0], StringComparison.OrdinalIgnoreCase)).ToList();
        if (wanted.Count == 0)
        {
            await output.WriteLineAsync("Usage: model-sql <context> where context is one of: " + string.Join(", ", contexts.Select(t => t.Name)));
            return 2;
        }
        foreach (var type in wanted)
        {
            var context = (Microsoft.EntityFrameworkCore.DbContext)sp.GetRequiredService(type);
            await output.WriteLineAsync($"-- {type.Name}");
            await output.WriteLineAsync(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GenerateCreateScript(context.Database));
        }
        return 0;
    }

    private static async Task PrintHelpAsync(IServiceProvider sp, TextWriter output)
    {
        await output.WriteLineAsync("Usage: OmniErp.Host [verb] [options]   (no verb: run the server)");
        await output.WriteLineAsync("  migrate   apply pending database migrations");
        await output.WriteLineAsync("  seed      migrate, then seed the demo chain into an empty database");
        await output.WriteLineAsync("  verify    check invariants (stock = ledger, points = ledger, schema migrated)");
        await output.WriteLineAsync("  model-sql print the schema EF Core expects for a DbContext (a start for a migration script)");
        foreach (var v in sp.GetServices<ICliVerb>().OrderBy(v => v.Name))
            await output.WriteLineAsync($"  {v.Name,-9} {v.Description}");
    }
}
