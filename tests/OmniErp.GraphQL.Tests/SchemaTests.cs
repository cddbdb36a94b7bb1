using System.Text.Json;

namespace OmniErp.GraphQL.Tests;

public class SchemaTests
{
    [Fact]
    public async Task Sdl_and_introspection_agree_with_graphql_js()
    {
        var schema = SampleSchema.Build();
        var engine = new GraphQLEngine(schema);
        var (code, query) = NodeTools.Node("schema-roundtrip.mjs query", TimeSpan.FromMinutes(1));
        Assert.Equal(0, code);
        var result = await engine.ExecuteAsync(new GraphQLRequest { Query = query });
        Assert.Empty(result.Errors);
        var dir = Directory.CreateTempSubdirectory("omnierp-graphql").FullName;
        File.WriteAllText(Path.Combine(dir, "schema.graphql"), schema.Sdl);
        File.WriteAllText(Path.Combine(dir, "introspection.json"), result.ToJson());
        var (code2, output) = NodeTools.Node($"schema-roundtrip.mjs check {dir}/schema.graphql {dir}/introspection.json", TimeSpan.FromMinutes(1));
        Assert.True(code2 == 0, output);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(json.GetProperty("sortedFromSdl").GetString(), json.GetProperty("sortedFromIntrospection").GetString());
        Assert.Equal(json.GetProperty("reprinted").GetString(), schema.Sdl.TrimEnd('\n'));
    }

    [Fact]
    public void Two_modules_compose_one_schema_in_any_order()
    {
        var b = new SchemaBuilder();
        // Pricing registers first and extends Product, which Catalog declares later.
        b.Extend("Product", t => t.Field("price", "Float", _ => 9.5));
        b.Query(q => q.Field("cheapest", "Product", _ => new Dictionary<string, object?> { ["sku"] = "A" }));
        b.Object("Product", "A sellable item", t => t.Field("sku", "String!"));
        b.Query(q => q.Field("product", "Product", _ => (object?)null).Argument("sku", "String!"));
        var schema = b.Build();
        Assert.Contains("""
            type Query {
              cheapest: Product
              product(sku: String!): Product
            }
            """, schema.Sdl);
        Assert.Contains("price: Float", schema.Sdl);
    }

    [Fact]
    public void Build_reports_every_problem_clearly()
    {
        var b = new SchemaBuilder();
        b.Query(q => q.Field("a", "Missing", _ => 1));
        b.Interface("Named", null, t => t.Field("name", "String!"));
        b.Object("Dog", null, t => { t.Implements("Named"); t.Field("name", "Int"); });
        b.Object("Cat", null, t => t.Implements("Named").Field("id", "ID"));
        b.Extend("Nope", t => t.Field("x", "String"));
        b.Extend("Dog", t => t.Field("name", "String"));
        var e = Assert.Throws<SchemaException>(() => b.Build());
        Assert.Contains(e.Problems, p => p.Contains("unknown type \"Missing\""));
        Assert.Contains(e.Problems, p => p.Contains("Interface field \"Named.name\" expects type \"String!\" but \"Dog.name\" is type \"Int\""));
        Assert.Contains(e.Problems, p => p.Contains("\"Cat\" does not provide it"));
        Assert.Contains(e.Problems, p => p.Contains("Cannot extend type \"Nope\""));
        Assert.Contains(e.Problems, p => p.Contains("\"Dog.name\" is defined more than once"));
    }
}
