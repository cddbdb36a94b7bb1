using OmniErp.GraphQL.Execution;
using OmniErp.GraphQL.Language;
using OmniErp.GraphQL.Types;

namespace OmniErp.GraphQL;

/// <summary>
/// Code-first schema composition. Modules add types, root fields and extensions (by type name) in any order;
/// <see cref="Build"/> resolves type references and validates the whole schema.
/// </summary>
public sealed class SchemaBuilder
{
    internal readonly List<TypeSpec> Specs = [];
    internal readonly List<(string TypeName, Action<ObjectTypeBuilder> Configure, string Origin)> Extensions = [];
    internal readonly List<DirectiveSpec> DirectiveSpecs = [];
    internal readonly List<(string Sdl, Func<string, string, FieldResolver?>? Resolvers)> SdlParts = [];
    internal string? Description;

    /// <summary>Adds an object type.</summary>
    public SchemaBuilder Object(string name, string? description, Action<ObjectTypeBuilder> configure)
    {
        var t = new ObjectTypeBuilder(name, description, isInterface: false);
        configure(t);
        Specs.Add(t.Spec);
        return this;
    }

    public SchemaBuilder Object(string name, Action<ObjectTypeBuilder> configure) => Object(name, null, configure);

    /// <summary>Adds an interface type.</summary>
    public SchemaBuilder Interface(string name, string? description, Action<ObjectTypeBuilder> configure)
    {
        var t = new ObjectTypeBuilder(name, description, isInterface: true);
        configure(t);
        Specs.Add(t.Spec);
        return this;
    }

    /// <summary>
    /// Adds fields (or implemented interfaces) to an object or interface type declared elsewhere, by name.
    /// The type may be declared before or after this call.
    /// </summary>
    public SchemaBuilder Extend(string typeName, Action<ObjectTypeBuilder> configure)
    {
        Extensions.Add((typeName, configure, $"extension of \"{typeName}\""));
        return this;
    }

    /// <summary>Adds root query fields; may be called from any number of modules.</summary>
    public SchemaBuilder Query(Action<ObjectTypeBuilder> configure) => Root("Query", configure);

    /// <summary>Adds root mutation fields; may be called from any number of modules. Mutations run serially.</summary>
    public SchemaBuilder Mutation(Action<ObjectTypeBuilder> configure) => Root("Mutation", configure);

    private SchemaBuilder Root(string name, Action<ObjectTypeBuilder> configure)
    {
        if (!Specs.Any(s => s.Name == name && s.Kind == TypeKind.Object))
            Specs.Add(new TypeSpec(name, TypeKind.Object, null) { Implicit = true });
        return Extend(name, configure);
    }

    /// <summary>Adds a union of object types. Resolve the concrete type with <paramref name="resolveType"/> or by the types' IsTypeOf.</summary>
    public SchemaBuilder Union(string name, string? description, IEnumerable<string> members, Func<object, string?>? resolveType = null)
    {
        Specs.Add(new TypeSpec(name, TypeKind.Union, description) { Members = [.. members], ResolveType = resolveType });
        return this;
    }

    /// <summary>Adds an enum type whose values are the given names (internal value = the name).</summary>
    public SchemaBuilder Enum(string name, string? description, Action<EnumTypeBuilder> configure)
    {
        var e = new EnumTypeBuilder();
        configure(e);
        Specs.Add(new TypeSpec(name, TypeKind.Enum, description) { EnumValues = e.Values });
        return this;
    }

    /// <summary>Adds an enum type from a C# enum: <c>PendingPayment</c> is exposed as <c>PENDING_PAYMENT</c>.</summary>
    public SchemaBuilder Enum<TEnum>(string name, string? description = null) where TEnum : struct, System.Enum
    {
        var values = System.Enum.GetValues<TEnum>()
            .Select(v => new EnumValueSpec(ToConstantCase(v.ToString()), null, v, null)).ToList();
        Specs.Add(new TypeSpec(name, TypeKind.Enum, description) { EnumValues = values, ClrType = typeof(TEnum) });
        return this;
    }

    /// <summary>Adds an input object type. Resolvers read it with <c>ctx.Argument&lt;TPoco&gt;(name)</c>.</summary>
    public SchemaBuilder InputObject(string name, string? description, Action<InputObjectTypeBuilder> configure)
    {
        var b = new InputObjectTypeBuilder();
        configure(b);
        Specs.Add(new TypeSpec(name, TypeKind.InputObject, description) { InputFields = b.Fields, IsOneOf = b.OneOf });
        return this;
    }

    /// <summary>
    /// Adds a custom scalar. <paramref name="serialize"/> turns a resolver value into a JSON-writable value;
    /// <paramref name="parse"/> turns a variable value (string, long, decimal, double, bool) or a literal's value into the internal value.
    /// Both throw <see cref="ScalarCoercionException"/> for values they cannot represent.
    /// </summary>
    public SchemaBuilder Scalar(string name, string? description, Func<object, object?> serialize, Func<object, object?> parse, string? specifiedByUrl = null)
    {
        Specs.Add(new TypeSpec(name, TypeKind.Scalar, description) { Serialize = serialize, Parse = parse, SpecifiedByUrl = specifiedByUrl });
        return this;
    }

    /// <summary>Sets the schema description.</summary>
    public SchemaBuilder WithDescription(string description)
    {
        Description = description;
        return this;
    }

    /// <summary>
    /// Adds type-system SDL (types, extensions, directives, schema definition). <paramref name="resolvers"/>
    /// returns the resolver for (type, field), or null for the default property/dictionary resolver.
    /// </summary>
    public SchemaBuilder AddSdl(string sdl, Func<string, string, FieldResolver?>? resolvers = null)
    {
        SdlParts.Add((sdl, resolvers));
        return this;
    }

    /// <summary>Resolves every type reference, applies extensions and validates the schema.</summary>
    /// <exception cref="SchemaException">With every problem found, one per line.</exception>
    public Schema Build() => SchemaFactory.Build(this);

    internal static string ToConstantCase(string pascal)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (i > 0 && char.IsUpper(c) && (char.IsLower(pascal[i - 1]) || (i + 1 < pascal.Length && char.IsLower(pascal[i + 1])))) sb.Append('_');
            sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }
}

/// <summary>A resolver as stored in the schema; builders wrap sync and async lambdas into this shape.</summary>
public delegate ValueTask<object?> FieldResolver(ResolverContext context);

/// <summary>Schema construction failed; the message lists every problem.</summary>
public sealed class SchemaException(IReadOnlyList<string> problems)
    : Exception("Invalid GraphQL schema:\n" + string.Join("\n", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>Defines the fields of an object or interface type (or an extension of one).</summary>
public sealed class ObjectTypeBuilder
{
    internal TypeSpec Spec { get; }

    internal ObjectTypeBuilder(string name, string? description, bool isInterface) =>
        Spec = new TypeSpec(name, isInterface ? TypeKind.Interface : TypeKind.Object, description);

    /// <summary>A field with a synchronous resolver.</summary>
    public FieldBuilder Field<T>(string name, string type, Func<ResolverContext, T> resolve)
    {
        if (typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(ValueTask<>))
            throw new ArgumentException($"Field \"{Spec.Name}.{name}\": return Task<T> (e.g. an async lambda), not ValueTask<T>.", nameof(resolve));
        return AddField(name, type, ctx => new ValueTask<object?>(resolve(ctx)));
    }

    /// <summary>A field with an asynchronous resolver.</summary>
    public FieldBuilder Field<T>(string name, string type, Func<ResolverContext, Task<T>> resolve) =>
        AddField(name, type, ctx =>
        {
            var task = resolve(ctx);
            return task.IsCompletedSuccessfully ? new ValueTask<object?>(task.Result) : Await(task);
        });

    private static async ValueTask<object?> Await<T>(Task<T> task) => await task.ConfigureAwait(false);

    /// <summary>A field resolved from the parent's property (case-insensitive) or dictionary entry of the same name.</summary>
    public FieldBuilder Field(string name, string type) => AddField(name, type, null);

    /// <summary>A field with a resolver already in the stored shape.</summary>
    internal FieldBuilder Field(string name, string type, FieldResolver resolve) => AddField(name, type, resolve);

    private FieldBuilder AddField(string name, string type, FieldResolver? resolver)
    {
        var f = new FieldSpec(name, type) { Resolver = resolver };
        Spec.Fields.Add(f);
        return new FieldBuilder(f);
    }

    /// <summary>Declares implemented interfaces.</summary>
    public ObjectTypeBuilder Implements(params string[] interfaces)
    {
        Spec.Interfaces.AddRange(interfaces);
        return this;
    }

    /// <summary>Values of this CLR type (or subtypes) are of this object type when returned for an interface or union.</summary>
    public ObjectTypeBuilder IsTypeOf<TClr>()
    {
        Spec.ClrType = typeof(TClr);
        Spec.IsTypeOf = static o => o is TClr;
        return this;
    }

    /// <summary>Custom test whether a value returned for an interface or union is of this object type.</summary>
    public ObjectTypeBuilder IsTypeOf(Func<object, bool> predicate)
    {
        Spec.IsTypeOf = predicate;
        return this;
    }

    /// <summary>For interfaces: returns the object type name of a value.</summary>
    public ObjectTypeBuilder ResolveType(Func<object, string?> resolveType)
    {
        Spec.ResolveType = resolveType;
        return this;
    }
}

/// <summary>Refines a field: arguments, description, deprecation, cost.</summary>
public sealed class FieldBuilder
{
    private readonly FieldSpec _field;
    internal FieldBuilder(FieldSpec field) => _field = field;

    /// <summary>An argument without a default value.</summary>
    public FieldBuilder Argument(string name, string type, string? description = null)
    {
        _field.Arguments.Add(new InputValueSpec(name, type, description));
        return this;
    }

    /// <summary>An argument with a default value (a CLR value: number, string, bool, enum, list, dictionary, or null).</summary>
    public FieldBuilder Argument(string name, string type, object? defaultValue, string? description = null)
    {
        _field.Arguments.Add(new InputValueSpec(name, type, description) { HasDefault = true, DefaultValue = defaultValue });
        return this;
    }

    /// <summary>A deprecated argument (it must be nullable or have a default).</summary>
    public FieldBuilder DeprecatedArgument(string name, string type, string reason, string? description = null)
    {
        _field.Arguments.Add(new InputValueSpec(name, type, description) { DeprecationReason = reason });
        return this;
    }

    public FieldBuilder Description(string description)
    {
        _field.Description = description;
        return this;
    }

    public FieldBuilder Deprecated(string reason = Printer.DeprecatedDefaultReason)
    {
        _field.DeprecationReason = reason;
        return this;
    }

    /// <summary>Cost weight of this field for the request cost limit (default 1 for object/list fields, 0 for leaves).</summary>
    public FieldBuilder Cost(int weight)
    {
        _field.Cost = weight;
        return this;
    }
}

/// <summary>Defines enum values.</summary>
public sealed class EnumTypeBuilder
{
    internal List<EnumValueSpec> Values { get; } = [];

    /// <summary>A value; its internal value is <paramref name="value"/> or else its name.</summary>
    public EnumTypeBuilder Value(string name, string? description = null, object? value = null, string? deprecationReason = null)
    {
        Values.Add(new EnumValueSpec(name, description, value ?? name, deprecationReason));
        return this;
    }
}

/// <summary>Defines input object fields.</summary>
public sealed class InputObjectTypeBuilder
{
    internal List<InputValueSpec> Fields { get; } = [];
    internal bool OneOf { get; private set; }

    public InputObjectTypeBuilder Field(string name, string type, string? description = null)
    {
        Fields.Add(new InputValueSpec(name, type, description));
        return this;
    }

    public InputObjectTypeBuilder Field(string name, string type, object? defaultValue, string? description = null)
    {
        Fields.Add(new InputValueSpec(name, type, description) { HasDefault = true, DefaultValue = defaultValue });
        return this;
    }

    public InputObjectTypeBuilder DeprecatedField(string name, string type, string reason, string? description = null)
    {
        Fields.Add(new InputValueSpec(name, type, description) { DeprecationReason = reason });
        return this;
    }

    /// <summary>Marks the input object <c>@oneOf</c>: exactly one field must be given, non-null.</summary>
    public InputObjectTypeBuilder IsOneOf()
    {
        OneOf = true;
        return this;
    }
}

internal sealed class TypeSpec(string name, TypeKind kind, string? description)
{
    public string Name { get; } = name;
    public TypeKind Kind { get; } = kind;
    public string? Description { get; set; } = description;
    public bool Implicit { get; init; }
    public List<FieldSpec> Fields { get; } = [];
    public List<string> Interfaces { get; } = [];
    public List<string> Members { get; init; } = [];
    public List<EnumValueSpec> EnumValues { get; init; } = [];
    public List<InputValueSpec> InputFields { get; init; } = [];
    public bool IsOneOf { get; init; }
    public Func<object, bool>? IsTypeOf { get; set; }
    public Func<object, string?>? ResolveType { get; set; }
    public Type? ClrType { get; set; }
    public Func<object, object?>? Serialize { get; init; }
    public Func<object, object?>? Parse { get; init; }
    public string? SpecifiedByUrl { get; init; }
    public SourceLocation? Location { get; init; }
}

internal sealed class FieldSpec(string name, string type)
{
    public string Name { get; } = name;
    public string Type { get; } = type;
    public TypeNode? TypeNode { get; init; }
    public string? Description { get; set; }
    public List<InputValueSpec> Arguments { get; } = [];
    public FieldResolver? Resolver { get; set; }
    public string? DeprecationReason { get; set; }
    public int? Cost { get; set; }
}

internal sealed class InputValueSpec(string name, string type, string? description)
{
    public string Name { get; } = name;
    public string Type { get; } = type;
    public TypeNode? TypeNode { get; init; }
    public string? Description { get; } = description;
    public bool HasDefault { get; init; }
    public object? DefaultValue { get; init; }
    public ValueNode? DefaultLiteral { get; init; }
    public string? DeprecationReason { get; init; }
}

internal sealed record EnumValueSpec(string Name, string? Description, object Value, string? DeprecationReason);

internal sealed class DirectiveSpec(string name, string? description)
{
    public string Name { get; } = name;
    public string? Description { get; } = description;
    public List<InputValueSpec> Arguments { get; } = [];
    public List<DirectiveLocation> Locations { get; } = [];
    public bool Repeatable { get; init; }
}
