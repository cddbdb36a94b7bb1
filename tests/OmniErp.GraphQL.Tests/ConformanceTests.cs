using System.Text.RegularExpressions;
using OmniErp.GraphQL.Language;
using OmniErp.GraphQL.Validation;
using YamlDotNet.Serialization;

namespace OmniErp.GraphQL.Tests;

/// <summary>
/// The 432 graphql-js validation cases (shared/graphql-conformance/validation, read at test time):
/// same rule, same number of errors, same locations.
/// </summary>
public class ConformanceTests
{
    public sealed record Case(string File, string Name, string Rule, int Schema, string? InlineSchema, string Query, List<List<(int Line, int Column)>> Errors, List<string> Messages)
    {
        public override string ToString() => $"{Rule}/{Name}";
    }

    private static readonly Lazy<(List<Case> Cases, List<string> Schemas, List<(Regex Pattern, bool Skip, List<List<(int, int)>>? Errors)> Deviations)> Data = new(Load);

    internal static string ConformanceDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "graphql-conformance", "validation");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException(
            $"Could not find shared/graphql-conformance/validation in any parent of {AppContext.BaseDirectory}. " +
            "The repository is expected to be cloned next to the shared/ folder (e.g. /x/main and /x/shared).");
    }

    private static (List<Case>, List<string>, List<(Regex, bool, List<List<(int, int)>>?)>) Load()
    {
        var dir = ConformanceDir();
        var yaml = new DeserializerBuilder().Build();
        var schemas = yaml.Deserialize<List<string>>(File.ReadAllText(Path.Combine(dir, "schemas.yml")));
        var cases = new List<Case>();
        foreach (var file in Directory.GetFiles(dir, "*.spec.yml").Order())
        {
            var items = yaml.Deserialize<List<Dictionary<string, object>>>(File.ReadAllText(file)) ?? [];
            foreach (var item in items)
            {
                var schemaValue = item["schema"];
                var isIndex = int.TryParse(schemaValue as string, out var index);
                var errors = new List<List<(int, int)>>();
                var messages = new List<string>();
                foreach (var e in (item.GetValueOrDefault("errors") as List<object>) ?? [])
                {
                    var err = (Dictionary<object, object>)e;
                    messages.Add(err.GetValueOrDefault("message") as string ?? "");
                    errors.Add(Locations(err.GetValueOrDefault("locations")));
                }
                cases.Add(new Case(Path.GetFileName(file), (string)item["name"], (string)item["rule"], isIndex ? index : -1,
                    isIndex ? null : schemaValue as string, (string)item["query"], errors, messages));
            }
        }
        var deviations = new List<(Regex, bool, List<List<(int, int)>>?)>();
        foreach (var d in yaml.Deserialize<List<Dictionary<string, object>>>(File.ReadAllText(Path.Combine(dir, "deviations.yml"))))
        {
            List<List<(int, int)>>? errs = d.TryGetValue("errors", out var e) ? ((List<object>)e).Select(x => Locations(((Dictionary<object, object>)x).GetValueOrDefault("locations"))).ToList() : null;
            deviations.Add((new Regex("^" + (string)d["rule"] + "$"), d.ContainsKey("skip"), errs));
        }
        return (cases, schemas, deviations);
    }

    private static List<(int, int)> Locations(object? value) =>
        ((value as List<object>) ?? []).Select(l =>
        {
            var m = (Dictionary<object, object>)l;
            return (int.Parse((string)m["line"]), int.Parse((string)m["column"]));
        }).ToList();

    private static bool IsSkippedDeviation(Case c) =>
        Data.Value.Deviations.Any(d => d.Skip && (d.Pattern.IsMatch($"{c.Rule}/{c.Name}") || d.Pattern.IsMatch($"{c.Rule}Rule/{c.Name}")));

    // Some files hold several cases with the same name: the occurrence number keeps each one a test of its own
    // (xunit would otherwise drop the later ones as duplicates).
    public static IEnumerable<object[]> Cases() => WithOccurrence(Data.Value.Cases).Where(x => !IsSkippedDeviation(x.Case)).Select(x => new object[] { x.Case.File, x.Case.Name, x.Occurrence });

    public static IEnumerable<object[]> DeviationCases() => WithOccurrence(Data.Value.Cases).Where(x => IsSkippedDeviation(x.Case)).Select(x => new object[] { x.Case.File, x.Case.Name, x.Occurrence });

    private static IEnumerable<(Case Case, int Occurrence)> WithOccurrence(IEnumerable<Case> cases) =>
        cases.GroupBy(c => (c.File, c.Name)).SelectMany(g => g.Select((c, i) => (c, i)));

    /// <summary>
    /// Cases whose exported data does not match graphql-js's own test (not listed in deviations.yml):
    /// the exporter injected types T and Type into schema 0 (see its "# injected" comment), which makes fragments on
    /// them mutually exclusive with QueryRoot; graphql-js ran these cases without those types. We run them on schema 0
    /// without the injected block, which is what graphql-js validated.
    /// </summary>
    private static readonly HashSet<string> NeedsOriginalSchema =
    [
        "OverlappingFieldsCanBeMerged/reports deep conflict after nested fragments",
        "OverlappingFieldsCanBeMerged/finds invalid cases even with field named after fragment",
    ];

    /// <summary>
    /// The exported query text differs in whitespace from the graphql-js test its locations came from (expected columns
    /// 13 and 35 cannot both be produced by the exported line "  field @customNonRepeatable @customNonRepeatable"):
    /// we compare error count and lines only.
    /// </summary>
    private static readonly HashSet<string> LinesOnly = ["UniqueDirectivesPerLocation/duplicate custom non-repeatable directives in one location"];

    private static readonly Dictionary<string, Schema> SchemaCache = [];

    private static Schema SchemaFor(Case c)
    {
        var sdl = c.InlineSchema ?? Data.Value.Schemas[c.Schema];
        if (NeedsOriginalSchema.Contains(c.ToString())) sdl = sdl[..sdl.IndexOf("# injected", StringComparison.Ordinal)];
        lock (SchemaCache)
        {
            if (!SchemaCache.TryGetValue(sdl, out var schema))
                SchemaCache[sdl] = schema = new SchemaBuilder().AddSdl(sdl).Build();
            return schema;
        }
    }

    internal static (Case Case, List<ValidationError> Actual) RunCase(string file, string name, int occurrence = 0)
    {
        var c = Data.Value.Cases.Where(x => x.File == file && x.Name == name).ElementAt(occurrence);
        var doc = Parser.Parse(c.Query);
        var errors = Validator.Validate(SchemaFor(c), doc, new ValidationSettings { OnlyRules = [c.Rule], MaxErrors = 10_000 });
        return (c, errors);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validation_rule_matches_graphql_js(string file, string name, int occurrence)
    {
        var (c, actual) = RunCase(file, name, occurrence);
        var expected = c.Errors;
        var deviation = Data.Value.Deviations.FirstOrDefault(d => d.Pattern.IsMatch($"{c.Rule}/{c.Name}") || d.Pattern.IsMatch($"{c.Rule}Rule/{c.Name}"));
        if (deviation.Pattern is not null && !deviation.Skip && deviation.Errors is not null) expected = deviation.Errors;
        var linesOnly = LinesOnly.Contains(c.ToString());
        var expectedKeys = expected.Select(l => string.Join(";", l.Select(x => linesOnly ? $"{x.Line}" : $"{x.Line}:{x.Column}"))).Order().ToList();
        var actualKeys = actual.Select(e => string.Join(";", e.Locations.Select(x => linesOnly ? $"{x.Line}" : $"{x.Line}:{x.Column}"))).Order().ToList();
        Assert.True(actual.All(e => e.Rule == c.Rule), "errors from another rule");
        Assert.True(expectedKeys.SequenceEqual(actualKeys),
            $"{c.Rule}/{c.Name}\nexpected: {string.Join(" | ", expectedKeys)}\nactual:   {string.Join(" | ", actualKeys)}\nmessages: {string.Join(" | ", actual.Select(e => e.Message))}\nquery:{c.Query}");
    }

    /// <summary>
    /// deviations.yml cases that may be skipped. We match them too (the optional rules NoDeprecatedCustom and
    /// NoSchemaIntrospectionCustom are implemented, and the parser reads type-system definitions), except the custom
    /// scalar whose graphql-js parseLiteral returns undefined, which SDL cannot express.
    /// </summary>
    [Theory]
    [MemberData(nameof(DeviationCases))]
    public void Deviation_case_matches_too(string file, string name, int occurrence)
    {
        var (c, actual) = RunCase(file, name, occurrence);
        Assert.All(actual, e => Assert.Equal(c.Rule, e.Rule));
        if (c.Name.Contains("custom scalar that returns undefined", StringComparison.Ordinal)) return;
        var expected = c.Errors.Select(l => string.Join(";", l.Select(x => $"{x.Line}:{x.Column}"))).Order().ToList();
        Assert.Equal(expected, actual.Select(e => string.Join(";", e.Locations.Select(x => $"{x.Line}:{x.Column}"))).Order().ToList());
    }

    [Fact]
    public void Most_messages_use_graphql_js_wording()
    {
        int same = 0, total = 0;
        foreach (var c in Data.Value.Cases.Where(c => !IsSkippedDeviation(c)))
        {
            var (_, actual) = RunCase(c.File, c.Name);
            var actualMessages = actual.Select(e => e.Message).ToList();
            foreach (var m in c.Messages)
            {
                total++;
                if (actualMessages.Remove(m)) same++;
            }
        }
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "omnierp-graphql-messages.txt"), $"{same}/{total}");
        Assert.True(same >= total * 0.95, $"only {same}/{total} messages match graphql-js");
    }

    [Fact]
    public void Conformance_data_is_complete()
    {
        Assert.True(Data.Value.Cases.Count >= 400, $"only {Data.Value.Cases.Count} cases found");
    }
}
