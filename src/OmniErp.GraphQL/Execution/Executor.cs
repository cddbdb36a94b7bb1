using System.Collections;
using Microsoft.Extensions.Logging;
using OmniErp.GraphQL.Language;
using OmniErp.GraphQL.Types;

namespace OmniErp.GraphQL.Execution;

/// <summary>Executes one operation (spec section 6.3-6.4) over precompiled field plans.</summary>
internal sealed class Executor
{
    private readonly ExecutionState _state;
    private readonly ILogger? _logger;

    private Executor(ExecutionState state, ILogger? logger)
    {
        _state = state;
        _logger = logger;
    }

    public static async Task<(ResultObject? Data, List<GraphQLError> Errors)> ExecuteAsync(
        ExecutionState state, ObjectType rootType, FieldPlan[] rootPlans, object? rootValue, bool serial, ILogger? logger)
    {
        var ex = new Executor(state, logger);
        var root = new ResultObject(null, 0, new NonNullType(rootType), rootPlans);
        if (serial)
        {
            for (var i = 0; i < rootPlans.Length && !root.Dead; i++)
            {
                ex.ExecuteField(rootValue, rootPlans[i], root, i);
                await state.RunUntilIdleAsync().ConfigureAwait(false);
            }
        }
        else
        {
            ex.ExecuteFields(rootValue, rootPlans, root);
            await state.RunUntilIdleAsync().ConfigureAwait(false);
        }
        return (root.Dead ? null : root, state.Errors);
    }

    private void ExecuteFields(object? source, FieldPlan[] plans, ResultObject target)
    {
        for (var i = 0; i < plans.Length; i++)
        {
            if (target.Dead) return;
            ExecuteField(source, plans[i], target, i);
        }
    }

    private void ExecuteField(object? source, FieldPlan plan, ResultObject target, int index)
    {
        if (plan.IsTypeName)
        {
            target.Values[index] = plan.ParentType.Name;
            return;
        }
        IReadOnlyDictionary<string, object?> args;
        ValueTask<object?> pending;
        try
        {
            if (plan.StaticArgs is { } s) args = s;
            else if (plan.StaticArgsError is { } err) throw new GraphQLException(err, ErrorCodes.BadUserInput);
            else args = Arguments.Coerce(plan.Def.Arguments, plan.Nodes[0].Arguments, _state.Variables);
            var ctx = new ResolverContext(_state, plan, source, args, target, index);
            pending = plan.Def.Resolve!(ctx);
        }
        catch (Exception e)
        {
            FieldError(e, plan, target, index);
            return;
        }
        if (pending.IsCompletedSuccessfully)
        {
            CompleteValue(plan.Def.Type, plan, pending.Result, target, index);
            return;
        }
        _state.Pending++;
        new PendingField(this, pending, plan, target, index).Register();
    }

    /// <summary>An async resolver in flight: one object serves as awaiter callback and as queued work item.</summary>
    private sealed class PendingField(Executor executor, ValueTask<object?> task, FieldPlan plan, ResultObject target, int index)
    {
        private readonly ValueTask<object?> _task = task;

        public void Register() => _task.GetAwaiter().UnsafeOnCompleted(OnCompleted);

        private void OnCompleted() => executor._state.Enqueue(Run);

        private void Run()
        {
            executor._state.Pending--;
            object? value;
            try { value = _task.GetAwaiter().GetResult(); }
            catch (Exception e)
            {
                executor.FieldError(e, plan, target, index);
                return;
            }
            executor.CompleteValue(plan.Def.Type, plan, value, target, index);
        }
    }

    private void CompleteValue(GType type, FieldPlan plan, object? value, ResultNode container, int index)
    {
        if (value is null)
        {
            if (type is NonNullType)
            {
                AddError($"Cannot return null for non-nullable field {plan.ParentType.Name}.{plan.Def.Name}.", null, plan, container, index);
                NullAt(container, index, type);
            }
            else container.Set(index, null);
            return;
        }
        var nullable = type is NonNullType nn ? nn.OfType : type;
        try
        {
            switch (nullable)
            {
                case ScalarType scalar:
                    container.Set(index, scalar.Serialize(value));
                    return;
                case EnumType en:
                    container.Set(index, SerializeEnum(en, value));
                    return;
                case ListType list:
                    CompleteList(type, list.OfType, plan, value, container, index);
                    return;
                case ObjectType ot:
                    CompleteObject(type, ot, plan, value, container, index);
                    return;
                case CompositeType abstractType:
                    CompleteObject(type, ResolveAbstract(abstractType, plan, value), plan, value, container, index);
                    return;
            }
        }
        catch (Exception e)
        {
            FieldError(e, plan, container, index, type);
        }
    }

    private void CompleteList(GType type, GType itemType, FieldPlan plan, object value, ResultNode container, int index)
    {
        if (!ValueCoercion.IsList(value))
            throw new GraphQLException($"Expected Iterable, but did not find one for field \"{plan.ParentType.Name}.{plan.Def.Name}\".");
        var items = value as IList ?? ((IEnumerable)value).Cast<object?>().ToList();
        var list = new ResultList(container, index, type, items.Count);
        container.Set(index, list);
        for (var i = 0; i < items.Count; i++)
        {
            if (list.Dead) return;
            CompleteValue(itemType, plan, items[i], list, i);
        }
    }

    private void CompleteObject(GType type, ObjectType objectType, FieldPlan plan, object value, ResultNode container, int index)
    {
        var plans = plan.ChildPlans(objectType, _state.Planner);
        var obj = new ResultObject(container, index, type, plans);
        container.Set(index, obj);
        ExecuteFields(value, plans, obj);
    }

    private ObjectType ResolveAbstract(CompositeType abstractType, FieldPlan plan, object value)
    {
        var resolveType = abstractType switch { InterfaceType i => i.ResolveType, UnionType u => u.ResolveType, _ => null };
        string? name = resolveType?.Invoke(value);
        var possible = _state.Schema.GetPossibleTypes(abstractType);
        if (name is null)
        {
            var clr = value.GetType();
            foreach (var t in possible) if (t.ClrType is not null && t.ClrType.IsAssignableFrom(clr)) return t;
            foreach (var t in possible) if (t.IsTypeOf is not null && t.IsTypeOf(value)) return t;
            name = value switch
            {
                IReadOnlyDictionary<string, object?> ro => ro.GetValueOrDefault("__typename") as string,
                IDictionary<string, object?> d => d.TryGetValue("__typename", out var tn) ? tn as string : null,
                _ => null,
            };
            name ??= possible.FirstOrDefault(t => t.Name == clr.Name)?.Name;
        }
        if (name is null)
            throw new GraphQLException($"Abstract type \"{abstractType.Name}\" must resolve to an Object type at runtime for field \"{plan.ParentType.Name}.{plan.Def.Name}\". Either the \"{abstractType.Name}\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.");
        if (_state.Schema.GetType(name) is not ObjectType resolved)
            throw new GraphQLException($"Abstract type \"{abstractType.Name}\" was resolved to a type \"{name}\" that does not exist inside the schema.");
        if (!_state.Schema.IsPossibleType(abstractType, resolved))
            throw new GraphQLException($"Runtime Object type \"{resolved.Name}\" is not a possible type for \"{abstractType.Name}\".");
        return resolved;
    }

    private static object SerializeEnum(EnumType en, object value)
    {
        var def = en.FindByValue(value);
        if (def is null && value is Enum e)
            def = en.Values.List.FirstOrDefault(v => string.Equals(ValueCoercion.Normalize(v.Name), e.ToString(), StringComparison.OrdinalIgnoreCase));
        return def?.Name ?? throw new ScalarCoercionException($"Enum \"{en.Name}\" cannot represent value: {BuiltInScalars.Inspect(value)}");
    }

    /// <summary>Records a field error at the position and nulls it (propagating through non-null positions).</summary>
    private void FieldError(Exception e, FieldPlan plan, ResultNode container, int index, GType? positionType = null)
    {
        positionType ??= container is ResultObject ? plan.Def.Type : ((ListType)container.SlotType.Nullable).OfType;
        if (e is AggregateException { InnerExceptions.Count: 1 } agg) e = agg.InnerExceptions[0];
        if (e is not GraphQLException && _state.TranslateException?.Invoke(e) is { } translated) e = translated;
        switch (e)
        {
            case GraphQLException g:
                AddError(g.Message, Extensions(g), plan, container, index);
                break;
            case ScalarCoercionException s:
                AddError(s.Message, null, plan, container, index);
                break;
            case OperationCanceledException when _state.CancellationToken.IsCancellationRequested:
                AddError("Execution was cancelled.", new Dictionary<string, object?> { ["code"] = ErrorCodes.Timeout }, plan, container, index);
                break;
            default:
                _logger?.LogError(e, "Resolver {Type}.{Field} failed", plan.ParentType.Name, plan.Def.Name);
                AddError("Unexpected error.", new Dictionary<string, object?> { ["code"] = ErrorCodes.InternalError }, plan, container, index);
                break;
        }
        NullAt(container, index, positionType);
    }

    private static Dictionary<string, object?>? Extensions(GraphQLException g)
    {
        if (g.Code is null && g.Extensions is null) return null;
        var d = g.Extensions is null ? [] : new Dictionary<string, object?>(g.Extensions);
        if (g.Code is not null) d["code"] = g.Code;
        return d;
    }

    private void AddError(string message, IReadOnlyDictionary<string, object?>? extensions, FieldPlan plan, ResultNode container, int index)
    {
        if (container.IsDetached) return; // a non-null error above already nulled this subtree
        _state.Errors.Add(new GraphQLError(message)
        {
            Locations = plan.Locations,
            Path = ResultNode.PathOf(container, index),
            Extensions = extensions,
        });
    }

    /// <summary>Sets null at a position; a non-null position nulls its container instead, recursively.</summary>
    private static void NullAt(ResultNode container, int index, GType positionType)
    {
        while (true)
        {
            if (positionType is not NonNullType)
            {
                container.Set(index, null);
                return;
            }
            container.Dead = true;
            if (container.Parent is null) return;
            positionType = container.SlotType;
            index = container.IndexInParent;
            container = container.Parent;
        }
    }
}
