using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace OmniErp.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run, started from the machine's binaries (initdb + pg_ctl in a temp
/// folder, as user postgres when the process is root, on a free port, stopped at exit), or the server named by
/// <c>OMNIERP_TEST_POSTGRES</c>. Tests that need it are skipped, loudly, only when neither exists and
/// <c>OMNIERP_REQUIRE_POSTGRES</c> is not 1.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<Task<string?>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static string? _dataDir;
    private static string? _binDir;

    public static bool Required => Environment.GetEnvironmentVariable("OMNIERP_REQUIRE_POSTGRES") == "1";

    /// <summary>Admin connection string (database <c>postgres</c>), or null when no PostgreSQL can be had here.</summary>
    public static Task<string?> AdminConnectionStringAsync() => Server.Value;

    public static string? FindBinDir()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("OMNIERP_PG_BIN") is { Length: > 0 } env) candidates.Add(env);
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d).Select(d => Path.Combine(d, "bin")));
        candidates.AddRange(["/usr/local/pgsql/bin", "/usr/pgsql/bin"]);
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static async Task<string?> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("OMNIERP_TEST_POSTGRES") is { Length: > 0 } given)
            return new NpgsqlConnectionStringBuilder(given) { Database = "postgres", Pooling = false }.ToString();

        _binDir = FindBinDir();
        if (_binDir is null)
        {
            if (Required) throw new InvalidOperationException("OMNIERP_REQUIRE_POSTGRES=1 but no PostgreSQL binaries were found (install Debian's postgresql package or set OMNIERP_TEST_POSTGRES).");
            return null;
        }

        var port = FreePort();
        _dataDir = Path.Combine(Path.GetTempPath(), $"omnierp-pg-{Environment.ProcessId}-{port}");
        Directory.CreateDirectory(_dataDir);
        var asRoot = Environment.UserName == "root";
        if (asRoot) await RunAsync("chown", $"-R postgres:postgres {_dataDir}");

        await RunPgAsync("initdb", $"-D {_dataDir} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync", asRoot);
        var options = $"-p {port} -k {_dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=128MB";
        await RunPgAsync("pg_ctl", $"-D {_dataDir} -o \"{options}\" -l {_dataDir}/server.log -w -t 60 start", asRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(asRoot);
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false;Timeout=30";
    }

    private static void Stop(bool asRoot)
    {
        if (_dataDir is null || _binDir is null) return;
        try
        {
            var stop = Start(asRoot ? "runuser" : Path.Combine(_binDir, "pg_ctl"),
                asRoot ? $"-u postgres -- {_binDir}/pg_ctl -D {_dataDir} -m immediate -w stop" : $"-D {_dataDir} -m immediate -w stop");
            stop.WaitForExit(15000);
            Directory.Delete(_dataDir, recursive: true);
        }
        catch
        {
            // Best effort: the temp folder is removed by the machine eventually.
        }
    }

    private static Task RunPgAsync(string tool, string args, bool asRoot) =>
        asRoot ? RunAsync("runuser", $"-u postgres -- {_binDir}/{tool} {args}") : RunAsync(Path.Combine(_binDir!, tool), args);

    private static async Task RunAsync(string file, string args)
    {
        using var process = Start(file, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{file} {args}' exited with {process.ExitCode}: {await stderr}{await stdout}");
    }

    private static Process Start(string file, string args) =>
        Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
