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
