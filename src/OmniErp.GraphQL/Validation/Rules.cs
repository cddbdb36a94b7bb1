using OmniErp.GraphQL.Language;
using OmniErp.GraphQL.Types;

namespace OmniErp.GraphQL.Validation;

internal sealed class ExecutableDefinitionsRule(ValidationContext c) : ValidationRule(c, "ExecutableDefinitions")
{
    public override void EnterDocument()
    {
        foreach (var def in Context.Document.Definitions)
        {
            if (def is OperationDefinitionNode or FragmentDefinitionNode) continue;
            var name = def switch
            {
                SchemaDefinitionNode => "schema",
                TypeDefinitionNode t => t.Name.Value,
                DirectiveDefinitionNode d => d.Name.Value,
                _ => "?",
            };
            Report($"The \"{name}\" definition is not executable.", def);
        }
    }
}

internal sealed class UniqueOperationNamesRule(ValidationContext c) : ValidationRule(c, "UniqueOperationNames")
{
    private readonly Dictionary<string, NameNode> _known = [];
    public override void EnterOperation(OperationDefinitionNode op)
    {
        if (op.Name is null) return;
        if (_known.TryGetValue(op.Name.Value, out var prior))
            Report($"There can be only one operation named \"{op.Name.Value}\".", prior, op.Name);
        else _known[op.Name.Value] = op.Name;
    }
}

internal sealed class LoneAnonymousOperationRule(ValidationContext c) : ValidationRule(c, "LoneAnonymousOperation")
{
    public override void EnterOperation(OperationDefinitionNode op)
    {
        if (op.Name is null && Context.Document.Definitions.Count(d => d is OperationDefinitionNode) > 1)
            Report("This anonymous operation must be the only defined operation.", op);
    }
}

internal sealed class KnownOperationTypesRule(ValidationContext c) : ValidationRule(c, "KnownOperationTypes")
{
    public override void EnterOperation(OperationDefinitionNode op)
    {
        if (Context.Schema.RootType(op.Operation) is null)
            Report($"The {op.Operation.ToString().ToLowerInvariant()} operation is not supported by the schema.", op);
    }
}

internal sealed class SingleFieldSubscriptionsRule(ValidationContext c) : ValidationRule(c, "SingleFieldSubscriptions")
{
    public override void EnterOperation(OperationDefinitionNode op)
    {
        if (op.Operation != OperationType.Subscription || Context.Schema.Subscription is not { } subType) return;
        var groups = new Dictionary<string, List<FieldNode>>();
        var order = new List<string>();
        var visited = new HashSet<string>();
        void Collect(CompositeType type, SelectionSetNode set)
        {
            foreach (var sel in set.Selections)
            {
                switch (sel)
                {
                    case FieldNode f:
                        if (!groups.TryGetValue(f.ResponseName, out var list)) { groups[f.ResponseName] = list = []; order.Add(f.ResponseName); }
                        list.Add(f);
                        break;
                    case InlineFragmentNode i:
                        if (i.TypeCondition is null || Applies(i.TypeCondition)) Collect(type, i.SelectionSet);
                        break;
                    case FragmentSpreadNode s:
                        if (!visited.Add(s.Name.Value)) break;
                        if (Context.GetFragment(s.Name.Value) is { } frag && Applies(frag.TypeCondition)) Collect(type, frag.SelectionSet);
                        break;
                }
            }
        }
        bool Applies(NamedTypeNode cond) => Context.Schema.GetType(cond.Name.Value) is CompositeType ct && Context.Schema.IsPossibleType(ct, subType);
        Collect(subType, op.SelectionSet);
        var who = op.Name is null ? "Anonymous Subscription" : $"Subscription \"{op.Name.Value}\"";
        if (groups.Count > 1)
            Report($"{who} must select only one top level field.", order.Skip(1).SelectMany(n => groups[n]).ToArray<SyntaxNode>());
        foreach (var name in order)
        {
            var nodes = groups[name];
            if (nodes[0].Name.Value.StartsWith("__", StringComparison.Ordinal))
                Report($"{who} must not select an introspection top level field.", nodes.ToArray<SyntaxNode>());
        }
    }
}

internal sealed class KnownTypeNamesRule(ValidationContext c) : ValidationRule(c, "KnownTypeNames")
{
    public override void EnterNamedType(NamedTypeNode n)
    {
        var name = n.Name.Value;
        if (Context.Schema.GetType(name) is not null) return;
        if (Context.Document.Definitions.Any(d => d is TypeDefinitionNode { IsExtension: false } t && t.Name.Value == name)) return;
        Report($"Unknown type \"{name}\"." + Context.DidYouMean(Suggestions.List(name, Context.Schema.Types.Keys)), n);
    }
}

internal sealed class FragmentsOnCompositeTypesRule(ValidationContext c) : ValidationRule(c, "FragmentsOnCompositeTypes")
{
    public override void EnterInlineFragment(InlineFragmentNode i)
    {
        if (i.TypeCondition is null) return;
        if (Context.TypeFromAst(i.TypeCondition) is { } t && t is not CompositeType)
            Report($"Fragment cannot condition on non composite type \"{t}\".", i.TypeCondition);
    }

    public override void EnterFragmentDefinition(FragmentDefinitionNode f)
    {
        if (Context.TypeFromAst(f.TypeCondition) is { } t && t is not CompositeType)
            Report($"Fragment \"{f.Name.Value}\" cannot condition on non composite type \"{t}\".", f.TypeCondition);
    }
}

internal sealed class VariablesAreInputTypesRule(ValidationContext c) : ValidationRule(c, "VariablesAreInputTypes")
{
    public override void EnterVariableDefinition(VariableDefinitionNode v)
    {
        if (Context.TypeFromAst(v.Type) is { IsInputType: false })
            Report($"Variable \"${v.Variable.Name.Value}\" cannot be non-input type \"{v.Type}\".", v.Type);
    }
}

internal sealed class ScalarLeafsRule(ValidationContext c) : ValidationRule(c, "ScalarLeafs")
{
    public override void EnterField(FieldNode f)
    {
        if (Context.Type is not { } type) return;
        if (type.IsLeaf)
        {
            if (f.SelectionSet is not null)
                Report($"Field \"{f.Name.Value}\" must not have a selection since type \"{type}\" has no subfields.", f.SelectionSet);
        }
        else if (f.SelectionSet is null)
            Report($"Field \"{f.Name.Value}\" of type \"{type}\" must have a selection of subfields. Did you mean \"{f.Name.Value} {{ ... }}\"?", f);
    }
}

internal sealed class FieldsOnCorrectTypeRule(ValidationContext c) : ValidationRule(c, "FieldsOnCorrectType")
{
    public override void EnterField(FieldNode f)
    {
        if (Context.ParentType is not { } type || Context.FieldDef is not null) return;
        var name = f.Name.Value;
        var suggestion = Context.DidYouMean(SuggestedTypes(type, name), "to use an inline fragment on");
        if (suggestion.Length == 0 && type is IFieldsContainer fc)
            suggestion = Context.DidYouMean(Suggestions.List(name, fc.Fields.Keys));
        Report($"Cannot query field \"{name}\" on type \"{type.Name}\".{suggestion}", f);
    }

    private IEnumerable<string> SuggestedTypes(CompositeType type, string field)
    {
        if (type is ObjectType) return [];
        var suggested = new List<NamedType>();
        var usage = new Dictionary<string, int>();
        foreach (var pt in Context.Schema.GetPossibleTypes(type))
        {
            if (!pt.Fields.ContainsKey(field)) continue;
            suggested.Add(pt);
            foreach (var i in pt.Interfaces)
            {
                if (!i.Fields.ContainsKey(field)) continue;
                if (!usage.ContainsKey(i.Name)) suggested.Add(i);
                usage[i.Name] = usage.GetValueOrDefault(i.Name) + 1;
            }
        }
        suggested.Sort((a, b) =>
        {
            var diff = usage.GetValueOrDefault(b.Name) - usage.GetValueOrDefault(a.Name);
            if (diff != 0) return diff;
            if (a is InterfaceType ai && b is CompositeType bc && Context.Schema.IsSubType(ai, bc)) return -1;
            if (b is InterfaceType bi && a is CompositeType ac && Context.Schema.IsSubType(bi, ac)) return 1;
            return string.CompareOrdinal(a.Name, b.Name);
        });
        return suggested.Select(t => t.Name);
    }
}

internal sealed class UniqueFragmentNamesRule(ValidationContext c) : ValidationRule(c, "UniqueFragmentNames")
{
    private readonly Dictionary<string, NameNode> _known = [];
    public override void EnterFragmentDefinition(FragmentDefinitionNode f)
    {
        if (_known.TryGetValue(f.Name.Value, out var prior))
            Report($"There can be only one fragment named \"{f.Name.Value}\".", prior, f.Name);
        else _known[f.Name.Value] = f.Name;
    }
}

internal sealed class KnownFragmentNamesRule(ValidationContext c) : ValidationRule(c, "KnownFragmentNames")
{
    public override void EnterFragmentSpread(FragmentSpreadNode s)
    {
        if (Context.GetFragment(s.Name.Value) is null) Report($"Unknown fragment \"{s.Name.Value}\".", s.Name);
    }
}

internal sealed class NoUnusedFragmentsRule(ValidationContext c) : ValidationRule(c, "NoUnusedFragments")
{
    public override void LeaveDocument()
    {
        var used = new HashSet<string>();
        foreach (var op in Context.Document.Definitions.OfType<OperationDefinitionNode>())
            foreach (var f in Context.GetRecursivelyReferencedFragments(op)) used.Add(f.Name.Value);
        foreach (var f in Context.Document.Definitions.OfType<FragmentDefinitionNode>())
            if (!used.Contains(f.Name.Value)) Report($"Fragment \"{f.Name.Value}\" is never used.", f);
    }
}

internal sealed class PossibleFragmentSpreadsRule(ValidationContext c) : ValidationRule(c, "PossibleFragmentSpreads")
{
    public override void EnterInlineFragment(InlineFragmentNode i)
    {
        if (Context.Type is CompositeType fragType && Context.ParentType is { } parentType && !Context.Schema.DoTypesOverlap(fragType, parentType))
            Report($"Fragment cannot be spread here as objects of type \"{parentType.Name}\" can never be of type \"{fragType.Name}\".", i);
    }

    public override void EnterFragmentSpread(FragmentSpreadNode s)
    {
        if (Context.GetFragment(s.Name.Value) is not { } frag) return;
        if (Context.TypeFromAst(frag.TypeCondition) is CompositeType fragType && Context.ParentType is { } parentType
            && !Context.Schema.DoTypesOverlap(fragType, parentType))
            Report($"Fragment \"{s.Name.Value}\" cannot be spread here as objects of type \"{parentType.Name}\" can never be of type \"{fragType.Name}\".", s);
    }
}

internal sealed class NoFragmentCyclesRule(ValidationContext c) : ValidationRule(c, "NoFragmentCycles")
{
    private readonly HashSet<string> _visited = [];
    private readonly List<FragmentSpreadNode> _path = [];
    private readonly Dictionary<string, int> _indexByName = [];

    public override void EnterFragmentDefinition(FragmentDefinitionNode f) => Detect(f);

    private void Detect(FragmentDefinitionNode fragment)
    {
        var name = fragment.Name.Value;
        if (!_visited.Add(name)) return;
        var spreads = Context.GetFragmentSpreads(fragment.SelectionSet);
        if (spreads.Count == 0) return;
        _indexByName[name] = _path.Count;
        foreach (var spread in spreads)
        {
            var spreadName = spread.Name.Value;
            _path.Add(spread);
            if (!_indexByName.TryGetValue(spreadName, out var cycleIndex))
            {
                if (Context.GetFragment(spreadName) is { } target) Detect(target);
            }
            else
            {
                var cycle = _path.Skip(cycleIndex).ToList();
                var via = string.Join(", ", cycle.Take(cycle.Count - 1).Select(s => $"\"{s.Name.Value}\""));
                Report($"Cannot spread fragment \"{spreadName}\" within itself" + (via.Length > 0 ? $" via {via}." : "."), cycle.ToArray<SyntaxNode>());
            }
            _path.RemoveAt(_path.Count - 1);
        }
        _indexByName.Remove(name);
    }
}

internal sealed class UniqueVariableNamesRule(ValidationContext c) : ValidationRule(c, "UniqueVariableNames")
{
    public override void EnterOperation(OperationDefinitionNode op)
    {
        foreach (var g in op.VariableDefinitions.GroupBy(v => v.Variable.Name.Value).Where(g => g.Count() > 1))
            Report($"There can be only one variable named \"${g.Key}\".", g.Select(v => v.Variable.Name).ToArray<SyntaxNode>());
    }
}

internal sealed class NoUndefinedVariablesRule(ValidationContext c) : ValidationRule(c, "NoUndefinedVariables")
{
    public override void LeaveDocument()
    {
        foreach (var op in Context.Document.Definitions.OfType<OperationDefinitionNode>()) Check(op);
    }

    private void Check(OperationDefinitionNode op)
    {
        var defined = op.VariableDefinitions.Select(v => v.Variable.Name.Value).ToHashSet();
        foreach (var u in Context.GetRecursiveVariableUsages(op))
        {
            var name = u.Node.Name.Value;
            if (defined.Contains(name)) continue;
            Report(op.Name is null ? $"Variable \"${name}\" is not defined." : $"Variable \"${name}\" is not defined by operation \"{op.Name.Value}\".", u.Node, op);
        }
    }
}

internal sealed class NoUnusedVariablesRule(ValidationContext c) : ValidationRule(c, "NoUnusedVariables")
{
    public override void LeaveDocument()
    {
        foreach (var op in Context.Document.Definitions.OfType<OperationDefinitionNode>()) Check(op);
    }

    private void Check(OperationDefinitionNode op)
    {
        var used = Context.GetRecursiveVariableUsages(op).Select(u => u.Node.Name.Value).ToHashSet();
        foreach (var v in op.VariableDefinitions)
        {
            var name = v.Variable.Name.Value;
            if (used.Contains(name)) continue;
            Report(op.Name is null ? $"Variable \"${name}\" is never used." : $"Variable \"${name}\" is never used in operation \"{op.Name.Value}\".", v);
        }
    }
}

internal sealed class KnownDirectivesRule(ValidationContext c) : ValidationRule(c, "KnownDirectives")
{
    public override void EnterDirective(DirectiveNode d, DirectiveLocation location)
    {
        var name = d.Name.Value;
        var locations = Context.Schema.Directives.GetValueOrDefault(name)?.Locations
            ?? Context.Document.Definitions.OfType<DirectiveDefinitionNode>().FirstOrDefault(x => x.Name.Value == name)?.Locations
                .Select(l => DirectiveLocations.TryParse(l.Value, out var dl) ? dl : default).ToList();
        if (locations is null)
        {
            Report($"Unknown directive \"@{name}\".", d);
            return;
        }
        if (!locations.Contains(location)) Report($"Directive \"@{name}\" may not be used on {location.SpecName()}.", d);
    }
}

internal sealed class UniqueDirectivesPerLocationRule(ValidationContext c) : ValidationRule(c, "UniqueDirectivesPerLocation")
{
    public override void EnterDirectives(IReadOnlyList<DirectiveNode> directives, SyntaxNode owner)
    {
        if (directives.Count < 2) return;
        var seen = new Dictionary<string, DirectiveNode>();
        foreach (var d in directives)
        {
            var name = d.Name.Value;
            var def = Context.Schema.Directives.GetValueOrDefault(name);
            bool unique;
            if (def is not null) unique = !def.Repeatable;
            else if (Context.Document.Definitions.OfType<DirectiveDefinitionNode>().FirstOrDefault(x => x.Name.Value == name) is { } sdl) unique = !sdl.Repeatable;
            else continue;
            if (!unique) continue;
            if (seen.TryGetValue(name, out var prior))
                Report($"The directive \"@{name}\" can only be used once at this location.", prior, d);
            else seen[name] = d;
        }
    }
}

internal sealed class KnownArgumentNamesRule(ValidationContext c) : ValidationRule(c, "KnownArgumentNames")
{
    public override void EnterArgument(ArgumentNode a)
    {
        if (Context.InDirective || Context.Argument is not null || Context.FieldDef is not { } fieldDef || Context.ParentType is not { } parent) return;
        Report($"Unknown argument \"{a.Name.Value}\" on field \"{parent.Name}.{fieldDef.Name}\"." +
            Context.DidYouMean(Suggestions.List(a.Name.Value, fieldDef.Arguments.Keys)), a);
    }

    public override void EnterDirective(DirectiveNode d, DirectiveLocation location)
    {
        var def = Context.Directive;
        IEnumerable<string>? known = def?.Arguments.Keys
            ?? Context.Document.Definitions.OfType<DirectiveDefinitionNode>().FirstOrDefault(x => x.Name.Value == d.Name.Value)?.Arguments.Select(x => x.Name.Value);
        if (known is null) return;
        var list = known.ToList();
        foreach (var a in d.Arguments)
            if (!list.Contains(a.Name.Value))
                Report($"Unknown argument \"{a.Name.Value}\" on directive \"@{d.Name.Value}\"." + Context.DidYouMean(Suggestions.List(a.Name.Value, list)), a);
    }
}

internal sealed class UniqueArgumentNamesRule(ValidationContext c) : ValidationRule(c, "UniqueArgumentNames")
{
    public override void EnterField(FieldNode f) => Check(f.Arguments);
    public override void EnterDirective(DirectiveNode d, DirectiveLocation location) => Check(d.Arguments);

    private void Check(IReadOnlyList<ArgumentNode> args)
    {
        if (args.Count < 2) return;
        foreach (var g in args.GroupBy(a => a.Name.Value).Where(g => g.Count() > 1))
            Report($"There can be only one argument named \"{g.Key}\".", g.Select(a => a.Name).ToArray<SyntaxNode>());
    }
}

internal sealed class ProvidedRequiredArgumentsRule(ValidationContext c) : ValidationRule(c, "ProvidedRequiredArguments")
{
    public override void LeaveField(FieldNode f)
    {
        if (Context.FieldDef is not { } def) return;
        foreach (var arg in def.Arguments.List)
            if (arg.Type is NonNullType && !arg.HasDefault && !f.Arguments.Any(a => a.Name.Value == arg.Name))
                Report($"Field \"{def.Name}\" argument \"{arg.Name}\" of type \"{arg.Type}\" is required, but it was not provided.", f);
    }

    public override void LeaveDirective(DirectiveNode d)
    {
        if (Context.Directive is { } def)
        {
            foreach (var arg in def.Arguments.List)
                if (arg.Type is NonNullType && !arg.HasDefault && !d.Arguments.Any(a => a.Name.Value == arg.Name))
                    Report($"Directive \"@{def.Name}\" argument \"{arg.Name}\" of type \"{arg.Type}\" is required, but it was not provided.", d);
            return;
        }
        if (Context.Document.Definitions.OfType<DirectiveDefinitionNode>().FirstOrDefault(x => x.Name.Value == d.Name.Value) is { } sdl)
            foreach (var arg in sdl.Arguments)
                if (arg.Type is NonNullTypeNode && arg.DefaultValue is null && !d.Arguments.Any(a => a.Name.Value == arg.Name.Value))
                    Report($"Directive \"@{sdl.Name.Value}\" argument \"{arg.Name.Value}\" of type \"{arg.Type}\" is required, but it was not provided.", d);
    }
}

internal sealed class UniqueInputFieldNamesRule(ValidationContext c) : ValidationRule(c, "UniqueInputFieldNames")
{
    public override void EnterObjectValue(ObjectValueNode o)
    {
        var known = new Dictionary<string, NameNode>();
        foreach (var f in o.Fields)
        {
            if (known.TryGetValue(f.Name.Value, out var prior))
                Report($"There can be only one input field named \"{f.Name.Value}\".", prior, f.Name);
            else known[f.Name.Value] = f.Name;
        }
    }
}

internal sealed class ValuesOfCorrectTypeRule(ValidationContext c) : ValidationRule(c, "ValuesOfCorrectType")
{
    private SyntaxNode? _suppressedBy;

    public override void EnterValue(ValueNode v)
    {
        if (_suppressedBy is not null) return;
        switch (v)
        {
            case ListValueNode list:
                if (Context.ParentInputType?.Nullable is not ListType)
                {
                    IsValidValueNode(v);
                    _suppressedBy = list;
                }
                return;
            case ObjectValueNode:
                return;
            case NullValueNode:
                if (Context.InputType is NonNullType nn) Report($"Expected value of type \"{nn}\", found null.", v);
                return;
            default:
                IsValidValueNode(v);
                return;
        }
    }

    public override void LeaveListValue(ListValueNode l)
    {
        if (ReferenceEquals(_suppressedBy, l)) _suppressedBy = null;
    }

    public override void EnterObjectValue(ObjectValueNode o)
    {
        if (_suppressedBy is not null) return;
        if (Context.InputType?.Named is not InputObjectType type)
        {
            IsValidValueNode(o);
            _suppressedBy = o;
            return;
        }
        foreach (var def in type.FieldMap.List)
            if (def.Type is NonNullType && !def.HasDefault && !o.Fields.Any(f => f.Name.Value == def.Name))
                Report($"Field \"{type.Name}.{def.Name}\" of required type \"{def.Type}\" was not provided.", o);
        if (type.IsOneOf)
        {
            if (o.Fields.Count != 1) Report($"OneOf Input Object \"{type.Name}\" must specify exactly one key.", o);
            else if (o.Fields[0].Value is NullValueNode) Report($"Field \"{type.Name}.{o.Fields[0].Name.Value}\" must be non-null.", o);
        }
    }

    public override void LeaveObjectValue(ObjectValueNode o)
    {
        if (ReferenceEquals(_suppressedBy, o)) _suppressedBy = null;
    }

    public override void EnterObjectField(ObjectFieldNode f)
    {
        if (_suppressedBy is not null) return;
        if (Context.InputType is null && Context.ParentInputType?.Named is InputObjectType parent)
            Report($"Field \"{f.Name.Value}\" is not defined by type \"{parent.Name}\"." + Context.DidYouMean(Suggestions.List(f.Name.Value, parent.Fields.Keys)), f);
    }

    private void IsValidValueNode(ValueNode node)
    {
        if (Context.InputType is not { } locationType) return;
        var type = locationType.Named;
        if (!type.IsLeaf)
        {
            Report($"Expected value of type \"{locationType}\", found {Printer.PrintValue(node)}.", node);
            return;
        }
        if (type is EnumType et)
        {
            if (node is not EnumValueNode ev)
                Report($"Enum \"{et.Name}\" cannot represent non-enum value: {Printer.PrintValue(node)}." + Context.DidYouMean(Suggestions.List(Printer.PrintValue(node), et.Values.Keys), "the enum value"), node);
            else if (!et.Values.ContainsKey(ev.Value))
                Report($"Value \"{ev.Value}\" does not exist in \"{et.Name}\" enum." + Context.DidYouMean(Suggestions.List(ev.Value, et.Values.Keys), "the enum value"), node);
            return;
        }
        try
        {
            ((ScalarType)type).ParseLiteral(node);
        }
        catch (Exception e) when (e is ScalarCoercionException or FormatException or OverflowException or InvalidCastException)
        {
            // Built-in scalars word their own errors (as graphql-js's GraphQLError); custom scalars get context.
            Report(type is ScalarType { IsBuiltIn: true } ? e.Message : $"Expected value of type \"{locationType}\", found {Printer.PrintValue(node)}; {e.Message}", node);
        }
    }
}

internal sealed class VariablesInAllowedPositionRule(ValidationContext c) : ValidationRule(c, "VariablesInAllowedPosition")
{
    public override void LeaveDocument()
    {
        foreach (var op in Context.Document.Definitions.OfType<OperationDefinitionNode>()) Check(op);
    }

    private void Check(OperationDefinitionNode op)
    {
        var defs = new Dictionary<string, VariableDefinitionNode>();
        foreach (var d in op.VariableDefinitions) defs.TryAdd(d.Variable.Name.Value, d);
        foreach (var u in Context.GetRecursiveVariableUsages(op))
        {
            var name = u.Node.Name.Value;
            if (!defs.TryGetValue(name, out var def) || u.Type is null) continue;
            var varType = Context.TypeFromAst(def.Type);
            if (varType is null) continue;
            if (!Allowed(varType, def.DefaultValue, u.Type, u.HasLocationDefault))
            {
                Report($"Variable \"${name}\" of type \"{varType}\" used in position expecting type \"{u.Type}\".", def, u.Node);
                continue;
            }
            if (u.ParentInputType is InputObjectType { IsOneOf: true } oneOf && varType is not NonNullType)
                Report($"Variable \"${name}\" is of type \"{varType}\" but must be non-nullable to be used for OneOf Input Object \"{oneOf.Name}\".", def, u.Node);
        }
    }

    private bool Allowed(GType varType, ValueNode? varDefault, GType locationType, bool hasLocationDefault)
    {
        if (locationType is NonNullType nn && varType is not NonNullType)
        {
            var hasNonNullVarDefault = varDefault is not null and not NullValueNode;
            if (!hasNonNullVarDefault && !hasLocationDefault) return false;
            return Context.Schema.IsTypeSubTypeOf(varType, nn.OfType);
        }
        return Context.Schema.IsTypeSubTypeOf(varType, locationType);
    }
}

internal sealed class MaxIntrospectionDepthRule(ValidationContext c) : ValidationRule(c, "MaxIntrospectionDepth")
{
    private const int MaxListsDepth = 3;
    private FieldNode? _skipUntil;
    private readonly Dictionary<(string, int), bool> _memo = [];

    public override void EnterField(FieldNode f)
    {
        if (_skipUntil is not null) return;
        if (f.Name.Value is not ("__schema" or "__type")) return;
        if (!CheckNode(f, [], 0)) return;
        Report("Maximum introspection depth exceeded", f);
        _skipUntil = f;
    }

    public override void LeaveField(FieldNode f)
    {
        if (ReferenceEquals(_skipUntil, f)) _skipUntil = null;
    }

    private bool CheckNode(SelectionNode node, HashSet<string> visiting, int depth)
    {
        switch (node)
        {
            case FragmentSpreadNode s:
            {
                var name = s.Name.Value;
                if (visiting.Contains(name) || Context.GetFragment(name) is not { } frag) return false;
                if (_memo.TryGetValue((name, depth), out var known)) return known;
                visiting.Add(name);
                var r = CheckSet(frag.SelectionSet, visiting, depth);
                visiting.Remove(name);
                _memo[(name, depth)] = r;
                return r;
            }
            case FieldNode f:
                if (f.Name.Value is "fields" or "interfaces" or "possibleTypes" or "inputFields" && ++depth >= MaxListsDepth) return true;
                return f.SelectionSet is not null && CheckSet(f.SelectionSet, visiting, depth);
            case InlineFragmentNode i:
                return CheckSet(i.SelectionSet, visiting, depth);
        }
        return false;
    }

    private bool CheckSet(SelectionSetNode set, HashSet<string> visiting, int depth)
    {
        foreach (var sel in set.Selections) if (CheckNode(sel, visiting, depth)) return true;
        return false;
    }
}

internal sealed class NoSchemaIntrospectionCustomRule(ValidationContext c) : ValidationRule(c, "NoSchemaIntrospectionCustom")
{
    public override void EnterField(FieldNode f)
    {
        if (Context.Type?.Named is { } t && t.Name.StartsWith("__", StringComparison.Ordinal) && Context.Schema.Types.ContainsKey(t.Name) && t is not ScalarType)
            Report($"GraphQL introspection has been disabled, but the requested query contained the field \"{f.Name.Value}\".", f);
    }
}

internal sealed class NoDeprecatedCustomRule(ValidationContext c) : ValidationRule(c, "NoDeprecatedCustom")
{
    public override void EnterField(FieldNode f)
    {
        if (Context.FieldDef is { DeprecationReason: { } reason } def && Context.ParentType is { } parent)
            Report($"The field {parent.Name}.{def.Name} is deprecated. {reason}", f);
    }

    public override void EnterArgument(ArgumentNode a)
    {
        if (Context.Argument is not { DeprecationReason: { } reason } arg) return;
        if (Context.Directive is { } d) Report($"The argument \"@{d.Name}({arg.Name}:)\" is deprecated. {reason}", a);
        else if (Context.FieldDef is { } fd && Context.ParentType is { } p) Report($"The argument \"{p.Name}.{fd.Name}({arg.Name}:)\" is deprecated. {reason}", a);
    }

    public override void EnterObjectField(ObjectFieldNode f)
    {
        if (Context.ParentInputType?.Named is InputObjectType io && io.Fields.TryGetValue(f.Name.Value, out var def) && def.DeprecationReason is { } reason)
            Report($"The input field {io.Name}.{def.Name} is deprecated. {reason}", f);
    }

    public override void EnterValue(ValueNode v)
    {
        if (v is EnumValueNode && Context.EnumValue is { DeprecationReason: { } reason } ev && Context.InputType?.Named is EnumType et)
            Report($"The enum value \"{et.Name}.{ev.Name}\" is deprecated. {reason}", v);
    }
}

internal static class Suggestions
{
    /// <summary>graphql-js suggestionList: options within a lexical distance threshold, closest first.</summary>
    public static IEnumerable<string> List(string input, IEnumerable<string> options)
    {
        var threshold = (int)Math.Floor(input.Length * 0.4) + 1;
        var lower = input.ToLowerInvariant();
        return options
            .Select(o => (o, d: Distance(lower, input, o)))
            .Where(x => x.d <= threshold)
            .OrderBy(x => x.d).ThenBy(x => x.o, StringComparer.Ordinal)
            .Select(x => x.o)
            .ToList();
    }

    private static int Distance(string lowerA, string a, string b)
    {
        if (a == b) return 0;
        var lb = b.ToLowerInvariant();
        if (lowerA == lb) return 1;
        var s = lowerA; var t = lb;
        if (Math.Abs(s.Length - t.Length) > 8) return int.MaxValue;
        var rows = new int[s.Length + 1, t.Length + 1];
        for (var i = 0; i <= s.Length; i++) rows[i, 0] = i;
        for (var j = 0; j <= t.Length; j++) rows[0, j] = j;
        for (var i = 1; i <= s.Length; i++)
            for (var j = 1; j <= t.Length; j++)
            {
                var cost = s[i - 1] == t[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(rows[i - 1, j] + 1, rows[i, j - 1] + 1), rows[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1]) v = Math.Min(v, rows[i - 2, j - 2] + 1);
                rows[i, j] = v;
            }
        return rows[s.Length, t.Length];
    }
}
