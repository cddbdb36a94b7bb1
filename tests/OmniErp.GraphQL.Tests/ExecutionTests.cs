using System.Text.Json;

namespace OmniErp.GraphQL.Tests;

public class ExecutionTests
{
    internal static async Task<JsonElement> Run(GraphQLEngine engine, string query, object? variables = null, RequestContext? ctx = null)
    {
        var vars = variables is null ? null
            : (IReadOnlyDictionary<string, object?>?)Execution.ValueCoercion.FromJson(JsonSerializer.SerializeToElement(variables));
        var result = await engine.ExecuteAsync(new GraphQLRequest { Query = query, Variables = vars }, ctx);
        return JsonDocument.Parse(result.ToJson()).RootElement;
    }

    private static readonly GraphQLEngine Engine = new(SampleSchema.Build());

    [Fact]
    public async Task Resolves_fields_from_two_modules()
    {
        var r = await Run(Engine, "{ books(first: 2) { title rating author { name } } }");
        Assert.Equal("""{"data":{"books":[{"title":"The Dispossessed","rating":3.87,"author":{"name":"Ursula"}},{"title":"Foundation","rating":2.55,"author":{"name":"Isaac"}}]}}""", r.GetRawText());
    }
}

public class ExecutionSemanticsTests
{
    private static Task<JsonElement> Run(GraphQLEngine e, string q, object? v = null, RequestContext? c = null) => ExecutionTests.Run(e, q, v, c);

    [Fact]
    public async Task DataLoader_batches_one_call_per_level()
    {
        var batches = new List<int>();
        var books = Enumerable.Range(1, 24).Select(i => new Book($"b{i}", $"T{i}", $"a{i % 3 + 1}", i, i, Genre.Fiction, DateTimeOffset.UnixEpoch)).ToList();
        var engine = new GraphQLEngine(SampleSchema.Build(books, batches.Add));
        var r = await Run(engine, "{ books(first: 24) { author { name books { author { id } } } } }");
        Assert.False(r.TryGetProperty("errors", out _));
        Assert.Equal(24, r.GetProperty("data").GetProperty("books").GetArrayLength());
        Assert.Equal([3], batches); // second level hits the per-request cache
    }

    [Fact]
    public async Task Async_DataLoader_batches_across_async_resolvers()
    {
        var calls = 0;
        var b = new SchemaBuilder();
        b.Object("Item", null, t =>
        {
            t.Field("id", "Int!", ctx => ctx.Parent<int>());
            t.Field("double", "Int!", async ctx =>
            {
                await Task.Yield();
                return await ctx.DataLoader<int, int>("double", async (keys, ct) =>
                {
                    Interlocked.Increment(ref calls);
                    await Task.Delay(10, ct);
                    return keys.ToDictionary(k => k, k => k * 2);
                }).LoadAsync(ctx.Parent<int>());
            });
        });
        b.Query(q => q.Field("items", "[Item!]!", async ctx => { await Task.Delay(1); return Enumerable.Range(1, 20); }));
        var r = await Run(new GraphQLEngine(b.Build()), "{ items { id double } }");
        Assert.Equal(40, r.GetProperty("data").GetProperty("items")[19].GetProperty("double").GetInt32());
        Assert.InRange(calls, 1, 3); // on a busy machine thread-pool yields may split the first tick; never N calls
    }

    [Fact]
    public async Task Mutations_run_serially_and_map_input_to_records()
    {
        var books = SampleSchema.Books();
        var engine = new GraphQLEngine(SampleSchema.Build(books));
        var r = await Run(engine, """
            mutation ($p: Decimal!) {
              a: addBook(input: { title: "A", authorId: "a1", price: $p }) { id pages price }
              b: addBook(input: { title: "B", authorId: "a2", price: 2.5, pages: 7 }) { id pages }
            }
            """, new { p = 19.99m });
        var data = r.GetProperty("data");
        Assert.Equal("b4", data.GetProperty("a").GetProperty("id").GetString());
        Assert.Equal(100, data.GetProperty("a").GetProperty("pages").GetInt32());
        Assert.Equal(19.99m, data.GetProperty("a").GetProperty("price").GetDecimal());
        Assert.Equal("b5", data.GetProperty("b").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Absent_and_null_arguments_are_distinct()
    {
        var engine = new GraphQLEngine(SampleSchema.Build());
        var r = await Run(engine, "query ($v: String) { a: echo b: echo(value: null) c: echo(value: \"x\") d: echo(value: $v) }");
        Assert.Equal("""{"a":"absent","b":"[null]","c":"[x]","d":"absent"}""", r.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task Enums_custom_scalars_interfaces_unions_and_oneOf()
    {
        var engine = new GraphQLEngine(SampleSchema.Build());
        var r = await Run(engine, """
            {
              book(key: { title: "Kindred" }) { genre published price }
              node(id: "a2") { id ... on Author { name } }
              search(term: "o") { __typename ... on Book { title } ... on Author { name } }
            }
            """);
        Assert.Equal("""{"book":{"genre":"FICTION","published":"1979-06-01T00:00:00.0000000+00:00","price":11},"node":{"id":"a2","name":"Isaac"},"search":[{"__typename":"Book","title":"The Dispossessed"},{"__typename":"Book","title":"Foundation"},{"__typename":"Author","name":"Octavia"}]}""",
            r.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task Request_items_reach_resolvers_and_context_exposes_path_and_selection()
    {
        var seen = new List<string>();
        var b = new SchemaBuilder();
        b.Object("Thing", null, t => { t.Field("a", "String", ctx => string.Join("/", ctx.Path)); t.Field("b", "String"); });
        b.Query(q => q.Field("thing", "Thing", ctx =>
        {
            seen.AddRange(ctx.Selection.SubFields);
            return new Dictionary<string, object?> { ["b"] = ctx.Items["who"] };
        }));
        var context = new RequestContext();
        context.Items["who"] = "me";
        var r = await Run(new GraphQLEngine(b.Build()), "{ thing { a ... on Thing { b } } }", null, context);
        Assert.Equal("""{"thing":{"a":"thing/a","b":"me"}}""", r.GetProperty("data").GetRawText());
        Assert.Equal(["a", "b"], seen);
    }

    [Fact]
    public async Task Persisted_documents_by_hash_and_required_mode()
    {
        var options = new GraphQLOptions { RequirePersistedDocuments = true };
        var engine = new GraphQLEngine(SampleSchema.Build(), options);
        var id = engine.AddPersistedDocument("{ hello }");
        var ok = await engine.ExecuteAsync(new GraphQLRequest { DocumentId = id });
        Assert.Equal("""{"data":{"hello":"world"}}""", ok.ToJson());
        var apq = await engine.ExecuteAsync(new GraphQLRequest
        {
            Extensions = new Dictionary<string, object?> { ["persistedQuery"] = new Dictionary<string, object?> { ["version"] = 1L, ["sha256Hash"] = id[7..] } },
        });
        Assert.True(apq.HasData);
        var adhoc = await engine.ExecuteAsync(new GraphQLRequest { Query = "{ hello }" });
        Assert.Equal(RequestFailure.PersistedDocumentRequired, adhoc.Failure);
        var unknown = await engine.ExecuteAsync(new GraphQLRequest { DocumentId = "sha256:00" });
        Assert.Equal(RequestFailure.PersistedDocumentNotFound, unknown.Failure);
    }

    [Fact]
    public async Task Document_cache_is_bounded_and_reused()
    {
        var engine = new GraphQLEngine(SampleSchema.Build(), new GraphQLOptions { DocumentCacheSize = 10 });
        for (var i = 0; i < 50; i++) await engine.ExecuteAsync(new GraphQLRequest { Query = $"{{ a{i}: hello }}" });
        Assert.InRange(engine.CachedDocumentCount, 1, 10);
    }

    [Fact]
    public async Task Introspection_can_be_disabled_with_suggestions()
    {
        var engine = new GraphQLEngine(SampleSchema.Build(), new GraphQLOptions { EnableIntrospection = false });
        var r = await engine.ExecuteAsync(new GraphQLRequest { Query = "{ __schema { types { name } } }" });
        Assert.Equal(RequestFailure.ValidationFailed, r.Failure);
        Assert.Contains("introspection has been disabled", r.Errors[0].Message);
        var typo = await engine.ExecuteAsync(new GraphQLRequest { Query = "{ helo }" });
        Assert.DoesNotContain("Did you mean", typo.Errors[0].Message);
        var withSuggestions = await new GraphQLEngine(SampleSchema.Build()).ExecuteAsync(new GraphQLRequest { Query = "{ helo }" });
        Assert.Contains("Did you mean \"hello\"?", withSuggestions.Errors[0].Message);
        Assert.Equal("""{"data":{"__typename":"Query"}}""", (await engine.ExecuteAsync(new GraphQLRequest { Query = "{ __typename }" })).ToJson());
    }

    [Fact]
    public async Task Deprecated_items_are_hidden_unless_asked_for()
    {
        var engine = new GraphQLEngine(SampleSchema.Build());
        var r = await Run(engine, """{ __type(name: "Book") { a: fields { name } b: fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }""");
        var t = r.GetProperty("data").GetProperty("__type");
        Assert.DoesNotContain(t.GetProperty("a").EnumerateArray(), f => f.GetProperty("name").GetString() == "isbn");
        Assert.Contains(t.GetProperty("b").EnumerateArray(), f => f.GetProperty("name").GetString() == "isbn" && f.GetProperty("deprecationReason").GetString() == "Use id");
    }
}

public class LimitTests
{
    private static async Task<ExecutionResult> Exec(GraphQLOptions o, string q) =>
        await new GraphQLEngine(SampleSchema.Build(), o).ExecuteAsync(new GraphQLRequest { Query = q });

    [Fact]
    public async Task Depth_limit()
    {
        var r = await Exec(new GraphQLOptions { MaxDepth = 3 }, "{ books { author { books { title } } } }");
        Assert.Equal(RequestFailure.LimitExceeded, r.Failure);
        Assert.True((await Exec(new GraphQLOptions { MaxDepth = 4 }, "{ books { author { books { title } } } }")).HasData);
    }

    [Fact]
    public async Task Depth_limit_is_linear_on_fragment_bombs()
    {
        var frags = string.Join("\n", Enumerable.Range(0, 40).Select(i => $"fragment F{i} on Book {{ author {{ books {{ ...F{i + 1} ...F{i + 1} }} }} }}"));
        var q = "{ books { ...F0 } }\n" + frags + "\nfragment F40 on Book { title }";
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = await Exec(new GraphQLOptions(), q);
        Assert.Equal(RequestFailure.LimitExceeded, r.Failure);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Cost_limit_uses_first_argument_as_multiplier()
    {
        var q = "query ($n: Int) { books(first: $n) { author { books { title } } } }";
        var engine = new GraphQLEngine(SampleSchema.Build(), new GraphQLOptions { MaxCost = 100 });
        var small = await engine.ExecuteAsync(new GraphQLRequest { Query = q, Variables = new Dictionary<string, object?> { ["n"] = 2L } });
        Assert.True(small.HasData);
        var big = await engine.ExecuteAsync(new GraphQLRequest { Query = q, Variables = new Dictionary<string, object?> { ["n"] = 1000L } });
        Assert.Equal(RequestFailure.LimitExceeded, big.Failure);
    }

    [Fact]
    public async Task Alias_root_field_and_token_limits()
    {
        var aliases = "{ " + string.Join(" ", Enumerable.Range(0, 40).Select(i => $"a{i}: hello")) + " }";
        Assert.Equal(RequestFailure.LimitExceeded, (await Exec(new GraphQLOptions(), aliases)).Failure);
        Assert.Equal(RequestFailure.LimitExceeded, (await Exec(new GraphQLOptions { MaxAliases = 100, MaxRootFields = 10 }, aliases)).Failure);
        var tokens = await Exec(new GraphQLOptions { MaxTokens = 50 }, aliases);
        Assert.Equal(RequestFailure.SyntaxError, tokens.Failure);
        Assert.Contains("more than 50 tokens", tokens.Errors[0].Message);
    }

    [Fact]
    public async Task Validation_error_count_is_capped()
    {
        var q = "{ " + string.Join(" ", Enumerable.Range(0, 200).Select(i => $"x{i}")) + " }";
        var r = await Exec(new GraphQLOptions { MaxValidationErrors = 10, MaxRootFields = 1000, MaxAliases = 1000 }, q);
        Assert.Equal(11, r.Errors.Count);
    }

    [Fact]
    public async Task Overlapping_fields_rule_is_not_quadratic_on_repeated_fields()
    {
        var q = "{ " + string.Join(" ", Enumerable.Range(0, 3000).Select(_ => "books { title author { name } }")) + " }";
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = await Exec(new GraphQLOptions { MaxTokens = 100_000, MaxCost = 1_000_000 }, q);
        Assert.True(r.HasData, r.ToJson());
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(3), $"took {sw.Elapsed}");
        var frags = "{ " + string.Join(" ", Enumerable.Range(0, 200).Select(_ => "... on Query { " + string.Join(" ", Enumerable.Range(0, 20).Select(_ => "hello")) + " }")) + " }";
        sw.Restart();
        var r2 = await Exec(new GraphQLOptions { MaxTokens = 100_000 }, frags);
        Assert.True(r2.HasData, r2.ToJson());
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(3), $"took {sw.Elapsed}");
    }
}
