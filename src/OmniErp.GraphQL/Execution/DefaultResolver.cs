using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;

namespace OmniErp.GraphQL.Execution;

/// <summary>Resolves a field from the parent's dictionary entry or public property (compiled getter, cached per CLR type).</summary>
internal static class DefaultResolver
{
    private static readonly ConcurrentDictionary<(Type, string), Func<object, object?>?> Getters = new();

    public static FieldResolver For(string fieldName) => ctx => new ValueTask<object?>(Read(ctx.ParentValue, fieldName));

    public static object? Read(object? parent, string name)
    {
        switch (parent)
        {
            case null: return null;
            case IReadOnlyDictionary<string, object?> ro: return ro.TryGetValue(name, out var v) ? v : null;
            case IDictionary<string, object?> d: return d.TryGetValue(name, out var v2) ? v2 : null;
            case JsonElement { ValueKind: JsonValueKind.Object } je: return je.TryGetProperty(name, out var p) ? ValueCoercion.FromJson(p) : null;
            case IDictionary nd: return nd.Contains(name) ? nd[name] : null;
        }
        var getter = Getters.GetOrAdd((parent.GetType(), name), static key => Compile(key.Item1, key.Item2));
        return getter?.Invoke(parent);
    }

    private static Func<object, object?>? Compile(Type type, string name)
    {
        var prop = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        MemberInfo? member = prop is { CanRead: true } ? prop : type.GetField(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (member is null) return null;
        var obj = Expression.Parameter(typeof(object), "o");
        var access = Expression.MakeMemberAccess(Expression.Convert(obj, type), member);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(access, typeof(object)), obj).Compile();
    }
}
