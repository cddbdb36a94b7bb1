using System.Diagnostics;

namespace OmniErp.GraphQL.Tests;

/// <summary>Runs node scripts from tests/OmniErp.GraphQL.Tests/oracle (npm ci first when node_modules is missing).</summary>
internal static class NodeTools
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "OmniErp.GraphQL.Tests", "oracle");
            if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
        }
        throw new InvalidOperationException($"Could not find tests/OmniErp.GraphQL.Tests/oracle above {AppContext.BaseDirectory}.");
    });

    private static readonly Lock InstallLock = new();

    public static string OracleFolder => Folder.Value;

    public static void EnsureInstalled()
    {
        lock (InstallLock)
        {
            if (Directory.Exists(Path.Combine(OracleFolder, "node_modules", "graphql-http"))) return;
            var (code, output) = Run("npm", "ci --no-audit --no-fund", TimeSpan.FromMinutes(5));
            if (code != 0) throw new InvalidOperationException($"npm ci failed in {OracleFolder} (is Node.js 20+ with npm installed?):\n{output}");
        }
    }

    public static (int ExitCode, string Output) Node(string arguments, TimeSpan timeout)
    {
        EnsureInstalled();
        return Run("node", arguments, timeout);
    }

    public static (int ExitCode, string Output) Run(string file, string arguments, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = OracleFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process p;
        try { p = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Cannot start \"{file}\": Node.js 20+ must be on PATH for the oracle and audit tests.", e);
        }
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(timeout))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException($"{file} {arguments} did not finish within {timeout}.");
            }
            return (p.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
