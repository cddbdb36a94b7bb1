using OmniErp.GraphQL.Language;
using OmniErp.GraphQL.Types;

namespace OmniErp.GraphQL;

/// <summary>An immutable, validated GraphQL schema. Build one with <see cref="SchemaBuilder"/>.</summary>
public sealed class Schema
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(CompositeType, ObjectType), bool> _possible = new();
    private string? _sdl;

    internal Schema(IReadOnlyDictionary<string, NamedType> types, ObjectType query, ObjectType? mutation, ObjectType? subscription,
        IReadOnlyDictionary<string, DirectiveDef> directives, string? description)
    {
        Types = types;
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
        Directives = directives;
        Description = description;
        var implementations = new Dictionary<InterfaceType, List<ObjectType>>();
        foreach (var t in types.Values)
            if (t is ObjectType o)
                foreach (var i in o.Interfaces)
                {
                    if (!implementations.TryGetValue(i, out var list)) implementations[i] = list = [];
                    list.Add(o);
                }
        Implementations = implementations;
        var ifaceImpls = new Dictionary<InterfaceType, List<InterfaceType>>();
        foreach (var t in types.Values)
            if (t is InterfaceType it)
                foreach (var i in it.Interfaces)
                {
                    if (!ifaceImpls.TryGetValue(i, out var list)) ifaceImpls[i] = list = [];
                    list.Add(it);
                }
        InterfaceImplementations = ifaceImpls;
        (SchemaMetaField, TypeMetaField, TypeNameMetaField) = Introspection.MetaFields(this);
    }

    internal FieldDef SchemaMetaField { get; }
    internal FieldDef TypeMetaField { get; }
    internal FieldDef TypeNameMetaField { get; }

    /// <summary>getFieldDef: a field of a composite type, including the introspection meta-fields.</summary>
    internal FieldDef? GetFieldDef(NamedType parent, string name)
    {
        if (name.Length > 1 && name[0] == '_' && name[1] == '_')
        {
            if (name == "__typename" && parent is CompositeType) return TypeNameMetaField;
            if (ReferenceEquals(parent, Query))
            {
                if (name == "__schema") return SchemaMetaField;
                if (name == "__type") return TypeMetaField;
            }
        }
        return parent is IFieldsContainer c && c.Fields.TryGetValue(name, out var f) ? f : null;
    }

    internal IReadOnlyDictionary<string, NamedType> Types { get; }
    internal ObjectType Query { get; }
    internal ObjectType? Mutation { get; }
    internal ObjectType? Subscription { get; }
    internal IReadOnlyDictionary<string, DirectiveDef> Directives { get; }
    internal string? Description { get; }
    private IReadOnlyDictionary<InterfaceType, List<ObjectType>> Implementations { get; }
    private IReadOnlyDictionary<InterfaceType, List<InterfaceType>> InterfaceImplementations { get; }

    /// <summary>The schema in SDL (graphql-js printSchema layout), e.g. for a committed snapshot.</summary>
    public string Sdl => _sdl ??= Printer.PrintSchema(this);

    public override string ToString() => Sdl;

    internal NamedType? GetType(string name) => Types.GetValueOrDefault(name);

    internal ObjectType? RootType(OperationType op) => op switch
    {
        OperationType.Query => Query,
        OperationType.Mutation => Mutation,
        _ => Subscription,
    };

    internal IReadOnlyList<ObjectType> GetPossibleTypes(NamedType abstractType) => abstractType switch
    {
        UnionType u => u.Members,
        InterfaceType i => Implementations.TryGetValue(i, out var l) ? l : [],
        ObjectType o => [o],
        _ => [],
    };

    internal IReadOnlyList<InterfaceType> GetInterfaceImplementations(InterfaceType i) =>
        InterfaceImplementations.TryGetValue(i, out var l) ? l : [];

    internal bool IsPossibleType(CompositeType abstractType, ObjectType objectType)
    {
        if (ReferenceEquals(abstractType, objectType)) return true;
        if (abstractType is ObjectType) return false;
        return _possible.GetOrAdd((abstractType, objectType), static (k, s) => s.GetPossibleTypes(k.Item1).Contains(k.Item2), this);
    }

    /// <summary>isSubType: is <paramref name="maybeSub"/> an object/interface that implements the abstract type?</summary>
    internal bool IsSubType(CompositeType abstractType, CompositeType maybeSub) => abstractType switch
    {
        UnionType u => maybeSub is ObjectType o && u.Members.Contains(o),
        InterfaceType i => maybeSub switch
        {
            ObjectType o => o.Interfaces.Contains(i),
            InterfaceType mi => mi.Interfaces.Contains(i),
            _ => false,
        },
        _ => false,
    };

    internal bool DoTypesOverlap(CompositeType a, CompositeType b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is not ObjectType)
        {
            if (b is not ObjectType) return GetPossibleTypes(a).Any(t => IsPossibleType(b, t));
            return IsPossibleType(a, (ObjectType)b);
        }
        if (b is not ObjectType) return IsPossibleType(b, (ObjectType)a);
        return false;
    }

    /// <summary>isTypeSubTypeOf: may a value of type <paramref name="maybeSub"/> be used where <paramref name="super"/> is expected?</summary>
    internal bool IsTypeSubTypeOf(GType maybeSub, GType super)
    {
        if (ReferenceEquals(maybeSub, super)) return true;
        if (super is NonNullType sn) return maybeSub is NonNullType mn && IsTypeSubTypeOf(mn.OfType, sn.OfType);
        if (maybeSub is NonNullType mnn) return IsTypeSubTypeOf(mnn.OfType, super);
        if (super is ListType sl) return maybeSub is ListType ml && IsTypeSubTypeOf(ml.OfType, sl.OfType);
        if (maybeSub is ListType) return false;
        if (maybeSub is NamedType a && super is NamedType b && ReferenceEquals(a, b)) return true;
        return super is CompositeType sc && maybeSub is CompositeType mc && (sc is InterfaceType or UnionType) && IsSubType(sc, mc);
    }
}
