using System.Text.Json;
using OmniErp.GraphQL.Language;
using OmniErp.GraphQL.Types;

namespace OmniErp.GraphQL.Execution;

/// <summary>
/// A collected field (spec CollectFields result entry) with its coerced static arguments and, per concrete
/// parent type, its collected sub-fields. Plans are built once per cached document and reused by every request
/// (unless @skip/@include depend on variables, then per request).
/// </summary>
internal sealed class FieldPlan
{
    private (ObjectType Type, FieldPlan[] Plans)[] _children = [];
    private readonly Lock _lock = new();
    private FieldSelection? _selection;

    public FieldPlan(string responseName, FieldDef def, ObjectType parentType, List<FieldNode> nodes)
    {
        ResponseName = responseName;
        EncodedName = JsonEncodedText.Encode(responseName);
        Def = def;
        ParentType = parentType;
        Nodes = nodes;
        IsTypeName = def.Name == "__typename" && def.IsIntrospection;
        Locations = nodes.Select(n => n.Location).ToArray();
    }

    public string ResponseName { get; }
    public JsonEncodedText EncodedName { get; }
    public FieldDef Def { get; }
    public ObjectType ParentType { get; }
    public List<FieldNode> Nodes { get; }
    public SourceLocation[] Locations { get; }
    public bool IsTypeName { get; }
    /// <summary>Coerced arguments when they use no variables (null when they do, or failed to coerce).</summary>
    public IReadOnlyDictionary<string, object?>? StaticArgs { get; set; }
    public bool ArgsUseVariables { get; set; }
    public string? StaticArgsError { get; set; }

    public FieldPlan[] ChildPlans(ObjectType type, Planner planner)
    {
        var snapshot = _children;
        foreach (var (t, p) in snapshot) if (ReferenceEquals(t, type)) return p;
        var plans = planner.Collect(type, Nodes.Select(n => n.SelectionSet).OfType<SelectionSetNode>());
        lock (_lock)
        {
            _children = [.. _children, (type, plans)];
        }
        return plans;
    }

    public FieldSelection Selection(Planner planner) => _selection ??= planner.DescribeSelection(this);
}

internal sealed class Planner
{
    private readonly Schema _schema;
    private readonly IReadOnlyDictionary<string, FragmentDefinitionNode> _fragments;
    private readonly IReadOnlyDictionary<string, object?>? _variables;

    public Planner(Schema schema, IReadOnlyDictionary<string, FragmentDefinitionNode> fragments, IReadOnlyDictionary<string, object?>? variables)
    {
        _schema = schema;
        _fragments = fragments;
        _variables = variables;
    }

    public FieldPlan[] Collect(ObjectType type, IEnumerable<SelectionSetNode> sets)
    {
        var groups = new Dictionary<string, FieldPlan>(StringComparer.Ordinal);
        var order = new List<FieldPlan>();
        HashSet<string>? visited = null;
        foreach (var set in sets) CollectInto(type, set, groups, order, ref visited);
        return [.. order];
    }

    private void CollectInto(ObjectType type, SelectionSetNode set, Dictionary<string, FieldPlan> groups, List<FieldPlan> order, ref HashSet<string>? visited)
    {
        foreach (var sel in set.Selections)
        {
            if (!ShouldInclude(sel.Directives)) continue;
            switch (sel)
            {
                case FieldNode f:
                {
                    var name = f.ResponseName;
                    if (groups.TryGetValue(name, out var existing)) { existing.Nodes.Add(f); continue; }
                    var def = _schema.GetFieldDef(type, f.Name.Value);
                    if (def is null) continue;
                    var plan = new FieldPlan(name, def, type, [f]);
                    PrepareArguments(plan, f);
                    groups[name] = plan;
                    order.Add(plan);
                    break;
                }
                case InlineFragmentNode inline:
                    if (inline.TypeCondition is not null && !Applies(type, inline.TypeCondition.Name.Value)) continue;
                    CollectInto(type, inline.SelectionSet, groups, order, ref visited);
                    break;
                case FragmentSpreadNode spread:
                {
                    visited ??= [];
                    if (!visited.Add(spread.Name.Value)) continue;
                    if (!_fragments.TryGetValue(spread.Name.Value, out var frag)) continue;
                    if (!Applies(type, frag.TypeCondition.Name.Value)) continue;
                    CollectInto(type, frag.SelectionSet, groups, order, ref visited);
                    break;
                }
            }
        }
    }

    private bool Applies(ObjectType type, string condition) =>
        _schema.GetType(condition) is CompositeType ct && _schema.IsPossibleType(ct, type);

    internal bool ShouldInclude(IReadOnlyList<DirectiveNode> directives)
    {
        foreach (var d in directives)
        {
            var name = d.Name.Value;
            if (name is not ("skip" or "include")) continue;
            var arg = d.Arguments.FirstOrDefault(a => a.Name.Value == "if");
            if (arg is null) continue;
            var value = ValueCoercion.LiteralToValue(arg.Value, new NonNullType(BuiltInScalars.Boolean), _variables, out var ok);
            if (!ok) continue;
            if (name == "skip" && value is true) return false;
            if (name == "include" && value is false) return false;
        }
        return true;
    }

    private static void PrepareArguments(FieldPlan plan, FieldNode node)
    {
        if (plan.Def.Arguments.Count == 0) { plan.StaticArgs = Empty; return; }
        if (node.Arguments.Any(a => ContainsVariable(a.Value))) { plan.ArgsUseVariables = true; return; }
        try { plan.StaticArgs = Arguments.Coerce(plan.Def.Arguments, node.Arguments, null); }
        catch (GraphQLException e) { plan.StaticArgsError = e.Message; }
    }

    public static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();

    internal static bool ContainsVariable(ValueNode v) => v switch
    {
        VariableNode => true,
        ListValueNode l => l.Values.Any(ContainsVariable),
        ObjectValueNode o => o.Fields.Any(f => ContainsVariable(f.Value)),
        _ => false,
    };

    public FieldSelection DescribeSelection(FieldPlan plan)
    {
        var names = new List<string>();
        var seen = new HashSet<string>();
        var visited = new HashSet<string>();
        void Walk(SelectionSetNode? set)
        {
            if (set is null) return;
            foreach (var sel in set.Selections)
            {
                if (!ShouldInclude(sel.Directives)) continue;
                switch (sel)
                {
                    case FieldNode f: if (seen.Add(f.Name.Value)) names.Add(f.Name.Value); break;
                    case InlineFragmentNode i: Walk(i.SelectionSet); break;
                    case FragmentSpreadNode s when visited.Add(s.Name.Value) && _fragments.TryGetValue(s.Name.Value, out var fd): Walk(fd.SelectionSet); break;
                }
            }
        }
        foreach (var n in plan.Nodes) Walk(n.SelectionSet);
        return new FieldSelection(plan.Def.Name, plan.ResponseName, names);
    }
}

/// <summary>What the client selected on the field being resolved.</summary>
public sealed class FieldSelection(string fieldName, string responseName, IReadOnlyList<string> subFields)
{
    public string FieldName { get; } = fieldName;
    /// <summary>Alias or field name.</summary>
    public string ResponseName { get; } = responseName;
    /// <summary>Names of the directly selected sub-fields (across fragments, ignoring type conditions).</summary>
    public IReadOnlyList<string> SubFields { get; } = subFields;
    public bool IsSelected(string subFieldName) => SubFields.Contains(subFieldName);
}

/// <summary>CoerceArgumentValues (spec 6.4.1).</summary>
internal static class Arguments
{
    public static IReadOnlyDictionary<string, object?> Coerce(OrderedMap<InputValueDef> defs, IReadOnlyList<ArgumentNode> nodes,
        IReadOnlyDictionary<string, object?>? variables)
    {
        var result = new Dictionary<string, object?>(defs.Count, StringComparer.Ordinal);
        foreach (var def in defs.List)
        {
            ArgumentNode? node = null;
            foreach (var n in nodes) if (n.Name.Value == def.Name) { node = n; break; }
            if (node is null)
            {
                if (def.HasDefault) result[def.Name] = def.DefaultValue;
                else if (def.Type is NonNullType)
                    throw new GraphQLException($"Argument \"{def.Name}\" of required type \"{def.Type}\" was not provided.");
                continue;
            }
            if (node.Value is VariableNode v)
            {
                if (variables is null || !variables.TryGetValue(v.Name.Value, out var vv))
                {
                    if (def.HasDefault) result[def.Name] = def.DefaultValue;
                    else if (def.Type is NonNullType)
                        throw new GraphQLException($"Argument \"{def.Name}\" of required type \"{def.Type}\" was provided the variable \"${v.Name.Value}\" which was not provided a runtime value.");
                    continue;
                }
                if (vv is null && def.Type is NonNullType)
                    throw new GraphQLException($"Argument \"{def.Name}\" of non-null type \"{def.Type}\" must not be null.");
                result[def.Name] = vv;
                continue;
            }
            var value = ValueCoercion.LiteralToValue(node.Value, def.Type, variables, out var ok);
            if (!ok) throw new GraphQLException($"Argument \"{def.Name}\" has invalid value {Printer.PrintValue(node.Value)}.", ErrorCodes.BadUserInput);
            result[def.Name] = value;
        }
        return result;
    }
}
