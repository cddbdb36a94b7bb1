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

    /// <summary>A GraphQL string literal: quotes, backslash and control characters escaped; other text kept as is.</summary>
    internal static string JsonString(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
            sb.Append(c switch
            {
                '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", '\b' => "\\b", '\f' => "\\f",
                < ' ' or (>= '\u007F' and <= '\u009F') => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        return sb.Append('"').ToString();
    }

    private static string PrintBlockString(string value)
    {
        var escaped = value.Replace("\"\"\"", "\\\"\"\"", StringComparison.Ordinal);
        var lines = escaped.ReplaceLineEndings("\n").Split('\n');
        var singleLine = lines.Length == 1;
        var forceLeadingNewLine = lines.Length > 1 && lines.Skip(1).All(l => l.Length == 0 || l[0] is ' ' or '\t');
        var trailingTriple = escaped.EndsWith("\\\"\"\"", StringComparison.Ordinal);
        var forceTrailingNewLine = (value.EndsWith('"') && !trailingTriple) || value.EndsWith('\\');
        var multiple = !singleLine || value.Length > 70 || forceTrailingNewLine || forceLeadingNewLine || trailingTriple;
        var sb = new StringBuilder("\"\"\"");
        var skipLeadingNewLine = singleLine && value.Length > 0 && value[0] is ' ' or '\t';
        if ((multiple && !skipLeadingNewLine) || forceLeadingNewLine) sb.Append('\n');
        sb.Append(escaped);
        if (multiple || forceTrailingNewLine) sb.Append('\n');
        return sb.Append("\"\"\"").ToString();
    }

    /// <summary>graphql-js isPrintableAsBlockString.</summary>
    private static bool IsPrintableAsBlockString(string value)
    {
        if (value.Length == 0) return true;
        bool isEmptyLine = true, hasIndent = false, hasCommonIndent = true, seenNonEmptyLine = false;
        foreach (var c in value)
        {
            switch (c)
            {
                case < '\t' or '\u000B' or '\u000C' or (> '\r' and < ' ') or '\r': return false;
                case '\n':
                    if (isEmptyLine && !seenNonEmptyLine) return false;
                    seenNonEmptyLine = true; isEmptyLine = true; hasIndent = false;
                    break;
                case '\t' or ' ':
                    hasIndent |= isEmptyLine;
                    break;
                default:
                    hasCommonIndent &= hasIndent;
                    isEmptyLine = false;
                    break;
            }
        }
        if (isEmptyLine) return false;
        if (hasCommonIndent && seenNonEmptyLine) return false;
        return true;
    }

    private static string Description(string? description, string indentation = "", bool firstInBlock = true)
    {
        if (description is null) return "";
        var text = IsPrintableAsBlockString(description) ? PrintBlockString(description) : JsonString(description);
        var prefix = indentation.Length > 0 && !firstInBlock ? "\n" + indentation : indentation;
        return prefix + text.Replace("\n", "\n" + indentation, StringComparison.Ordinal) + "\n";
    }

    public static string PrintSchema(Schema schema)
    {
        var parts = new List<string>();
        if (NeedsSchemaDefinition(schema))
        {
            var sb = new StringBuilder(Description(schema.Description));
            sb.Append("schema {\n");
            sb.Append("  query: ").Append(schema.Query.Name).Append('\n');
            if (schema.Mutation is not null) sb.Append("  mutation: ").Append(schema.Mutation.Name).Append('\n');
            if (schema.Subscription is not null) sb.Append("  subscription: ").Append(schema.Subscription.Name).Append('\n');
            parts.Add(sb.Append('}').ToString());
        }
        foreach (var d in schema.Directives.Values.Where(d => !d.IsBuiltIn)) parts.Add(PrintDirective(d));
        foreach (var t in schema.Types.Values.Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal) && !(t is ScalarType { IsBuiltIn: true })))
            parts.Add(PrintType(t));
        return string.Join("\n\n", parts) + "\n";
    }

    private static bool NeedsSchemaDefinition(Schema s) =>
        s.Description is not null || s.Query.Name != "Query" || (s.Mutation is not null && s.Mutation.Name != "Mutation")
        || (s.Subscription is not null && s.Subscription.Name != "Subscription");

    private static string PrintDirective(DirectiveDef d) =>
        Description(d.Description) + "directive @" + d.Name + PrintArgs(d.Arguments.List, "") + (d.Repeatable ? " repeatable" : "")
        + " on " + string.Join(" | ", d.Locations.Select(l => l.SpecName()));

    private static string PrintArgs(IReadOnlyList<InputValueDef> args, string indentation)
    {
        if (args.Count == 0) return "";
        if (args.All(a => a.Description is null)) return "(" + string.Join(", ", args.Select(PrintInputValue)) + ")";
        return "(\n" + string.Join("\n", args.Select((a, i) => Description(a.Description, "  " + indentation, i == 0) + "  " + indentation + PrintInputValue(a)))
            + "\n" + indentation + ")";
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

    private static string PrintBlock(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "" : " {\n" + string.Join("\n", list) + "\n}";
    }

    private static string PrintType(NamedType t) => Description(t.Description) + t switch
    {
        ScalarType s => "scalar " + s.Name + (s.SpecifiedByUrl is null ? "" : $" @specifiedBy(url: {JsonString(s.SpecifiedByUrl)})"),
        ObjectType o => "type " + o.Name + PrintImplements(o.Interfaces) + PrintFields(o.FieldMap.List),
        InterfaceType i => "interface " + i.Name + PrintImplements(i.Interfaces) + PrintFields(i.FieldMap.List),
        UnionType u => "union " + u.Name + (u.Members.Count > 0 ? " = " + string.Join(" | ", u.Members.Select(m => m.Name)) : ""),
        EnumType e => "enum " + e.Name + PrintBlock(e.Values.List.Select((v, i) => Description(v.Description, "  ", i == 0) + "  " + v.Name + PrintDeprecated(v.DeprecationReason))),
        InputObjectType io => "input " + io.Name + (io.IsOneOf ? " @oneOf" : "") + PrintBlock(io.FieldMap.List.Select((f, i) => Description(f.Description, "  ", i == 0) + "  " + PrintInputValue(f))),
        _ => "",
    };

    private static string PrintImplements(IReadOnlyList<InterfaceType> interfaces) =>
        interfaces.Count == 0 ? "" : " implements " + string.Join(" & ", interfaces.Select(i => i.Name));

    private static string PrintFields(IReadOnlyList<FieldDef> fields) =>
        PrintBlock(fields.Select((f, i) => Description(f.Description, "  ", i == 0) + "  " + f.Name + PrintArgs(f.Arguments.List, "  ") + ": " + f.Type + PrintDeprecated(f.DeprecationReason)));
}
