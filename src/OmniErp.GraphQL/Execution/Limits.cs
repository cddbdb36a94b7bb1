using OmniErp.GraphQL.Language;
using OmniErp.GraphQL.Types;

namespace OmniErp.GraphQL.Execution;

/// <summary>Depth, alias, root-field and cost measures of a validated document (fragments memoized: linear time).</summary>
internal static class Limits
{
    public static int Depth(DocumentNode doc)
    {
        var frags = doc.Definitions.OfType<FragmentDefinitionNode>().GroupBy(f => f.Name.Value).ToDictionary(g => g.Key, g => g.First());
        var memo = new Dictionary<string, int>();
        int SetDepth(SelectionSetNode? set, HashSet<string> stack)
        {
            if (set is null) return 0;
            var max = 0;
            foreach (var sel in set.Selections)
            {
                var d = sel switch
                {
                    FieldNode f => f.SelectionSet is null ? 1 : 1 + SetDepth(f.SelectionSet, stack),
                    InlineFragmentNode i => SetDepth(i.SelectionSet, stack),
                    FragmentSpreadNode s => FragDepth(s.Name.Value, stack),
                    _ => 0,
                };
                if (d > max) max = d;
            }
            return max;
        }
        int FragDepth(string name, HashSet<string> stack)
        {
            if (memo.TryGetValue(name, out var d)) return d;
            if (!frags.TryGetValue(name, out var f) || !stack.Add(name)) return 0;
            d = SetDepth(f.SelectionSet, stack);
            stack.Remove(name);
            memo[name] = d;
            return d;
        }
        return doc.Definitions.OfType<OperationDefinitionNode>().Select(o => SetDepth(o.SelectionSet, [])).DefaultIfEmpty(0).Max();
    }

    public static int AliasCount(DocumentNode doc)
    {
        var count = 0;
        void Walk(SelectionSetNode? set)
        {
            if (set is null) return;
            foreach (var sel in set.Selections)
                switch (sel)
                {
                    case FieldNode f: if (f.Alias is not null) count++; Walk(f.SelectionSet); break;
                    case InlineFragmentNode i: Walk(i.SelectionSet); break;
                }
        }
        foreach (var d in doc.Definitions)
            if (d is OperationDefinitionNode o) Walk(o.SelectionSet);
            else if (d is FragmentDefinitionNode f) Walk(f.SelectionSet);
        return count;
    }

    /// <summary>Distinct root response names (what executes after field merging).</summary>
    public static int RootFieldCount(Schema schema, OperationDefinitionNode op, IReadOnlyDictionary<string, FragmentDefinitionNode> frags)
    {
        var visited = new HashSet<string>();
        var names = new HashSet<string>();
        void Collect(SelectionSetNode set)
        {
            foreach (var sel in set.Selections)
                switch (sel)
                {
                    case FieldNode f: names.Add(f.ResponseName); break;
                    case InlineFragmentNode i: Collect(i.SelectionSet); break;
                    case FragmentSpreadNode s when visited.Add(s.Name.Value) && frags.TryGetValue(s.Name.Value, out var fd): Collect(fd.SelectionSet); break;
                }
        }
        Collect(op.SelectionSet);
        return names.Count;
    }

    public static bool HasVariableDirectives(DocumentNode doc)
    {
        bool InSet(SelectionSetNode? set) => set is not null && set.Selections.Any(sel =>
            sel.Directives.Any(d => d.Name.Value is "skip" or "include" && d.Arguments.Any(a => Planner.ContainsVariable(a.Value)))
            || sel switch { FieldNode f => InSet(f.SelectionSet), InlineFragmentNode i => InSet(i.SelectionSet), _ => false });
        return doc.Definitions.Any(d => d switch
        {
            OperationDefinitionNode o => InSet(o.SelectionSet),
            FragmentDefinitionNode f => InSet(f.SelectionSet),
            _ => false,
        });
    }

    /// <summary>Estimated cost: each field's weight plus its children's cost times the list size.</summary>
    public static long Cost(Schema schema, DocumentNode doc, OperationDefinitionNode op, IReadOnlyDictionary<string, object?> variables,
        int defaultListSize, IReadOnlyDictionary<string, FragmentDefinitionNode> frags)
    {
        var memo = new Dictionary<string, long>();
        long SetCost(NamedType parent, SelectionSetNode? set, HashSet<string> stack)
        {
            if (set is null) return 0;
            long total = 0;
            foreach (var sel in set.Selections)
            {
                switch (sel)
                {
                    case FieldNode f:
                    {
                        var def = schema.GetFieldDef(parent, f.Name.Value);
                        if (def is null || def.IsIntrospection) continue;
                        var nullable = def.Type.Nullable;
                        var weight = def.Cost ?? (def.Type.IsLeaf && nullable is not ListType ? 0 : 1);
                        long multiplier = 1;
                        if (nullable is ListType)
                        {
                            multiplier = defaultListSize;
                            foreach (var a in f.Arguments)
                                if (a.Name.Value is "first" or "last")
                                {
                                    var v = a.Value is VariableNode vn ? variables.GetValueOrDefault(vn.Name.Value) : a.Value is IntValueNode iv ? long.Parse(iv.Value, System.Globalization.CultureInfo.InvariantCulture) : null;
                                    if (v is int i) multiplier = i; else if (v is long l) multiplier = l;
                                }
                            if (multiplier < 1) multiplier = 1;
                        }
                        total = Sat(total + weight + Sat(multiplier * SetCost(def.Type.Named, f.SelectionSet, stack)));
                        break;
                    }
                    case InlineFragmentNode i:
                        total = Sat(total + SetCost(i.TypeCondition is null ? parent : schema.GetType(i.TypeCondition.Name.Value) ?? parent, i.SelectionSet, stack));
                        break;
                    case FragmentSpreadNode s when frags.TryGetValue(s.Name.Value, out var fd):
                        if (!memo.TryGetValue(s.Name.Value, out var c))
                        {
                            if (!stack.Add(s.Name.Value)) break;
                            c = SetCost(schema.GetType(fd.TypeCondition.Name.Value) ?? parent, fd.SelectionSet, stack);
                            stack.Remove(s.Name.Value);
                            memo[s.Name.Value] = c;
                        }
                        total = Sat(total + c);
                        break;
                }
            }
            return total;
        }
        return SetCost(schema.RootType(op.Operation) ?? schema.Query, op.SelectionSet, []);
    }

    private static long Sat(long v) => v is < 0 or > 1L << 50 ? 1L << 50 : v;
}
