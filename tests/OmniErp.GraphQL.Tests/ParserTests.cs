using OmniErp.GraphQL.Language;

namespace OmniErp.GraphQL.Tests;

public class ParserTests
{
    [Fact]
    public void Parses_operations_fragments_variables_directives_and_descriptions()
    {
        var doc = Parser.Parse("""
            "Fetches a book"
            query Book("the id" $id: ID! = "b1" @dir, $f: [Int!] = [1, 2]) @op {
              b: book(key: { id: $id }) @include(if: true) { ...F ... on Book { title } ... @skip(if: false) { id } }
            }
            "A fragment" fragment F on Book { title }
            """);
        var op = Assert.IsType<OperationDefinitionNode>(doc.Definitions[0]);
        Assert.Equal("Fetches a book", op.Description!.Value);
        Assert.Equal("the id", op.VariableDefinitions[0].Description!.Value);
        Assert.Equal("ID!", op.VariableDefinitions[0].Type.ToString());
        Assert.Equal(new SourceLocation(1, 1), op.Location); // a definition starts at its description, as in graphql-js
        var field = Assert.IsType<FieldNode>(op.SelectionSet.Selections[0]);
        Assert.Equal("b", field.Alias!.Value);
        Assert.Equal(new SourceLocation(3, 3), field.Location);
        Assert.Equal("A fragment", doc.Definitions[1].Description!.Value);
    }

    [Theory]
    [InlineData("\"\"\"\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  \"\"\"", "Hello,\n  World!\n\nYours,\n  GraphQL.")]
    [InlineData("\"\"\"  single  \"\"\"", "  single  ")]
    [InlineData("\"\"\"a \\\"\"\" b\"\"\"", "a \"\"\" b")]
    [InlineData("\"\\u00e9\\u{1F600}\\uD83D\\uDE00\"", "é😀😀")]
    [InlineData("\"tab\\tquote\\\"slash\\/\"", "tab\tquote\"slash/")]
    [InlineData("\"日本語 🚀\"", "日本語 🚀")]
    public void Decodes_strings(string literal, string expected)
    {
        var v = Assert.IsType<StringValueNode>(Parser.ParseValue(literal));
        Assert.Equal(expected, v.Value);
    }

    [Theory]
    [InlineData("{ a", 1, 4, "Expected Name, found <EOF>.")]
    [InlineData("{\n  a(x: 01) }", 2, 9, "Invalid number, unexpected digit after 0: \"1\".")]
    [InlineData("{ a(x: \"\\uD800\") }", 1, 9, "Invalid Unicode escape sequence: \"\\uD800\".")]
    [InlineData("{ a(x: \"\\u{110000}\") }", 1, 9, null)]
    [InlineData("{ a(x: \"abc\n\") }", 1, 12, "Unterminated string.")]
    [InlineData("{ a(x: 1.) }", 1, 10, null)]
    [InlineData("{ ... }", 1, 7, null)]
    [InlineData("query { a(x: $v) } fragment on on T { a }", 1, 29, null)]
    [InlineData("\"desc\" { a }", 1, 1, null)]
    [InlineData("{ a(x: 1a) }", 1, 9, null)]
    [InlineData("{ \u0007 }", 1, 3, "Unexpected character: U+0007.")]
    public void Syntax_errors_name_line_and_column(string source, int line, int column, string? message)
    {
        var e = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(source));
        Assert.Equal(new SourceLocation(line, column), e.Location);
        if (message is not null) Assert.Equal(message, e.Description);
    }

    [Fact]
    public void Caps_tokens_and_nesting()
    {
        Assert.Contains("more than 10 tokens", Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse("{ a b c d e f g h i j k l }", 10)).Message);
        var deep = new string('[', 5000) + new string(']', 5000);
        Assert.Contains("nesting", Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse("{ a(x: " + deep + ") }", 100_000)).Message);
    }

    [Fact]
    public void Parses_type_system_documents()
    {
        var doc = Parser.Parse("""
            schema @x { query: Q }
            "d" scalar Date @specifiedBy(url: "https://example.com")
            type Q implements A & B @x { f(a: Int = 1 @deprecated): [String!]! @deprecated(reason: "r") }
            interface A implements B { f: Int }
            union U = | X | Y
            enum E { A @deprecated B }
            input I @oneOf { a: Int, b: String }
            directive @x(a: Int) repeatable on FIELD | OBJECT
            extend type Q { g: Int }
            extend schema @y
            """);
        Assert.Equal(10, doc.Definitions.Count);
    }

    [Fact]
    public void Rejects_enum_values_named_true_false_null() =>
        Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse("enum E { true }"));
}
