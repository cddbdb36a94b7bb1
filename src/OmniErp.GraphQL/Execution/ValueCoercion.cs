using System.Collections;
using System.Globalization;
using System.Text.Json;
using OmniErp.GraphQL.Language;
using OmniErp.GraphQL.Types;

namespace OmniErp.GraphQL.Execution;

/// <summary>Input coercion (spec 3.5 / 3.10 / 6.1.2 / 6.4.1), with graphql-js semantics for absent vs null.</summary>
internal static class ValueCoercion
{
    /// <summary>valueFromAST: a literal to an internal value. <paramref name="ok"/> is false when the literal is invalid.</summary>
    public static object? LiteralToValue(ValueNode node, GType type, IReadOnlyDictionary<string, object?>? variables, out bool ok)
    {
        ok = true;
        if (node is VariableNode v)
        {
            if (variables is null || !variables.TryGetValue(v.Name.Value, out var value)) { ok = false; return null; }
            if (value is null && type is NonNullType) { ok = false; return null; }
            return value;
        }
        if (type is NonNullType nn)
        {
            if (node is NullValueNode) { ok = false; return null; }
            return LiteralToValue(node, nn.OfType, variables, out ok);
        }
        if (node is NullValueNode) return null;
        switch (type)
        {
            case ListType lt:
                if (node is ListValueNode list)
                {
                    var result = new List<object?>(list.Values.Count);
                    foreach (var item in list.Values)
                    {
                        if (IsMissingVariable(item, variables))
                        {
                            if (lt.OfType is NonNullType) { ok = false; return null; }
                            result.Add(null);
                            continue;
                        }
                        var iv = LiteralToValue(item, lt.OfType, variables, out ok);
                        if (!ok) return null;
                        result.Add(iv);
                    }
                    return result;
                }
                var single = LiteralToValue(node, lt.OfType, variables, out ok);
                return ok ? new List<object?> { single } : null;
            case InputObjectType io:
            {
                if (node is not ObjectValueNode obj) { ok = false; return null; }
                var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var f in obj.Fields)
                    if (!io.Fields.ContainsKey(f.Name.Value)) { ok = false; return null; }
                foreach (var def in io.FieldMap.List)
                {
                    ObjectFieldNode? fn = null;
                    foreach (var f in obj.Fields) if (f.Name.Value == def.Name) { fn = f; break; }
                    if (fn is null || IsMissingVariable(fn.Value, variables))
                    {
                        if (def.HasDefault) fields[def.Name] = def.DefaultValue;
                        else if (def.Type is NonNullType) { ok = false; return null; }
                        continue;
                    }
                    var fv = LiteralToValue(fn.Value, def.Type, variables, out ok);
                    if (!ok) return null;
                    fields[def.Name] = fv;
                }
                if (io.IsOneOf)
                {
                    if (fields.Count != 1 || fields.Values.First() is null) { ok = false; return null; }
                }
                return fields;
            }
            case EnumType et:
                if (node is EnumValueNode ev && et.Values.TryGetValue(ev.Value, out var evd)) return evd.Value;
                ok = false; return null;
            case ScalarType st:
                try { return st.ParseLiteral(SubstituteVariables(node, variables)); }
                catch (ScalarCoercionException) { ok = false; return null; }
                catch (FormatException) { ok = false; return null; }
                catch (OverflowException) { ok = false; return null; }
        }
        ok = false;
        return null;
    }

    private static ValueNode SubstituteVariables(ValueNode node, IReadOnlyDictionary<string, object?>? variables) => node;

    private static bool IsMissingVariable(ValueNode node, IReadOnlyDictionary<string, object?>? variables) =>
        node is VariableNode v && (variables is null || !variables.ContainsKey(v.Name.Value));

    public sealed record InputError(string Message, IReadOnlyList<object> Path, object? Value);

    /// <summary>coerceInputValue: an external (JSON-derived) value to an internal value, reporting every problem.</summary>
    public static object? CoerceInput(object? value, GType type, List<InputError> errors, List<object>? path = null)
    {
        path ??= [];
        if (type is NonNullType nn)
        {
            if (value is not null) return CoerceInput(value, nn.OfType, errors, path);
            errors.Add(new InputError($"Expected non-nullable type \"{type}\" not to be null.", [.. path], value));
            return null;
        }
        if (value is null) return null;
        switch (type)
        {
            case ListType lt:
                if (IsList(value))
                {
                    var result = new List<object?>();
                    var i = 0;
                    foreach (var item in (IEnumerable)value)
                    {
                        path.Add(i++);
                        result.Add(CoerceInput(item, lt.OfType, errors, path));
                        path.RemoveAt(path.Count - 1);
                    }
                    return result;
                }
                return new List<object?> { CoerceInput(value, lt.OfType, errors, path) };
            case InputObjectType io:
            {
                if (value is not IDictionary<string, object?> map)
                {
                    errors.Add(new InputError($"Expected type \"{io.Name}\" to be an object.", [.. path], value));
                    return null;
                }
                var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var def in io.FieldMap.List)
                {
                    if (!map.TryGetValue(def.Name, out var fv))
                    {
                        if (def.HasDefault) fields[def.Name] = def.DefaultValue;
                        else if (def.Type is NonNullType)
                            errors.Add(new InputError($"Field \"{def.Name}\" of required type \"{def.Type}\" was not provided.", [.. path], value));
                        continue;
                    }
                    path.Add(def.Name);
                    fields[def.Name] = CoerceInput(fv, def.Type, errors, path);
                    path.RemoveAt(path.Count - 1);
                }
                foreach (var key in map.Keys)
                    if (!io.Fields.ContainsKey(key))
                        errors.Add(new InputError($"Field \"{key}\" is not defined by type \"{io.Name}\".", [.. path], value));
                if (io.IsOneOf)
                {
                    if (map.Count != 1)
                        errors.Add(new InputError($"Exactly one key must be specified for OneOf type \"{io.Name}\".", [.. path], value));
                    else if (map.Values.First() is null)
                        errors.Add(new InputError($"Field \"{map.Keys.First()}\" must be non-null.", [.. path], value));
                }
                return fields;
            }
            case EnumType et:
                if (value is string s && et.Values.TryGetValue(s, out var ev)) return ev.Value;
                errors.Add(new InputError(value is string str
                    ? $"Value \"{str}\" does not exist in \"{et.Name}\" enum."
                    : $"Enum \"{et.Name}\" cannot represent non-string value: {BuiltInScalars.Inspect(value)}.", [.. path], value));
                return null;
            case ScalarType st:
                try { return st.ParseValue(value); }
                catch (ScalarCoercionException e)
                {
                    errors.Add(new InputError(e.Message, [.. path], value));
                    return null;
                }
                catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException)
                {
                    errors.Add(new InputError($"Expected type \"{st.Name}\". {e.Message}", [.. path], value));
                    return null;
                }
        }
        return null;
    }

    internal static bool IsList(object value) => value is IEnumerable and not string and not IDictionary<string, object?> and not IDictionary;

    /// <summary>Converts a JSON element to the plain CLR shape the coercion functions expect.</summary>
    public static object? FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => NumberFromJson(e),
        JsonValueKind.Array => e.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.Object => ObjectFromJson(e),
        _ => null,
    };

    private static Dictionary<string, object?> ObjectFromJson(JsonElement e)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject()) d[p.Name] = FromJson(p.Value);
        return d;
    }

    private static object NumberFromJson(JsonElement e)
    {
        if (e.TryGetInt64(out var l)) return l;
        var raw = e.GetRawText();
        if (raw.IndexOfAny(['e', 'E']) < 0 && e.TryGetDecimal(out var m)) return m;
        return e.GetDouble();
    }

    /// <summary>astFromValue: an internal value back to a literal (for default values in SDL and introspection).</summary>
    public static ValueNode? ValueToLiteral(object? value, GType type)
    {
        if (type is NonNullType nn) return value is null ? null : ValueToLiteral(value, nn.OfType);
        if (value is null) return new NullValueNode();
        switch (type)
        {
            case ListType lt:
                if (IsList(value))
                    return new ListValueNode(((IEnumerable)value).Cast<object?>().Select(v => ValueToLiteral(v, lt.OfType)).OfType<ValueNode>().ToList());
                return ValueToLiteral(value, lt.OfType);
            case InputObjectType io:
            {
                var fields = new List<ObjectFieldNode>();
                foreach (var def in io.FieldMap.List)
                {
                    object? fv;
                    var present = value is IDictionary<string, object?> map ? map.TryGetValue(def.Name, out fv)
                        : TryGetProperty(value, def.Name, out fv);
                    if (!present) continue;
                    var lit = ValueToLiteral(fv, def.Type);
                    if (lit is not null) fields.Add(new ObjectFieldNode { Name = new NameNode(def.Name), Value = lit });
                }
                return new ObjectValueNode(fields);
            }
            case EnumType et:
                var ev = et.FindByValue(value) ?? (value is Enum e ? et.Values.Values.FirstOrDefault(v => string.Equals(Normalize(v.Name), Normalize(e.ToString()), StringComparison.OrdinalIgnoreCase)) : null);
                return ev is null ? null : new EnumValueNode(ev.Name);
            case ScalarType st:
            {
                var s = st.IsBuiltIn ? value : st.Serialize(value);
                return s switch
                {
                    bool b => new BooleanValueNode(b),
                    string str when st == BuiltInScalars.Id && long.TryParse(str, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => new IntValueNode(str),
                    string str => new StringValueNode(str, false),
                    int or long or short or byte => new IntValueNode(Convert.ToString(s, CultureInfo.InvariantCulture)!),
                    double d when double.IsInteger(d) && st != BuiltInScalars.Float => new IntValueNode(((long)d).ToString(CultureInfo.InvariantCulture)),
                    double d => double.IsInteger(d) && Math.Abs(d) < 1e21 ? new IntValueNode(((long)d).ToString(CultureInfo.InvariantCulture)) : new FloatValueNode(BuiltInScalars.FormatDouble(d)),
                    decimal m => new FloatValueNode(m.ToString(CultureInfo.InvariantCulture)),
                    float f => new FloatValueNode(f.ToString("R", CultureInfo.InvariantCulture)),
                    _ => new StringValueNode(Convert.ToString(s, CultureInfo.InvariantCulture) ?? "", false),
                };
            }
        }
        return null;
    }

    internal static string Normalize(string s) => s.Replace("_", "", StringComparison.Ordinal);

    private static bool TryGetProperty(object o, string name, out object? value)
    {
        var p = o.GetType().GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
        value = p?.GetValue(o);
        return p is not null;
    }
}
