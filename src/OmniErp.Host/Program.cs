using OmniErp.Host;
using OmniErp.Host.Cli;

// One binary: with a verb (migrate, seed, verify, …) it runs that command and exits; without, it serves.
if (args.Length > 0 && CliVerbs.IsVerb(args[0]))
    return await CliVerbs.RunAsync(args);

var app = OmniErpApp.Build(args);
await app.RunAsync();
return 0;

/// <summary>Exposed for <c>WebApplicationFactory&lt;Program&gt;</c> in tests.</summary>
public partial class Program;
