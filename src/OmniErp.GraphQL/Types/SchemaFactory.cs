using OmniErp.GraphQL.Execution;
using OmniErp.GraphQL.Language;

namespace OmniErp.GraphQL.Types;

/// <summary>Turns builder specs and SDL into a validated <see cref="Schema"/>.</summary>
internal static class SchemaFactory
{
    public static Schema Build(SchemaBuilder builder)
    {
        var problems = new List<string>();
        var specs = new List<TypeSpec>(builder.Specs);
        var extensions = new List<(TypeSpec Spec, string Origin)>();
        var directives = new List<DirectiveSpec>(builder.DirectiveSpecs);
        var resolverLookups = new List<(TypeSpec, Func<string, string, FieldResolver?>)>();
        (string? Query, string? Mutation, string? Subscription) roots = (null, null, null);
        var description = builder.Description;

        foreach (var (sdl, resolvers) in builder.SdlParts)
        {
            DocumentNode doc;
            try { doc = Parser.Parse(sdl, int.MaxValue); }
            catch (GraphQLSyntaxException e) { problems.Add($"SDL {e.Location}: {e.Message}"); continue; }
            foreach (var def in doc.Definitions)
            {
                switch (def)
                {
                    case TypeDefinitionNode t:
                    {
                        var spec = FromSdl(t);
                        if (t.IsExtension) extensions.Add((spec, $"SDL extension of \"{t.Name.Value}\" at {t.Location}"));
                        else specs.Add(spec);
                        if (resolvers is not null) resolverLookups.Add((spec, resolvers));
                        break;
                    }
                    case DirectiveDefinitionNode d:
                    {
                        var ds = new DirectiveSpec(d.Name.Value, d.Description?.Value) { Repeatable = d.Repeatable };
                        ds.Arguments.AddRange(d.Arguments.Select(FromSdl));
                        foreach (var l in d.Locations) if (DirectiveLocations.TryParse(l.Value, out var loc)) ds.Locations.Add(loc);
                        directives.Add(ds);
                        break;
                    }
                    case SchemaDefinitionNode s:
                        if (s.Description is not null) description = s.Description.Value;
                        foreach (var (op, type) in s.OperationTypes)
                        {
                            if (op == OperationType.Query) roots.Query = type.Name.Value;
                            else if (op == OperationType.Mutation) roots.Mutation = type.Name.Value;
                            else roots.Subscription = type.Name.Value;
                        }
                        break;
                    default:
                        problems.Add($"SDL {def.Location}: executable definitions are not allowed in a schema.");
                        break;
                }
            }
        }
        foreach (var (typeName, configure, origin) in builder.Extensions)
        {
            var existing = specs.FirstOrDefault(s => s.Name == typeName);
            var b = new ObjectTypeBuilder(typeName, null, existing?.Kind == TypeKind.Interface);
            configure(b);
            extensions.Add((b.Spec, origin));
        }

        // 1. Create named types.
        var types = new Dictionary<string, NamedType>(StringComparer.Ordinal);
        var order = new List<NamedType>();
        void AddType(NamedType t) { types[t.Name] = t; order.Add(t); }
        foreach (var s in BuiltInScalars.All) types[s.Name] = s;
        var introspection = Introspection.CreateTypes();
        foreach (var t in introspection) types[t.Name] = t;

        var specByName = new Dictionary<string, TypeSpec>();
        foreach (var spec in specs)
        {
            if (spec.Name.StartsWith("__", StringComparison.Ordinal))
            {
                problems.Add($"Name \"{spec.Name}\" must not begin with \"__\", which is reserved by GraphQL introspection.");
                continue;
            }
            if (types.ContainsKey(spec.Name) || specByName.ContainsKey(spec.Name))
            {
                if (spec.Implicit) continue;
                if (specByName.TryGetValue(spec.Name, out var prior) && prior.Implicit && spec.Kind == TypeKind.Object)
                {
                    // Query()/Mutation() were called before the type was declared explicitly: keep the explicit one.
                    specByName[spec.Name] = spec;
                    types[spec.Name] = CreateType(spec);
                    order[order.FindIndex(t => t.Name == spec.Name)] = types[spec.Name];
                    continue;
                }
                problems.Add($"There can be only one type named \"{spec.Name}\".");
                continue;
            }
            specByName[spec.Name] = spec;
            AddType(CreateType(spec));
        }

        // 2. Merge extensions (by name, order-independent).
        foreach (var (ext, origin) in extensions)
        {
            if (!specByName.TryGetValue(ext.Name, out var target))
            {
                problems.Add($"Cannot extend type \"{ext.Name}\" ({origin}): no such type is defined.");
                continue;
            }
            if (ext.Kind != target.Kind && !(ext.Kind is TypeKind.Object or TypeKind.Interface && target.Kind is TypeKind.Object or TypeKind.Interface))
            {
                problems.Add($"Cannot extend type \"{ext.Name}\" ({origin}): it is not of kind {ext.Kind}.");
                continue;
            }
            target.Fields.AddRange(ext.Fields);
            target.Interfaces.AddRange(ext.Interfaces);
            target.Members.AddRange(ext.Members);
            target.EnumValues.AddRange(ext.EnumValues);
            target.InputFields.AddRange(ext.InputFields);
            if (ext.Description is not null) target.Description ??= ext.Description;
            target.IsTypeOf ??= ext.IsTypeOf;
            target.ResolveType ??= ext.ResolveType;
            target.ClrType ??= ext.ClrType;
        }

        // 3. Resolve references and fill in members.
        GType? Resolve(string text, TypeNode? node, string where)
        {
            TypeNode parsed;
            try { parsed = node ?? Parser.ParseType(text); }
            catch (GraphQLSyntaxException e) { problems.Add($"{where}: invalid type reference \"{text}\": {e.Description}"); return null; }
            return ResolveNode(parsed, where);
        }
        GType? ResolveNode(TypeNode node, string where) => node switch
        {
            NonNullTypeNode nn => ResolveNode(nn.Type, where) is { } inner ? new NonNullType(inner) : null,
            ListTypeNode l => ResolveNode(l.Type, where) is { } inner ? new ListType(inner) : null,
            NamedTypeNode n => types.TryGetValue(n.Name.Value, out var t) ? t : Fail($"{where}: unknown type \"{n.Name.Value}\"."),
            _ => null,
        };
        GType? Fail(string message) { problems.Add(message); return null; }

        InputValueDef? MakeInputValue(InputValueSpec a, string where, bool isArgument)
        {
            var type = Resolve(a.Type, a.TypeNode, where);
            if (type is null) return null;
            if (!type.IsInputType) { problems.Add($"{where} must be an input type but \"{type}\" is not."); return null; }
            var literal = a.DefaultLiteral;
            if (a.HasDefault && literal is null)
            {
                literal = ValueCoercion.ValueToLiteral(a.DefaultValue, type);
                if (literal is null) problems.Add($"{where}: default value {BuiltInScalars.Inspect(a.DefaultValue)} cannot be represented as \"{type}\".");
            }
            if (a.DeprecationReason is not null && type is NonNullType && !a.HasDefault)
                problems.Add($"Required {(isArgument ? "argument" : "input field")} {where} cannot be deprecated.");
            return new InputValueDef(a.Name, a.Description, type) { HasDefault = a.HasDefault || a.DefaultLiteral is not null, DefaultLiteral = literal, DeprecationReason = a.DeprecationReason };
        }

        var resolverBySpec = resolverLookups.ToDictionary(x => x.Item1, x => x.Item2);
        foreach (var spec in specByName.Values)
        {
            var named = types[spec.Name];
            switch (named)
            {
                case ObjectType or InterfaceType:
                {
                    var fieldMap = named is ObjectType o ? o.FieldMap : ((InterfaceType)named).FieldMap;
                    var ifaceList = named is ObjectType o2 ? o2.InterfaceList : ((InterfaceType)named).InterfaceList;
                    foreach (var f in spec.Fields)
                    {
                        var where = $"{spec.Name}.{f.Name}";
                        if (f.Name.StartsWith("__", StringComparison.Ordinal)) { problems.Add($"Field {where}: names beginning with \"__\" are reserved."); continue; }
                        var type = Resolve(f.Type, f.TypeNode, $"Field {where}");
                        if (type is null) continue;
                        if (!type.IsOutputType) { problems.Add($"Field {where} must be an output type but \"{type}\" is not."); continue; }
                        var resolver = f.Resolver;
                        if (resolver is null)
                            foreach (var (s2, lookup) in resolverLookups)
                                if (s2.Fields.Contains(f)) { resolver = lookup(spec.Name, f.Name); break; }
                        var def = new FieldDef(f.Name, f.Description, type)
                        {
                            DeprecationReason = f.DeprecationReason, Cost = f.Cost,
                            Resolve = resolver ?? DefaultResolver.For(f.Name),
                        };
                        foreach (var a in f.Arguments)
                        {
                            var arg = MakeInputValue(a, $"Argument {where}({a.Name}:)", true);
                            if (arg is not null && !def.Arguments.TryAdd(a.Name, arg)) problems.Add($"Argument {where}({a.Name}:) is defined more than once.");
                        }
                        if (!fieldMap.TryAdd(f.Name, def)) problems.Add($"Field \"{where}\" is defined more than once (two modules may be adding the same field).");
                    }
                    foreach (var iname in spec.Interfaces.Distinct())
                    {
                        if (types.GetValueOrDefault(iname) is InterfaceType it) ifaceList.Add(it);
                        else problems.Add($"Type \"{spec.Name}\" can only implement interfaces; \"{iname}\" is {(types.ContainsKey(iname) ? "not an interface" : "not defined")}.");
                    }
                    if (fieldMap.Count == 0) problems.Add($"Type \"{spec.Name}\" must define one or more fields.");
                    break;
                }
                case UnionType u:
                    foreach (var m in spec.Members.Distinct())
                    {
                        if (types.GetValueOrDefault(m) is ObjectType ot) u.Members.Add(ot);
                        else problems.Add($"Union \"{spec.Name}\" can only include object types; \"{m}\" is {(types.ContainsKey(m) ? "not an object type" : "not defined")}.");
                    }
                    if (u.Members.Count == 0) problems.Add($"Union \"{spec.Name}\" must define one or more member types.");
                    break;
                case EnumType e:
                    foreach (var v in spec.EnumValues)
                        if (v.Name is "true" or "false" or "null" || !e.Values.TryAdd(v.Name, new EnumValueDef(v.Name, v.Description, v.Value) { DeprecationReason = v.DeprecationReason }))
                            problems.Add($"Enum value \"{spec.Name}.{v.Name}\" is invalid or defined more than once.");
                    if (e.Values.Count == 0) problems.Add($"Enum \"{spec.Name}\" must define one or more values.");
                    break;
                case InputObjectType io:
                    foreach (var f in spec.InputFields)
                    {
                        var fd = MakeInputValue(f, $"Input field {spec.Name}.{f.Name}", false);
                        if (fd is null) continue;
                        if (!io.FieldMap.TryAdd(f.Name, fd)) problems.Add($"Input field \"{spec.Name}.{f.Name}\" is defined more than once.");
                        if (io.IsOneOf && (fd.Type is NonNullType || fd.HasDefault))
                            problems.Add($"OneOf input field \"{spec.Name}.{f.Name}\" must be nullable and have no default value.");
                    }
                    if (io.FieldMap.Count == 0) problems.Add($"Input object \"{spec.Name}\" must define one or more fields.");
                    break;
            }
        }

        // 4. Directives.
        var directiveMap = new OrderedMapBuilder<DirectiveDef>();
        foreach (var d in Introspection.BuiltInDirectives()) directiveMap.Add(d.Name, d);
        foreach (var ds in directives)
        {
            var d = new DirectiveDef(ds.Name, ds.Description) { Repeatable = ds.Repeatable };
            d.Locations.AddRange(ds.Locations);
            foreach (var a in ds.Arguments)
            {
                var arg = MakeInputValue(a, $"Argument @{ds.Name}({a.Name}:)", true);
                if (arg is not null) d.Arguments.TryAdd(a.Name, arg);
            }
            if (!directiveMap.TryAdd(d.Name, d)) problems.Add($"There can be only one directive named \"@{d.Name}\".");
        }

        // 5. Roots.
        var query = types.GetValueOrDefault(roots.Query ?? "Query") as ObjectType;
        if (query is null) problems.Add($"Query root type \"{roots.Query ?? "Query"}\" must be provided and be an object type.");
        var mutation = Root(roots.Mutation, "Mutation");
        var subscription = Root(roots.Subscription, "Subscription");
        ObjectType? Root(string? declared, string conventional)
        {
            if (declared is null) return types.GetValueOrDefault(conventional) as ObjectType;
            if (types.GetValueOrDefault(declared) is ObjectType o) return o;
            problems.Add($"{conventional} root type \"{declared}\" must be an object type.");
            return null;
        }

        // 6. Interface implementation rules (spec 3.6.3 IsValidImplementation).
        foreach (var t in order)
        {
            if (t is not IFieldsContainer c) continue;
            foreach (var iface in c.Interfaces)
            {
                foreach (var transitive in iface.Interfaces)
                    if (!c.Interfaces.Contains(transitive))
                        problems.Add($"Type \"{t.Name}\" must implement \"{transitive.Name}\" because it is implemented by \"{iface.Name}\".");
                foreach (var ifield in iface.FieldMap.List)
                {
                    if (!c.Fields.TryGetValue(ifield.Name, out var field))
                    {
                        problems.Add($"Interface field \"{iface.Name}.{ifield.Name}\" expected but \"{t.Name}\" does not provide it.");
                        continue;
                    }
                    if (!IsCovariant(field.Type, ifield.Type, types))
                        problems.Add($"Interface field \"{iface.Name}.{ifield.Name}\" expects type \"{ifield.Type}\" but \"{t.Name}.{field.Name}\" is type \"{field.Type}\".");
                    foreach (var iarg in ifield.Arguments.List)
                    {
                        if (!field.Arguments.TryGetValue(iarg.Name, out var arg))
                            problems.Add($"Interface field argument \"{iface.Name}.{ifield.Name}({iarg.Name}:)\" expected but \"{t.Name}.{field.Name}\" does not provide it.");
                        else if (!GType.AreEqual(arg.Type, iarg.Type))
                            problems.Add($"Interface field argument \"{iface.Name}.{ifield.Name}({iarg.Name}:)\" expects type \"{iarg.Type}\" but \"{t.Name}.{field.Name}({arg.Name}:)\" is type \"{arg.Type}\".");
                    }
                    foreach (var arg in field.Arguments.List)
                        if (!ifield.Arguments.ContainsKey(arg.Name) && arg.Type is NonNullType && !arg.HasDefault)
                            problems.Add($"Argument \"{t.Name}.{field.Name}({arg.Name}:)\" must not be required type \"{arg.Type}\" if not provided by the interface field \"{iface.Name}.{ifield.Name}\".");
                }
            }
        }

        if (problems.Count > 0) throw new SchemaException(problems);

        // graphql-js includes the unused standard scalars Int, Float and ID only when referenced.
        var referenced = new HashSet<string>();
        void Ref(GType type) => referenced.Add(type.Named.Name);
        foreach (var t in order.Concat(introspection))
        {
            if (t is IFieldsContainer fc)
                foreach (var f in fc.Fields.Values) { Ref(f.Type); foreach (var a in f.Arguments.List) Ref(a.Type); }
            if (t is InputObjectType io2) foreach (var f in io2.FieldMap.List) Ref(f.Type);
        }
        foreach (var d in directiveMap.Map.List) foreach (var a in d.Arguments.List) Ref(a.Type);
        var finalTypes = new Dictionary<string, NamedType>(StringComparer.Ordinal);
        foreach (var s in BuiltInScalars.All) if (referenced.Contains(s.Name)) finalTypes[s.Name] = s;
        foreach (var t in order) finalTypes[t.Name] = t;
        foreach (var t in introspection) finalTypes[t.Name] = t;
        return new Schema(finalTypes, query!, mutation, subscription, directiveMap.Map, description);
    }

    private static bool IsCovariant(GType sub, GType super, Dictionary<string, NamedType> _)
    {
        if (super is NonNullType sn) return sub is NonNullType nn && IsCovariant(nn.OfType, sn.OfType, _);
        if (sub is NonNullType subNn) return IsCovariant(subNn.OfType, super, _);
        if (super is ListType sl) return sub is ListType ll && IsCovariant(ll.OfType, sl.OfType, _);
        if (sub is ListType) return false;
        if (ReferenceEquals(sub, super)) return true;
        return (sub, super) switch
        {
            (ObjectType o, InterfaceType i) => o.Interfaces.Contains(i),
            (InterfaceType a, InterfaceType i) => a.Interfaces.Contains(i),
            (ObjectType o, UnionType u) => u.Members.Contains(o),
            _ => false,
        };
    }

    private static NamedType CreateType(TypeSpec spec) => spec.Kind switch
    {
        TypeKind.Object => new ObjectType(spec.Name, spec.Description) { IsTypeOf = spec.IsTypeOf, ClrType = spec.ClrType },
        TypeKind.Interface => new InterfaceType(spec.Name, spec.Description) { ResolveType = spec.ResolveType },
        TypeKind.Union => new UnionType(spec.Name, spec.Description) { ResolveType = spec.ResolveType },
        TypeKind.Enum => new EnumType(spec.Name, spec.Description),
        TypeKind.InputObject => new InputObjectType(spec.Name, spec.Description) { IsOneOf = spec.IsOneOf },
        _ => new ScalarType(spec.Name, spec.Description)
        {
            SpecifiedByUrl = spec.SpecifiedByUrl,
            Serialize = spec.Serialize ?? (v => v),
            ParseValue = spec.Parse ?? (v => v),
            ParseLiteral = spec.Parse is { } parse ? n => parse(LiteralToPlain(n)!) : LiteralToPlain,
        },
    };

    /// <summary>A literal's plain value, for custom scalars whose parse function works on variable-shaped values.</summary>
    internal static object? LiteralToPlain(ValueNode n) => n switch
    {
        IntValueNode i => long.TryParse(i.Value, System.Globalization.CultureInfo.InvariantCulture, out var l) ? l : decimal.Parse(i.Value, System.Globalization.CultureInfo.InvariantCulture),
        FloatValueNode f => decimal.TryParse(f.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : double.Parse(f.Value, System.Globalization.CultureInfo.InvariantCulture),
        StringValueNode s => s.Value,
        BooleanValueNode b => b.Value,
        EnumValueNode e => e.Value,
        NullValueNode => null,
        ListValueNode l => l.Values.Select(LiteralToPlain).ToList(),
        ObjectValueNode o => o.Fields.ToDictionary(f => f.Name.Value, f => LiteralToPlain(f.Value)),
        _ => throw new ScalarCoercionException("Variables are not supported inside custom scalar literals."),
    };

    private static TypeSpec FromSdl(TypeDefinitionNode t)
    {
        var kind = t.Kind switch
        {
            TypeDefinitionKind.Object => TypeKind.Object, TypeDefinitionKind.Interface => TypeKind.Interface,
            TypeDefinitionKind.Union => TypeKind.Union, TypeDefinitionKind.Enum => TypeKind.Enum,
            TypeDefinitionKind.InputObject => TypeKind.InputObject, _ => TypeKind.Scalar,
        };
        var spec = new TypeSpec(t.Name.Value, kind, t.Description?.Value)
        {
            Members = t.UnionMembers.Select(m => m.Name.Value).ToList(),
            EnumValues = t.EnumValues.Select(v => new EnumValueSpec(v.Name.Value, v.Description?.Value, v.Name.Value, Deprecation(v.Directives))).ToList(),
            InputFields = t.InputFields.Select(FromSdl).ToList(),
            IsOneOf = t.Directives.Any(d => d.Name.Value == "oneOf"),
            SpecifiedByUrl = t.Directives.FirstOrDefault(d => d.Name.Value == "specifiedBy")?.Arguments.FirstOrDefault(a => a.Name.Value == "url")?.Value is StringValueNode url ? url.Value : null,
            Location = t.Location,
        };
        spec.Interfaces.AddRange(t.Interfaces.Select(i => i.Name.Value));
        foreach (var f in t.Fields)
        {
            var fs = new FieldSpec(f.Name.Value, f.Type.ToString()!) { TypeNode = f.Type, Description = f.Description?.Value, DeprecationReason = Deprecation(f.Directives) };
            fs.Arguments.AddRange(f.Arguments.Select(FromSdl));
            spec.Fields.Add(fs);
        }
        return spec;
    }

    private static InputValueSpec FromSdl(InputValueDefinitionNode a) =>
        new(a.Name.Value, a.Type.ToString()!, a.Description?.Value)
        {
            TypeNode = a.Type, HasDefault = a.DefaultValue is not null, DefaultLiteral = a.DefaultValue, DeprecationReason = Deprecation(a.Directives),
        };

    private static string? Deprecation(IReadOnlyList<DirectiveNode> directives)
    {
        var d = directives.FirstOrDefault(x => x.Name.Value == "deprecated");
        if (d is null) return null;
        return d.Arguments.FirstOrDefault(a => a.Name.Value == "reason")?.Value is StringValueNode s ? s.Value : Printer.DeprecatedDefaultReason;
    }

    private sealed class OrderedMapBuilder<T>
    {
        public OrderedMap<T> Map { get; } = new();
        public void Add(string k, T v) => Map.Add(k, v);
        public bool TryAdd(string k, T v) => Map.TryAdd(k, v);
    }
}
