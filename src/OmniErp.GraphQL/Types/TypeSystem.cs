using OmniErp.GraphQL.Execution;
using OmniErp.GraphQL.Language;

namespace OmniErp.GraphQL.Types;

internal enum TypeKind { Scalar, Object, Interface, Union, Enum, InputObject, List, NonNull }

/// <summary>Any GraphQL type, named or wrapped (list / non-null).</summary>
internal abstract class GType
{
    public abstract TypeKind Kind { get; }
    public NamedType Named => this switch
    {
        NamedType n => n,
        ListType l => l.OfType.Named,
        NonNullType nn => nn.OfType.Named,
        _ => throw new InvalidOperationException(),
    };
    public bool IsNonNull => this is NonNullType;
    public GType Nullable => this is NonNullType nn ? nn.OfType : this;
    public bool IsInputType => Named is ScalarType or EnumType or InputObjectType;
    public bool IsOutputType => Named is ScalarType or EnumType or ObjectType or InterfaceType or UnionType;
    public bool IsLeaf => Named is ScalarType or EnumType;

    public static bool AreEqual(GType a, GType b) => (a, b) switch
    {
        (ListType la, ListType lb) => AreEqual(la.OfType, lb.OfType),
        (NonNullType na, NonNullType nb) => AreEqual(na.OfType, nb.OfType),
        (NamedType x, NamedType y) => ReferenceEquals(x, y),
        _ => false,
    };
}

internal sealed class ListType(GType ofType) : GType
{
    public GType OfType { get; } = ofType;
    public override TypeKind Kind => TypeKind.List;
    public override string ToString() => $"[{OfType}]";
}

internal sealed class NonNullType(GType ofType) : GType
{
    public GType OfType { get; } = ofType;
    public override TypeKind Kind => TypeKind.NonNull;
    public override string ToString() => $"{OfType}!";
}

internal abstract class NamedType(string name, string? description) : GType
{
    public string Name { get; } = name;
    public string? Description { get; set; } = description;
    public override string ToString() => Name;
}

internal interface IFieldsContainer
{
    string Name { get; }
    IReadOnlyDictionary<string, FieldDef> Fields { get; }
    IReadOnlyList<InterfaceType> Interfaces { get; }
}

internal abstract class CompositeType(string name, string? description) : NamedType(name, description);

internal sealed class ObjectType(string name, string? description) : CompositeType(name, description), IFieldsContainer
{
    public override TypeKind Kind => TypeKind.Object;
    public OrderedMap<FieldDef> FieldMap { get; } = new();
    public IReadOnlyDictionary<string, FieldDef> Fields => FieldMap;
    public List<InterfaceType> InterfaceList { get; } = [];
    public IReadOnlyList<InterfaceType> Interfaces => InterfaceList;
    public Func<object, bool>? IsTypeOf { get; set; }
    public Type? ClrType { get; set; }
}

internal sealed class InterfaceType(string name, string? description) : CompositeType(name, description), IFieldsContainer
{
    public override TypeKind Kind => TypeKind.Interface;
    public OrderedMap<FieldDef> FieldMap { get; } = new();
    public IReadOnlyDictionary<string, FieldDef> Fields => FieldMap;
    public List<InterfaceType> InterfaceList { get; } = [];
    public IReadOnlyList<InterfaceType> Interfaces => InterfaceList;
    public Func<object, string?>? ResolveType { get; set; }
}

internal sealed class UnionType(string name, string? description) : CompositeType(name, description)
{
    public override TypeKind Kind => TypeKind.Union;
    public List<ObjectType> Members { get; } = [];
    public Func<object, string?>? ResolveType { get; set; }
}

internal sealed class EnumValueDef(string name, string? description, object value)
{
    public string Name { get; } = name;
    public string? Description { get; } = description;
    public object Value { get; } = value;
    public string? DeprecationReason { get; init; }
}

internal sealed class EnumType(string name, string? description) : NamedType(name, description)
{
    public override TypeKind Kind => TypeKind.Enum;
    public OrderedMap<EnumValueDef> Values { get; } = new();
    private Dictionary<object, EnumValueDef>? _byValue;

    public EnumValueDef? FindByValue(object value)
    {
        if (value is string s && Values.TryGetValue(s, out var byName)) return byName;
        _byValue ??= Values.Values.ToDictionary(v => v.Value);
        return _byValue.GetValueOrDefault(value);
    }
}

internal sealed class InputObjectType(string name, string? description) : NamedType(name, description)
{
    public override TypeKind Kind => TypeKind.InputObject;
    public OrderedMap<InputValueDef> FieldMap { get; } = new();
    public IReadOnlyDictionary<string, InputValueDef> Fields => FieldMap;
    public bool IsOneOf { get; set; }
}


internal sealed class ScalarType(string name, string? description) : NamedType(name, description)
{
    public override TypeKind Kind => TypeKind.Scalar;
    public string? SpecifiedByUrl { get; init; }
    /// <summary>Internal value to a JSON-writable value; throws ScalarCoercionException.</summary>
    public required Func<object, object?> Serialize { get; init; }
    /// <summary>External (variables JSON) value to internal value; throws ScalarCoercionException.</summary>
    public required Func<object, object?> ParseValue { get; init; }
    /// <summary>Literal to internal value; throws ScalarCoercionException.</summary>
    public required Func<ValueNode, object?> ParseLiteral { get; init; }
    public bool IsBuiltIn { get; init; }
}

internal sealed class InputValueDef(string name, string? description, GType type)
{
    public string Name { get; } = name;
    public string? Description { get; } = description;
    public GType Type { get; internal set; } = type;
    public bool HasDefault { get; init; }
    /// <summary>Default value as a literal (printed by SDL and introspection); coerced lazily.</summary>
    public ValueNode? DefaultLiteral { get; init; }
    public string? DeprecationReason { get; init; }
    private object? _default; private bool _defaultCoerced;

    public object? DefaultValue
    {
        get
        {
            if (!_defaultCoerced)
            {
                _default = DefaultLiteral is null or NullValueNode ? null : ValueCoercion.LiteralToValue(DefaultLiteral, Type, null, out var ok);
                _defaultCoerced = true;
            }
            return _default;
        }
    }
}

internal sealed class FieldDef(string name, string? description, GType type)
{
    public string Name { get; } = name;
    public string? Description { get; set; } = description;
    public GType Type { get; internal set; } = type;
    public OrderedMap<InputValueDef> Arguments { get; } = new();
    public string? DeprecationReason { get; set; }
    public FieldResolver? Resolve { get; set; }
    public int? Cost { get; set; }
    public bool IsIntrospection { get; init; }
}

internal enum DirectiveLocation
{
    Query, Mutation, Subscription, Field, FragmentDefinition, FragmentSpread, InlineFragment, VariableDefinition,
    Schema, Scalar, Object, FieldDefinition, ArgumentDefinition, Interface, Union, Enum, EnumValue, InputObject, InputFieldDefinition,
}

internal static class DirectiveLocations
{
    private static readonly string[] Names =
    [
        "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT", "VARIABLE_DEFINITION",
        "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE", "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT", "INPUT_FIELD_DEFINITION",
    ];

    public static string SpecName(this DirectiveLocation l) => Names[(int)l];

    public static bool TryParse(string s, out DirectiveLocation l)
    {
        var i = Array.IndexOf(Names, s);
        l = (DirectiveLocation)Math.Max(i, 0);
        return i >= 0;
    }
}

internal sealed class DirectiveDef(string name, string? description)
{
    public string Name { get; } = name;
    public string? Description { get; } = description;
    public OrderedMap<InputValueDef> Arguments { get; } = new();
    public List<DirectiveLocation> Locations { get; } = [];
    public bool Repeatable { get; init; }
    public bool IsBuiltIn { get; init; }
}

/// <summary>An insertion-ordered string-keyed map (field order is observable in GraphQL).</summary>
internal sealed class OrderedMap<T> : IReadOnlyDictionary<string, T>
{
    private readonly Dictionary<string, T> _map = new(StringComparer.Ordinal);
    private readonly List<T> _values = [];
    private readonly List<string> _keys = [];

    public void Add(string key, T value) { _map.Add(key, value); _values.Add(value); _keys.Add(key); }
    public bool TryAdd(string key, T value)
    {
        if (_map.ContainsKey(key)) return false;
        Add(key, value);
        return true;
    }
    public T this[string key] => _map[key];
    public IEnumerable<string> Keys => _keys;
    public IEnumerable<T> Values => _values;
    public IReadOnlyList<T> List => _values;
    public int Count => _values.Count;
    public bool ContainsKey(string key) => _map.ContainsKey(key);
    public bool TryGetValue(string key, out T value) => _map.TryGetValue(key, out value!);
    public IEnumerator<KeyValuePair<string, T>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Count; i++) yield return new(_keys[i], _values[i]);
    }
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
