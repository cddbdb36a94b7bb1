using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;

namespace OmniErp.GraphQL.Tests;

/// <summary>Random and mutated documents and variables never throw and always produce spec-shaped responses.</summary>
public class FuzzTests
{
    private static readonly GraphQLEngine Engine = new(SampleSchema.Build(), new GraphQLOptions { ExecutionTimeout = TimeSpan.FromSeconds(2) });

    private static readonly string[] Seeds =
    [
        "{ hello books(first: 2) { id title genre price published author { name books { title } } rating } }",
        "query Q($id: ID!, $n: Int = 3) { node(id: $id) { id ... on Book { title } ... on Author { name } } books(first: $n) { ...F } } fragment F on Book { title @include(if: true) }",
        "mutation { addBook(input: { title: \"x\", authorId: \"a1\", price: 1.5, pages: 3 }) { id } }",
        "{ search(term: \"o\") { __typename ... on Book { title } } book(key: { id: \"b1\" }) { title } echo(value: null) }",
        "{ __schema { types { name fields(includeDeprecated: true) { name args { name defaultValue } } } } }",
    ];

    private static readonly string[] Fragments = ["{", "}", "(", ")", "[", "]", "\"", "\"\"\"", "...", "$", "@", ":", "!", "=", "|", "&", "on", "null", "1e", "-0", "\\u", "#", "\n", "é", "🚀", "\u0000", "__typename", "first:", "-1", "2147483648"];

    private static void AssertShaped(ExecutionResult result)
    {
        var json = JsonDocument.Parse(result.ToJson()).RootElement;
        Assert.Equal(JsonValueKind.Object, json.ValueKind);
        foreach (var p in json.EnumerateObject()) Assert.Contains(p.Name, new[] { "data", "errors", "extensions" });
        if (!json.TryGetProperty("data", out var data)) Assert.True(json.GetProperty("errors").GetArrayLength() > 0);
        else Assert.True(data.ValueKind is JsonValueKind.Object or JsonValueKind.Null);
        if (json.TryGetProperty("errors", out var errors))
            foreach (var e in errors.EnumerateArray())
            {
                Assert.Equal(JsonValueKind.String, e.GetProperty("message").ValueKind);
                Assert.DoesNotContain("   at ", e.GetProperty("message").GetString()); // no stack traces
            }
    }

    private static string Mutate(string seed, int[] ops)
    {
        var s = seed;
        var rnd = new Random(ops.Length == 0 ? 0 : ops[0]);
        foreach (var op in ops)
        {
            var pos = s.Length == 0 ? 0 : Math.Abs(op) % s.Length;
            switch (Math.Abs(op) % 4)
            {
                case 0: s = s.Remove(pos, Math.Min(s.Length - pos, 1 + rnd.Next(4))); break;
                case 1: s = s.Insert(pos, Fragments[rnd.Next(Fragments.Length)]); break;
                case 2: s = s.Insert(pos, s.Substring(pos, Math.Min(s.Length - pos, rnd.Next(12)))); break;
                default: s = s.Length > 0 ? s.Remove(pos, 1).Insert(pos, ((char)rnd.Next(32, 127)).ToString()) : s; break;
            }
        }
        return s;
    }

    [Fact]
    public void Mutated_documents_never_throw()
    {
        var property = Prop.ForAll(Gen.Choose(0, Seeds.Length - 1).ToArbitrary(), ArbMap.Default.ArbFor<int[]>(), (seedIndex, ops) =>
        {
            var doc = Mutate(Seeds[seedIndex], ops);
            var result = Engine.ExecuteAsync(new GraphQLRequest { Query = doc }).GetAwaiter().GetResult();
            AssertShaped(result);
        });
        Check.One(Config.Quick.WithMaxTest(1500).WithQuietOnSuccess(true), property);
    }

    [Fact]
    public void Random_text_and_variables_never_throw()
    {
        var variableValues = Gen.OneOf(
            Gen.Constant<object?>(null), ArbMap.Default.GeneratorFor<long>().Select(x => (object?)x), ArbMap.Default.GeneratorFor<double>().Select(x => (object?)x),
            ArbMap.Default.GeneratorFor<string>().Select(x => (object?)x), ArbMap.Default.GeneratorFor<bool>().Select(x => (object?)x),
            Gen.Constant<object?>(new List<object?> { 1L, null, "x" }), Gen.Constant<object?>(new Dictionary<string, object?> { ["id"] = "b1", ["title"] = null }));
        var property = Prop.ForAll(ArbMap.Default.ArbFor<string>(), variableValues.ToArbitrary(), variableValues.ToArbitrary(), (text, v1, v2) =>
        {
            var vars = new Dictionary<string, object?> { ["id"] = v1, ["n"] = v2, ["key"] = v2 };
            foreach (var q in new[] { text ?? "", Seeds[1], "query ($key: BookKey!) { book(key: $key) { id } }", "query ($n: [Int!]) { books(first: 1) { id } echo(value: \"a\") }" })
                AssertShaped(Engine.ExecuteAsync(new GraphQLRequest { Query = q, Variables = vars }).GetAwaiter().GetResult());
        });
        Check.One(Config.Quick.WithMaxTest(1000).WithQuietOnSuccess(true), property);
    }
}
