using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using OmniErp.GraphQL;
using OmniErp.GraphQL.Benchmarks;
using OmniErp.GraphQL.Language;
using OmniErp.GraphQL.Validation;

// `serve <port> [--graphiql]` hosts the storefront schema on Kestrel for the HTTP load comparison (load/run.sh);
// anything else runs the BenchmarkDotNet suite (args are passed to BenchmarkSwitcher).
if (args is ["serve", var port, ..])
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
    builder.Logging.ClearProviders();
    var app = builder.Build();
    app.MapGraphQL("/graphql", Storefront.Build(), o => o.EnableGraphiQL = args.Contains("--graphiql"));
    app.Run();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(StorefrontBenchmarks).Assembly).Run(args);

[MemoryDiagnoser]
public class StorefrontBenchmarks
{
    private readonly Schema _schema = Storefront.Build();
    private GraphQLEngine _engine = null!;
    private DocumentNode _document = null!;
    private readonly GraphQLRequest _request = new() { Query = Storefront.Query };

    [GlobalSetup]
    public void Setup()
    {
        _engine = new GraphQLEngine(_schema);
        _document = Parser.Parse(Storefront.Query);
        _engine.ExecuteAsync(_request).GetAwaiter().GetResult();
    }

    [Benchmark]
    public int Parse() => Parser.Parse(Storefront.Query).TokenCount;

    [Benchmark]
    public int Validate() => Validator.Validate(_schema, _document, new ValidationSettings()).Count;

    /// <summary>Cached document: variables, execution (24 products, 2 DataLoaders) and JSON serialization.</summary>
    [Benchmark]
    public async Task<string> Execute() => (await _engine.ExecuteAsync(_request)).ToJson();
}
