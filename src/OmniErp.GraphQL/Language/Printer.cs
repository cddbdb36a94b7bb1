using System.Text;
using System.Text.Json;
using OmniErp.GraphQL.Types;

namespace OmniErp.GraphQL.Language;

/// <summary>Prints values and schemas as GraphQL text (graphql-js printSchema layout).</summary>
internal static class Printer
{
    public static string PrintValue(ValueNode node) => node switch
    {
        VariableNode v => "$" + v.Name.Value,
        IntValueNode i => i.Value,
        FloatValueNode f => f.Value,
        StringValueNode s => s.Block ? PrintBlockString(s.Value) : JsonString(s.Value),
        BooleanValueNode b => b.Value ? "true" : "false",
        NullValueNode => "null",
        EnumValueNode e => e.Value,
        ListValueNode l => "[" + string.Join(", ", l.Values.Select(PrintValue)) + "]",
        ObjectValueNode o => o.Fields.Count == 0 ? "{}" : "{ " + string.Join(", ", o.Fields.Select(f => f.Name.Value + ": " + PrintValue(f.Value))) + " }",
        _ => "",
    };

    private static string JsonString(string s) =>
        JsonSerializer.Serialize(s, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static string PrintBlockString(string value) => "\"\"\"" + value.Replace("\"\"\"", "\\\"\"\"") + "\"\"\"";

    public static string PrintSchema(Schema schema)
    {
        var parts = new List<string>();
        if (NeedsSchemaDefinition(schema))
        {
            var sb = new StringBuilder();
            AppendDescription(sb, schema.Description, "");
            sb.Append("schema {\n");
            sb.Append("  query: ").Append(schema.Query.Name).Append('\n');
            if (schema.Mutation is not null) sb.Append("  mutation: ").Append(schema.Mutation.Name).Append('\n');
            if (schema.Subscription is not null) sb.Append("  subscription: ").Append(schema.Subscription.Name).Append('\n');
            sb.Append('}');
            parts.Add(sb.ToString());
        }
        foreach (var d in schema.Directives.Values.Where(d => !d.IsBuiltIn)) parts.Add(PrintDirective(d));
        foreach (var t in schema.Types.Values.Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal) && !(t is ScalarType { IsBuiltIn: true })))
            parts.Add(PrintType(t));
        return string.Join("\n\n", parts) + "\n";
    }

    private static bool NeedsSchemaDefinition(Schema s) =>
        s.Description is not null || s.Query.Name != "Query" || (s.Mutation is not null && s.Mutation.Name != "Mutation")
        || (s.Subscription is not null && s.Subscription.Name != "Subscription");

    private static void AppendDescription(StringBuilder sb, string? description, string indent)
    {
        if (description is null) return;
        var block = description.Length > 70 || description.Contains('\n') || description.Contains('"');
        if (!block) { sb.Append(indent).Append(JsonString(description)).Append('\n'); return; }
        sb.Append(indent).Append("\"\"\"\n");
        foreach (var line in description.Replace("\"\"\"", "\\\"\"\"").Split('\n'))
            sb.Append(line.Length == 0 ? "" : indent).Append(line).Append('\n');
        sb.Append(indent).Append("\"\"\"\n");
    }

    private static string PrintDirective(DirectiveDef d)
    {
        var sb = new StringBuilder();
        AppendDescription(sb, d.Description, "");
        sb.Append("directive @").Append(d.Name).Append(PrintArgs(d.Arguments.List, ""));
        if (d.Repeatable) sb.Append(" repeatable");
        sb.Append(" on ").Append(string.Join(" | ", d.Locations.Select(l => l.SpecName())));
        return sb.ToString();
    }

    private static string PrintArgs(IReadOnlyList<InputValueDef> args, string indent)
    {
        if (args.Count == 0) return "";
        if (args.All(a => a.Description is null))
            return "(" + string.Join(", ", args.Select(PrintInputValue)) + ")";
        var sb = new StringBuilder("(\n");
        foreach (var a in args)
        {
            AppendDescription(sb, a.Description, indent + "  ");
            sb.Append(indent).Append("  ").Append(PrintInputValue(a)).Append('\n');
        }
        return sb.Append(indent).Append(')').ToString();
    }

    private static string PrintInputValue(InputValueDef a)
    {
        var s = a.Name + ": " + a.Type;
        if (a.HasDefault && a.DefaultLiteral is not null) s += " = " + PrintValue(a.DefaultLiteral);
        return s + PrintDeprecated(a.DeprecationReason);
    }

    private static string PrintDeprecated(string? reason) =>
        reason is null ? "" : reason == DeprecatedDefaultReason ? " @deprecated" : $" @deprecated(reason: {JsonString(reason)})";

    public const string DeprecatedDefaultReason = "No longer supported";

    private static string PrintType(NamedType t)
    {
        var sb = new StringBuilder();
        AppendDescription(sb, t.Description, "");
        switch (t)
        {
            case ScalarType s:
                sb.Append("scalar ").Append(s.Name);
                if (s.SpecifiedByUrl is not null) sb.Append(" @specifiedBy(url: ").Append(JsonString(s.SpecifiedByUrl)).Append(')');
                break;
            case ObjectType o:
                sb.Append("type ").Append(o.Name).Append(PrintImplements(o.Interfaces)).Append(PrintFields(o.FieldMap.List));
                break;
            case InterfaceType i:
                sb.Append("interface ").Append(i.Name).Append(PrintImplements(i.Interfaces)).Append(PrintFields(i.FieldMap.List));
                break;
            case UnionType u:
                sb.Append("union ").Append(u.Name);
                if (u.Members.Count > 0) sb.Append(" = ").Append(string.Join(" | ", u.Members.Select(m => m.Name)));
                break;
            case EnumType e:
                sb.Append("enum ").Append(e.Name).Append(" {\n");
                foreach (var v in e.Values.List)
                {
                    AppendDescription(sb, v.Description, "  ");
                    sb.Append("  ").Append(v.Name).Append(PrintDeprecated(v.DeprecationReason)).Append('\n');
                }
                sb.Append('}');
                break;
            case InputObjectType io:
                sb.Append("input ").Append(io.Name);
                if (io.IsOneOf) sb.Append(" @oneOf");
                sb.Append(" {\n");
                foreach (var f in io.FieldMap.List)
                {
                    AppendDescription(sb, f.Description, "  ");
                    sb.Append("  ").Append(PrintInputValue(f)).Append('\n');
                }
                sb.Append('}');
                break;
        }
        return sb.ToString();
    }

    private static string PrintImplements(IReadOnlyList<InterfaceType> interfaces) =>
        interfaces.Count == 0 ? "" : " implements " + string.Join(" & ", interfaces.Select(i => i.Name));

    private static string PrintFields(IReadOnlyList<FieldDef> fields)
    {
        var sb = new StringBuilder(" {\n");
        foreach (var f in fields)
        {
            AppendDescription(sb, f.Description, "  ");
            sb.Append("  ").Append(f.Name).Append(PrintArgs(f.Arguments.List, "  ")).Append(": ").Append(f.Type)
              .Append(PrintDeprecated(f.DeprecationReason)).Append('\n');
        }
        return sb.Append('}').ToString();
    }
}
