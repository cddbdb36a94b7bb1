using System.Collections;
using System.Text.Json;
using OmniErp.GraphQL.Execution;
using OmniErp.GraphQL.Types;

namespace OmniErp.GraphQL;

/// <summary>Everything a resolver may read: parent value, arguments, request services and items, path, selection, DataLoaders.</summary>
public sealed class ResolverContext
{
    private static readonly JsonSerializerOptions PocoOptions = new(JsonSerializerDefaults.Web);
    private readonly ExecutionState _state;
    private readonly FieldPlan _plan;
    private readonly ResultNode _container;
    private readonly int _index;

    internal ResolverContext(ExecutionState state, FieldPlan plan, object? parent, IReadOnlyDictionary<string, object?> arguments, ResultNode container, int index)
    {
        _state = state;
        _plan = plan;
        ParentValue = parent;
        Arguments = arguments;
        _container = container;
        _index = index;
    }

    internal Schema Schema => _state.Schema;
    internal ObjectType ParentType => _plan.ParentType;

    /// <summary>The value the parent field resolved to (the root value for root fields).</summary>
    public object? ParentValue { get; }

    /// <summary>The parent value as <typeparamref name="T"/>.</summary>
    public T Parent<T>() => ParentValue is T t ? t
        : throw new InvalidOperationException($"Parent of {_plan.ParentType.Name}.{_plan.Def.Name} is {ParentValue?.GetType().Name ?? "null"}, not {typeof(T).Name}.");

    /// <summary>Coerced argument values; an argument absent from the request (and without default) has no entry.</summary>
    public IReadOnlyDictionary<string, object?> Arguments { get; }

    /// <summary>True when the argument was given (possibly as null) or has a default.</summary>
    public bool HasArgument(string name) => Arguments.ContainsKey(name);

    /// <summary>
    /// The argument converted to <typeparamref name="T"/> (input objects map to POCOs/records by property name).
    /// Throws when it is absent; use <see cref="ArgumentOrDefault{T}"/> for optional arguments.
    /// </summary>
    public T Argument<T>(string name)
    {
        if (!Arguments.TryGetValue(name, out var value))
            throw new InvalidOperationException($"Argument \"{name}\" of {_plan.ParentType.Name}.{_plan.Def.Name} was not provided.");
        return Convert<T>(value);
    }

    /// <summary>The argument, or <paramref name="defaultValue"/> when it is absent or null.</summary>
    public T ArgumentOrDefault<T>(string name, T defaultValue) =>
        Arguments.TryGetValue(name, out var value) && value is not null ? Convert<T>(value) : defaultValue;

    internal static T Convert<T>(object? value)
    {
        if (value is T t) return t;
        if (value is null) return default!;
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (value is IConvertible && typeof(IConvertible).IsAssignableFrom(target) && !target.IsEnum)
            return (T)System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
        if (target.IsEnum && value is string s) return (T)Enum.Parse(target, s.Replace("_", ""), ignoreCase: true);
        // Input objects and lists: map through JSON (cold path; mutations and filters only).
        var json = JsonSerializer.SerializeToUtf8Bytes(value, PocoOptions);
        return JsonSerializer.Deserialize<T>(json, PocoOptions)!;
    }

    /// <summary>The request's service provider (scoped to the HTTP request when served over HTTP).</summary>
    public IServiceProvider Services => _state.Services;

    /// <summary>Per-request items set by the host (e.g. the caller's channel and customer).</summary>
    public IDictionary<string, object?> Items => _state.Items;

    /// <summary>Cancelled when the client disconnects or the execution timeout elapses.</summary>
    public CancellationToken CancellationToken => _state.CancellationToken;

    /// <summary>The field's name in the schema.</summary>
    public string FieldName => _plan.Def.Name;

    /// <summary>The name of the object type that declares the field.</summary>
    public string ParentTypeName => _plan.ParentType.Name;

    /// <summary>Response path of this field, e.g. ["products", 3, "price"].</summary>
    public IReadOnlyList<object> Path => ResultNode.PathOf(_container, _index);

    /// <summary>What the client selected below this field.</summary>
    public FieldSelection Selection => _plan.Selection(_state.Planner);

    /// <summary>
    /// The request's DataLoader with this name (created on first use with <paramref name="batch"/>). Keys requested while
    /// the executor has ready work are collected and sent to <paramref name="batch"/> in one call.
    /// </summary>
    public DataLoader<TKey, TValue> DataLoader<TKey, TValue>(string name,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> batch) where TKey : notnull =>
        _state.Loaders.Get(name, batch);
}
