using OmniErp.GraphQL.Execution;
using OmniErp.GraphQL.Language;

namespace OmniErp.GraphQL.Types;

/// <summary>The introspection types (spec 4.2) and the built-in directives.</summary>
internal static class Introspection
{
    private const string Sdl = """
        type __Schema {
          description: String
          types: [__Type!]!
          queryType: __Type!
          mutationType: __Type
          subscriptionType: __Type
          directives: [__Directive!]!
        }
        type __Type {
          kind: __TypeKind!
          name: String
          description: String
          specifiedByURL: String
          fields(includeDeprecated: Boolean! = false): [__Field!]
          interfaces: [__Type!]
          possibleTypes: [__Type!]
          enumValues(includeDeprecated: Boolean! = false): [__EnumValue!]
          inputFields(includeDeprecated: Boolean! = false): [__InputValue!]
          ofType: __Type
          isOneOf: Boolean
        }
        type __Field {
          name: String!
          description: String
          args(includeDeprecated: Boolean! = false): [__InputValue!]!
          type: __Type!
          isDeprecated: Boolean!
          deprecationReason: String
        }
        type __InputValue {
          name: String!
          description: String
          type: __Type!
          defaultValue: String
          isDeprecated: Boolean!
          deprecationReason: String
        }
        type __EnumValue {
          name: String!
          description: String
          isDeprecated: Boolean!
          deprecationReason: String
        }
        type __Directive {
          name: String!
          description: String
          isRepeatable: Boolean!
          locations: [__DirectiveLocation!]!
          args(includeDeprecated: Boolean! = false): [__InputValue!]!
        }
        enum __TypeKind { SCALAR OBJECT INTERFACE UNION ENUM INPUT_OBJECT LIST NON_NULL }
        enum __DirectiveLocation {
          QUERY MUTATION SUBSCRIPTION FIELD FRAGMENT_DEFINITION FRAGMENT_SPREAD INLINE_FRAGMENT VARIABLE_DEFINITION
          SCHEMA SCALAR OBJECT FIELD_DEFINITION ARGUMENT_DEFINITION INTERFACE UNION ENUM ENUM_VALUE INPUT_OBJECT INPUT_FIELD_DEFINITION
        }
        """;

    private static readonly Dictionary<string, Func<ResolverContext, object?>> Resolvers = new()
    {
        ["__Schema.description"] = c => c.Schema.Description,
        ["__Schema.types"] = c => c.Schema.Types.Values,
        ["__Schema.queryType"] = c => c.Schema.Query,
        ["__Schema.mutationType"] = c => c.Schema.Mutation,
        ["__Schema.subscriptionType"] = c => c.Schema.Subscription,
        ["__Schema.directives"] = c => c.Schema.Directives.Values,
        ["__Type.kind"] = c => KindName(c.Parent<GType>().Kind),
        ["__Type.name"] = c => (c.Parent<GType>() as NamedType)?.Name,
        ["__Type.description"] = c => (c.Parent<GType>() as NamedType)?.Description,
        ["__Type.specifiedByURL"] = c => (c.Parent<GType>() as ScalarType)?.SpecifiedByUrl,
        ["__Type.fields"] = c => c.Parent<GType>() is IFieldsContainer fc
            ? fc.Fields.Values.Where(f => IncludeDeprecated(c) || f.DeprecationReason is null).ToList() : null,
        ["__Type.interfaces"] = c => (c.Parent<GType>() as IFieldsContainer)?.Interfaces,
        ["__Type.possibleTypes"] = c => c.Parent<GType>() is InterfaceType or UnionType ? c.Schema.GetPossibleTypes((NamedType)c.Parent<GType>()) : null,
        ["__Type.enumValues"] = c => c.Parent<GType>() is EnumType e
            ? e.Values.List.Where(v => IncludeDeprecated(c) || v.DeprecationReason is null).ToList() : null,
        ["__Type.inputFields"] = c => c.Parent<GType>() is InputObjectType io
            ? io.FieldMap.List.Where(v => IncludeDeprecated(c) || v.DeprecationReason is null).ToList() : null,
        ["__Type.ofType"] = c => c.Parent<GType>() switch { ListType l => l.OfType, NonNullType n => n.OfType, _ => null },
        ["__Type.isOneOf"] = c => c.Parent<GType>() is InputObjectType io ? io.IsOneOf : null,
        ["__Field.name"] = c => c.Parent<FieldDef>().Name,
        ["__Field.description"] = c => c.Parent<FieldDef>().Description,
        ["__Field.args"] = c => c.Parent<FieldDef>().Arguments.List.Where(a => IncludeDeprecated(c) || a.DeprecationReason is null).ToList(),
        ["__Field.type"] = c => c.Parent<FieldDef>().Type,
        ["__Field.isDeprecated"] = c => c.Parent<FieldDef>().DeprecationReason is not null,
        ["__Field.deprecationReason"] = c => c.Parent<FieldDef>().DeprecationReason,
        ["__InputValue.name"] = c => c.Parent<InputValueDef>().Name,
        ["__InputValue.description"] = c => c.Parent<InputValueDef>().Description,
        ["__InputValue.type"] = c => c.Parent<InputValueDef>().Type,
        ["__InputValue.defaultValue"] = c => c.Parent<InputValueDef>() is { HasDefault: true, DefaultLiteral: { } d } ? Printer.PrintValue(d) : null,
        ["__InputValue.isDeprecated"] = c => c.Parent<InputValueDef>().DeprecationReason is not null,
        ["__InputValue.deprecationReason"] = c => c.Parent<InputValueDef>().DeprecationReason,
        ["__EnumValue.name"] = c => c.Parent<EnumValueDef>().Name,
        ["__EnumValue.description"] = c => c.Parent<EnumValueDef>().Description,
        ["__EnumValue.isDeprecated"] = c => c.Parent<EnumValueDef>().DeprecationReason is not null,
        ["__EnumValue.deprecationReason"] = c => c.Parent<EnumValueDef>().DeprecationReason,
        ["__Directive.name"] = c => c.Parent<DirectiveDef>().Name,
        ["__Directive.description"] = c => c.Parent<DirectiveDef>().Description,
        ["__Directive.isRepeatable"] = c => c.Parent<DirectiveDef>().Repeatable,
        ["__Directive.locations"] = c => c.Parent<DirectiveDef>().Locations.Select(l => l.SpecName()).ToList(),
        ["__Directive.args"] = c => c.Parent<DirectiveDef>().Arguments.List.Where(a => IncludeDeprecated(c) || a.DeprecationReason is null).ToList(),
    };

    private static bool IncludeDeprecated(ResolverContext c) => c.ArgumentOrDefault("includeDeprecated", false);

    private static string KindName(TypeKind k) => k switch
    {
        TypeKind.Scalar => "SCALAR", TypeKind.Object => "OBJECT", TypeKind.Interface => "INTERFACE", TypeKind.Union => "UNION",
        TypeKind.Enum => "ENUM", TypeKind.InputObject => "INPUT_OBJECT", TypeKind.List => "LIST", _ => "NON_NULL",
    };

    /// <summary>Fresh introspection types for one schema (they hold no schema-specific state, but keep schemas independent).</summary>
    public static List<NamedType> CreateTypes()
    {
        var doc = Parser.Parse(Sdl, int.MaxValue);
        var types = new Dictionary<string, NamedType>();
        foreach (var s in BuiltInScalars.All) types[s.Name] = s;
        var result = new List<NamedType>();
        foreach (var def in doc.Definitions.Cast<TypeDefinitionNode>())
        {
            NamedType t = def.Kind == TypeDefinitionKind.Enum ? new EnumType(def.Name.Value, null) : new ObjectType(def.Name.Value, null);
            if (t is EnumType e) foreach (var v in def.EnumValues) e.Values.Add(v.Name.Value, new EnumValueDef(v.Name.Value, null, v.Name.Value));
            types[t.Name] = t;
            result.Add(t);
        }
        GType Resolve(TypeNode n) => n switch
        {
            NonNullTypeNode nn => new NonNullType(Resolve(nn.Type)),
            ListTypeNode l => new ListType(Resolve(l.Type)),
            _ => types[((NamedTypeNode)n).Name.Value],
        };
        foreach (var def in doc.Definitions.Cast<TypeDefinitionNode>())
        {
            if (types[def.Name.Value] is not ObjectType o) continue;
            foreach (var f in def.Fields)
            {
                var resolve = Resolvers[$"{o.Name}.{f.Name.Value}"];
                var fd = new FieldDef(f.Name.Value, null, Resolve(f.Type)) { Resolve = c => new ValueTask<object?>(resolve(c)), IsIntrospection = true };
                foreach (var a in f.Arguments)
                    fd.Arguments.Add(a.Name.Value, new InputValueDef(a.Name.Value, null, Resolve(a.Type)) { HasDefault = a.DefaultValue is not null, DefaultLiteral = a.DefaultValue });
                o.FieldMap.Add(fd.Name, fd);
            }
        }
        return result;
    }

    /// <summary>The meta-fields <c>__schema</c>, <c>__type</c> and <c>__typename</c> for a schema.</summary>
    public static (FieldDef Schema, FieldDef Type, FieldDef TypeName) MetaFields(Schema schema)
    {
        var schemaType = (ObjectType)schema.Types["__Schema"];
        var typeType = (ObjectType)schema.Types["__Type"];
        var sf = new FieldDef("__schema", "Access the current type schema of this server.", new NonNullType(schemaType))
        { Resolve = c => new ValueTask<object?>(c.Schema), IsIntrospection = true };
        var tf = new FieldDef("__type", "Request the type information of a single type.", typeType)
        { Resolve = c => new ValueTask<object?>(c.Schema.GetType(c.Argument<string>("name"))), IsIntrospection = true };
        tf.Arguments.Add("name", new InputValueDef("name", null, new NonNullType(BuiltInScalars.String)));
        var tn = new FieldDef("__typename", "The name of the current Object type at runtime.", new NonNullType(BuiltInScalars.String))
        { Resolve = c => new ValueTask<object?>(c.ParentType.Name), IsIntrospection = true };
        return (sf, tf, tn);
    }

    public static IEnumerable<DirectiveDef> BuiltInDirectives()
    {
        var include = new DirectiveDef("include", "Directs the executor to include this field or fragment only when the `if` argument is true.") { IsBuiltIn = true };
        include.Arguments.Add("if", new InputValueDef("if", "Included when true.", new NonNullType(BuiltInScalars.Boolean)));
        include.Locations.AddRange([DirectiveLocation.Field, DirectiveLocation.FragmentSpread, DirectiveLocation.InlineFragment]);
        yield return include;
        var skip = new DirectiveDef("skip", "Directs the executor to skip this field or fragment when the `if` argument is true.") { IsBuiltIn = true };
        skip.Arguments.Add("if", new InputValueDef("if", "Skipped when true.", new NonNullType(BuiltInScalars.Boolean)));
        skip.Locations.AddRange([DirectiveLocation.Field, DirectiveLocation.FragmentSpread, DirectiveLocation.InlineFragment]);
        yield return skip;
        var deprecated = new DirectiveDef("deprecated", "Marks an element of a GraphQL schema as no longer supported.") { IsBuiltIn = true };
        deprecated.Arguments.Add("reason", new InputValueDef("reason", "Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/).", new NonNullType(BuiltInScalars.String))
        { HasDefault = true, DefaultLiteral = new StringValueNode(Printer.DeprecatedDefaultReason, false) });
        deprecated.Locations.AddRange([DirectiveLocation.FieldDefinition, DirectiveLocation.ArgumentDefinition, DirectiveLocation.InputFieldDefinition, DirectiveLocation.EnumValue]);
        yield return deprecated;
        var specifiedBy = new DirectiveDef("specifiedBy", "Exposes a URL that specifies the behavior of this scalar.") { IsBuiltIn = true };
        specifiedBy.Arguments.Add("url", new InputValueDef("url", "The URL that specifies the behavior of this scalar.", new NonNullType(BuiltInScalars.String)));
        specifiedBy.Locations.Add(DirectiveLocation.Scalar);
        yield return specifiedBy;
        var oneOf = new DirectiveDef("oneOf", "Indicates exactly one field must be supplied and this field must not be `null`.") { IsBuiltIn = true };
        oneOf.Locations.Add(DirectiveLocation.InputObject);
        yield return oneOf;
    }
}
