namespace OmniErp.Kernel.Modules;

/// <summary>
/// A command-line verb of the one binary (<c>OmniErp.Host verb args…</c>). A module registers its verbs as
/// services; a verb parses its arguments and sends requests, it holds no business rules.
/// </summary>
public interface ICliVerb
{
    string Name { get; }
    string Description { get; }

    /// <summary>Runs in a service scope; returns the process exit code (0 success, 1 failure, 2 usage).</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken ct);
}

/// <summary>A consistency check run by the <c>verify</c> verb (e.g. stock equals the sum of its ledger).</summary>
public interface IVerification
{
    string Name { get; }

    /// <summary>Each finding is one line a person can act on; none means consistent.</summary>
    Task<IReadOnlyList<string>> VerifyAsync(CancellationToken ct);
}
