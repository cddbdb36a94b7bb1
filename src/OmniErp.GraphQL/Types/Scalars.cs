using System.Globalization;
using OmniErp.GraphQL.Language;

namespace OmniErp.GraphQL.Types;

/// <summary>The five built-in scalars, with graphql-js coercion semantics.</summary>
internal static class BuiltInScalars
{
    public static readonly ScalarType Int = new("Int", "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.")
    {
        IsBuiltIn = true,
        Serialize = v => v switch
        {
            int i => i,
            bool b => b ? 1 : 0,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && s.Length > 0 => IntFromDouble(d, v),
            _ when TryNumber(v, out var d) => IntFromDouble(d, v),
            _ => throw new ScalarCoercionException($"Int cannot represent non-integer value: {Inspect(v)}"),
        },
        ParseValue = v => TryNumber(v, out var d) ? IntFromDouble(d, v)
            : throw new ScalarCoercionException($"Int cannot represent non-integer value: {Inspect(v)}"),
        ParseLiteral = n => n is IntValueNode iv
            ? (int.TryParse(iv.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i
                : throw new ScalarCoercionException($"Int cannot represent non 32-bit signed integer value: {iv.Value}"))
            : throw new ScalarCoercionException($"Int cannot represent non-integer value: {Printer.PrintValue(n)}"),
    };

    public static readonly ScalarType Float = new("Float", "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).")
    {
        IsBuiltIn = true,
        Serialize = v => v switch
        {
            double d when double.IsFinite(d) => d,
            bool b => b ? 1.0 : 0.0,
            string s when s.Length > 0 && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
            _ when TryNumber(v, out var d) && double.IsFinite(d) => v is decimal ? v : d,
            _ => throw new ScalarCoercionException($"Float cannot represent non numeric value: {Inspect(v)}"),
        },
        ParseValue = v => TryNumber(v, out var d) && double.IsFinite(d) ? d
            : throw new ScalarCoercionException($"Float cannot represent non numeric value: {Inspect(v)}"),
        ParseLiteral = n => n switch
        {
            IntValueNode i => double.Parse(i.Value, CultureInfo.InvariantCulture),
            FloatValueNode f => double.Parse(f.Value, CultureInfo.InvariantCulture),
            _ => throw new ScalarCoercionException($"Float cannot represent non numeric value: {Printer.PrintValue(n)}"),
        },
    };

    public static readonly ScalarType String = new("String", "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.")
    {
        IsBuiltIn = true,
        Serialize = v => v switch
        {
            string s => s,
            bool b => b ? "true" : "false",
            char c => c.ToString(),
            Enum e => e.ToString(),
            Guid g => g.ToString(),
            _ when TryNumber(v, out var d) => v is double or float ? FormatDouble(d) : Convert.ToString(v, CultureInfo.InvariantCulture),
            _ => throw new ScalarCoercionException($"String cannot represent value: {Inspect(v)}"),
        },
        ParseValue = v => v as string ?? throw new ScalarCoercionException($"String cannot represent a non string value: {Inspect(v)}"),
        ParseLiteral = n => n is StringValueNode s ? s.Value
            : throw new ScalarCoercionException($"String cannot represent a non string value: {Printer.PrintValue(n)}"),
    };

    public static readonly ScalarType Boolean = new("Boolean", "The `Boolean` scalar type represents `true` or `false`.")
    {
        IsBuiltIn = true,
        Serialize = v => v switch
        {
            bool b => b,
            _ when TryNumber(v, out var d) && double.IsFinite(d) => d != 0,
            _ => throw new ScalarCoercionException($"Boolean cannot represent a non boolean value: {Inspect(v)}"),
        },
        ParseValue = v => v is bool b ? b : throw new ScalarCoercionException($"Boolean cannot represent a non boolean value: {Inspect(v)}"),
        ParseLiteral = n => n is BooleanValueNode b ? b.Value
            : throw new ScalarCoercionException($"Boolean cannot represent a non boolean value: {Printer.PrintValue(n)}"),
    };

    public static readonly ScalarType Id = new("ID", "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.")
    {
        IsBuiltIn = true,
        Serialize = v => v switch
        {
            string s => s,
            Guid g => g.ToString(),
            _ when TryNumber(v, out var d) && double.IsInteger(d) => Convert.ToString(v is double or float ? (object)(long)d : v, CultureInfo.InvariantCulture),
            _ => throw new ScalarCoercionException($"ID cannot represent value: {Inspect(v)}"),
        },
        ParseValue = v => v switch
        {
            string s => s,
            _ when v is not bool && TryNumber(v, out var d) && double.IsInteger(d) => Convert.ToString(v is double ? (object)(long)d : v, CultureInfo.InvariantCulture),
            _ => throw new ScalarCoercionException($"ID cannot represent value: {Inspect(v)}"),
        },
        ParseLiteral = n => n switch
        {
            StringValueNode s => s.Value,
            IntValueNode i => i.Value,
            _ => throw new ScalarCoercionException($"ID cannot represent a non-string and non-integer value: {Printer.PrintValue(n)}"),
        },
    };

    public static readonly IReadOnlyList<ScalarType> All = [String, Int, Float, Boolean, Id];

    private static int IntFromDouble(double d, object original)
    {
        if (!double.IsInteger(d)) throw new ScalarCoercionException($"Int cannot represent non-integer value: {Inspect(original)}");
        if (d is > int.MaxValue or < int.MinValue) throw new ScalarCoercionException($"Int cannot represent non 32-bit signed integer value: {Inspect(original)}");
        return (int)d;
    }

    internal static bool TryNumber(object? v, out double d)
    {
        switch (v)
        {
            case int i: d = i; return true;
            case long l: d = l; return true;
            case double x: d = x; return true;
            case decimal m: d = (double)m; return true;
            case float f: d = f; return true;
            case short s: d = s; return true;
            case byte b: d = b; return true;
            case uint ui: d = ui; return true;
            case ulong ul: d = ul; return true;
            case sbyte sb: d = sb; return true;
            case ushort us: d = us; return true;
            default: d = 0; return false;
        }
    }

    internal static string FormatDouble(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Renders an external value like graphql-js's inspect (JSON-ish).</summary>
    internal static string Inspect(object? v) => v switch
    {
        null => "null",
        string s => System.Text.Json.JsonSerializer.Serialize(s),
        bool b => b ? "true" : "false",
        double d => double.IsNaN(d) ? "NaN" : double.IsInfinity(d) ? (d > 0 ? "Infinity" : "-Infinity") : FormatDouble(d),
        IDictionary<string, object?> m => "{ " + string.Join(", ", m.Select(kv => $"{kv.Key}: {Inspect(kv.Value)}")) + " }",
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Inspect)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
