using System.Text.Json;
using OmniErp.GraphQL.Execution;
using OmniErp.GraphQL.Language;
using OmniErp.GraphQL.Validation;

namespace OmniErp.GraphQL.Tests;

/// <summary>
/// graphql-js as oracle: every case of oracle/corpus/*.json runs through graphql-js (node oracle.mjs) and through our
/// engine with the same SDL, data and resolver conventions. Data must match exactly (including key order), errors by
/// rule (validation), path and locations; messages are not compared.
/// </summary>
public class OracleTests
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Expected = new(() =>
    {
        var files = string.Join(" ", Directory.GetFiles(Path.Combine(NodeTools.OracleFolder, "corpus"), "*.json").Select(f => $"corpus/{Path.GetFileName(f)}"));
        var (code, output) = NodeTools.Node($"oracle.mjs {files}", TimeSpan.FromMinutes(2));
        if (code != 0) throw new InvalidOperationException("node oracle.mjs failed:\n" + output);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("file").GetString() + "#" + e.GetProperty("name").GetString());
    });

    private static readonly Dictionary<string, (Schema Schema, object? Data, JsonElement Cases)> Corpora = LoadCorpora();

    private static Dictionary<string, (Schema, object?, JsonElement)> LoadCorpora()
    {
        var result = new Dictionary<string, (Schema, object?, JsonElement)>();
        foreach (var file in Directory.GetFiles(Path.Combine(NodeTools.OracleFolder, "corpus"), "*.json"))
        {
            var root = JsonDocument.Parse(File.ReadAllText(file)).RootElement;
            var schema = new SchemaBuilder().AddSdl(root.GetProperty("schema").GetString()!, (_, field) => ctx => new ValueTask<object?>(Resolve(ctx, field))).Build();
            result[Path.GetFileName(file)] = (schema, ValueCoercion.FromJson(root.GetProperty("data")), root.GetProperty("cases"));
        }
        return result;
    }

    /// <summary>The same conventions as oracle.mjs.</summary>
    private static object? Resolve(ResolverContext ctx, string field)
    {
        var v = ctx.ParentValue is IDictionary<string, object?> d && d.TryGetValue(field, out var x) ? x : null;
        if (v is IDictionary<string, object?> special)
        {
            if (special.TryGetValue("$byArgs", out var byArgs))
                v = ((IDictionary<string, object?>)byArgs!).TryGetValue(Canon(ctx.Arguments), out var chosen) ? chosen : null;
            if (v is IDictionary<string, object?> s2 && s2.ContainsKey("$echoArgs")) return Canon(ctx.Arguments);
            if (v is IDictionary<string, object?> s3 && s3.TryGetValue("$error", out var message)) throw new GraphQLException((string)message!);
        }
        return v;
    }

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>JSON.stringify with sorted keys (strings escaped as JavaScript does: only quotes, backslash, controls).</summary>
    private static string Canon(object? value)
    {
        var sb = new System.Text.StringBuilder();
        void Write(object? v)
        {
            switch (Sorted(v))
            {
                case null: sb.Append("null"); break;
                case string s:
                    sb.Append('"');
                    foreach (var ch in s)
                        sb.Append(ch switch { '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", < ' ' => $"\\u{(int)ch:x4}", _ => ch.ToString() });
                    sb.Append('"');
                    break;
                case SortedDictionary<string, object?> m:
                    sb.Append('{');
                    var first = true;
                    foreach (var (k, x) in m) { if (!first) sb.Append(','); first = false; Write(k); sb.Append(':'); Write(x); }
                    sb.Append('}');
                    break;
                case List<object?> l:
                    sb.Append('[');
                    for (var i = 0; i < l.Count; i++) { if (i > 0) sb.Append(','); Write(l[i]); }
                    sb.Append(']');
                    break;
                case var other: sb.Append(JsonSerializer.Serialize(other, Relaxed)); break;
            }
        }
        Write(value);
        return sb.ToString();
    }

    private static object? Sorted(object? v) => v switch
    {
        IReadOnlyDictionary<string, object?> m => new SortedDictionary<string, object?>(m.ToDictionary(kv => kv.Key, kv => Sorted(kv.Value)), StringComparer.Ordinal),
        IDictionary<string, object?> m => new SortedDictionary<string, object?>(m.ToDictionary(kv => kv.Key, kv => Sorted(kv.Value)), StringComparer.Ordinal),
        string => v,
        System.Collections.IEnumerable e => e.Cast<object?>().Select(Sorted).ToList(),
        _ => v,
    };

    public static IEnumerable<object[]> Cases() =>
        Corpora.SelectMany(c => c.Value.Cases.EnumerateArray().Select(x => new object[] { c.Key, x.GetProperty("name").GetString()! }));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Matches_graphql_js(string file, string name)
    {
        var expected = Expected.Value[$"{file}#{name}"];
        var (schema, data, cases) = Corpora[file];
        var c = cases.EnumerateArray().First(x => x.GetProperty("name").GetString() == name);
        var query = c.GetProperty("query").GetString()!;
        var kind = expected.GetProperty("kind").GetString();

        DocumentNode doc;
        try { doc = Parser.Parse(query); }
        catch (GraphQLSyntaxException e)
        {
            Assert.Equal("syntax", kind);
            var loc = expected.GetProperty("errors")[0].GetProperty("locations")[0];
            Assert.Equal((loc.GetProperty("line").GetInt32(), loc.GetProperty("column").GetInt32()), (e.Location.Line, e.Location.Column));
            return;
        }
        Assert.NotEqual("syntax", kind);
        var validation = Validator.Validate(schema, doc, new ValidationSettings { LimitIntrospectionDepth = false, MaxErrors = 1000 });
        if (validation.Count > 0 || kind == "validation")
        {
            Assert.Equal("validation", kind);
            var exp = expected.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("rule").GetString() + " " + Locs(e)).Order().ToList();
            var act = validation.Select(e => e.Rule + " " + string.Join(";", e.Locations.Select(l => $"{l.Line}:{l.Column}"))).Order().ToList();
            Assert.Equal(exp, act);
            return;
        }
        var engine = new GraphQLEngine(schema, new GraphQLOptions { RootValue = data, MaxDepth = 100, MaxAliases = 100, MaxCost = int.MaxValue, LimitIntrospectionDepth = false });
        var variables = c.TryGetProperty("variables", out var v) ? (IReadOnlyDictionary<string, object?>?)ValueCoercion.FromJson(v) : null;
        var operationName = c.TryGetProperty("operationName", out var on) ? on.GetString() : null;
        var result = await engine.ExecuteAsync(new GraphQLRequest { Query = query, Variables = variables, OperationName = operationName });
        var actual = JsonDocument.Parse(result.ToJson()).RootElement;
        var expectedResult = expected.GetProperty("result");

        Assert.Equal(expectedResult.TryGetProperty("data", out var ed), actual.TryGetProperty("data", out var ad));
        if (expectedResult.TryGetProperty("data", out ed))
            Assert.True(JsonEquals(ed, ad), $"data differs\nexpected {ed}\nactual   {ad}");
        var expErrors = expectedResult.TryGetProperty("errors", out var ee) ? ee.EnumerateArray().Select(ErrorKey).Order().ToList() : [];
        var actErrors = actual.TryGetProperty("errors", out var ae) ? ae.EnumerateArray().Select(ErrorKey).Order().ToList() : [];
        Assert.Equal(expErrors, actErrors);
    }

    private static string Locs(JsonElement e) => e.TryGetProperty("locations", out var l)
        ? string.Join(";", l.EnumerateArray().Select(x => $"{x.GetProperty("line").GetInt32()}:{x.GetProperty("column").GetInt32()}")) : "";

    private static string ErrorKey(JsonElement e) => (e.TryGetProperty("path", out var p) ? p.GetRawText() : "-") + " " + Locs(e);

    /// <summary>Structural equality, order-sensitive for object keys (response order is observable).</summary>
    internal static bool JsonEquals(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind) return false;
        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var pa = a.EnumerateObject().ToList();
                var pb = b.EnumerateObject().ToList();
                return pa.Count == pb.Count && pa.Zip(pb).All(x => x.First.Name == x.Second.Name && JsonEquals(x.First.Value, x.Second.Value));
            case JsonValueKind.Array:
                var ia = a.EnumerateArray().ToList();
                var ib = b.EnumerateArray().ToList();
                return ia.Count == ib.Count && ia.Zip(ib).All(x => JsonEquals(x.First, x.Second));
            case JsonValueKind.Number:
                return a.GetDouble() == b.GetDouble();
            case JsonValueKind.String:
                return a.GetString() == b.GetString();
            default:
                return true;
        }
    }
}
