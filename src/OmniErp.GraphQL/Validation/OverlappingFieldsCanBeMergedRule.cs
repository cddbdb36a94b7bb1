using OmniErp.GraphQL.Language;
using OmniErp.GraphQL.Types;

namespace OmniErp.GraphQL.Validation;

/// <summary>
/// Field Selection Merging (spec 5.3.2), graphql-js algorithm with its memoization (fragment pairs and
/// field-map/fragment pairs), plus protection against hostile repetition (CVE-2023-26144 class): when one response
/// name collects many fields, structurally identical fields are compared once (hash-consed structure ids).
/// </summary>
internal sealed class OverlappingFieldsCanBeMergedRule(ValidationContext c) : ValidationRule(c, "OverlappingFieldsCanBeMerged")
{
    private const int DedupeThreshold = 8;

    private sealed record FieldEntry(NamedType? ParentType, FieldNode Node, FieldDef? Def);

    private sealed class FieldMap
    {
        public readonly Dictionary<string, List<FieldEntry>> Map = new(StringComparer.Ordinal);
        public readonly List<string> Order = [];
        public void Add(string name, FieldEntry e)
        {
            if (!Map.TryGetValue(name, out var list)) { Map[name] = list = []; Order.Add(name); }
            list.Add(e);
        }
    }

    private sealed record Conflict(string ResponseName, object Reason, List<FieldNode> Fields1, List<FieldNode> Fields2);

    private readonly Dictionary<SelectionSetNode, (FieldMap Fields, List<string> Fragments)> _cache = [];
    private readonly Dictionary<(string, string), bool> _comparedFragments = [];
    private readonly Dictionary<(FieldMap, string), bool> _comparedFieldsAndFragments = new(new FieldMapKeyComparer());
    private readonly Dictionary<SyntaxNode, int> _structureIds = [];
    private readonly Dictionary<string, int> _interned = new(StringComparer.Ordinal);

    public override void EnterSelectionSet(SelectionSetNode s)
    {
        var conflicts = new List<Conflict>();
        var (fieldMap, fragmentNames) = GetFieldsAndFragmentNames(Context.ParentType, s);
        CollectConflictsWithin(conflicts, fieldMap);
        for (var i = 0; i < fragmentNames.Count; i++)
        {
            CollectConflictsBetweenFieldsAndFragment(conflicts, false, fieldMap, fragmentNames[i]);
            for (var j = i + 1; j < fragmentNames.Count; j++)
                CollectConflictsBetweenFragments(conflicts, false, fragmentNames[i], fragmentNames[j]);
        }
        foreach (var conflict in conflicts)
            Report($"Fields \"{conflict.ResponseName}\" conflict because {ReasonMessage(conflict.Reason)}. Use different aliases on the fields to fetch both if this was intentional.",
                conflict.Fields1.Concat(conflict.Fields2).ToArray<SyntaxNode>());
    }

    private static string ReasonMessage(object reason) => reason is List<(string Name, object Reason)> subs
        ? string.Join(" and ", subs.Select(s => $"subfields \"{s.Name}\" conflict because {ReasonMessage(s.Reason)}"))
        : (string)reason;

    private bool PairSeen(string a, string b, bool mutuallyExclusive)
    {
        var key = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
        if (!_comparedFragments.TryGetValue(key, out var stored)) return false;
        return mutuallyExclusive || stored == mutuallyExclusive;
    }

    private void PairAdd(string a, string b, bool mutuallyExclusive)
    {
        var key = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
        _comparedFragments[key] = mutuallyExclusive;
    }

    private void CollectConflictsBetweenFieldsAndFragment(List<Conflict> conflicts, bool mutuallyExclusive, FieldMap fieldMap, string fragmentName)
    {
        if (_comparedFieldsAndFragments.TryGetValue((fieldMap, fragmentName), out var stored) && (mutuallyExclusive || stored == mutuallyExclusive)) return;
        _comparedFieldsAndFragments[(fieldMap, fragmentName)] = mutuallyExclusive;
        if (Context.GetFragment(fragmentName) is not { } fragment) return;
        var (fieldMap2, referenced) = GetReferencedFieldsAndFragmentNames(fragment);
        if (ReferenceEquals(fieldMap, fieldMap2)) return;
        CollectConflictsBetween(conflicts, mutuallyExclusive, fieldMap, fieldMap2);
        foreach (var r in referenced) CollectConflictsBetweenFieldsAndFragment(conflicts, mutuallyExclusive, fieldMap, r);
    }

    private void CollectConflictsBetweenFragments(List<Conflict> conflicts, bool mutuallyExclusive, string name1, string name2)
    {
        if (name1 == name2) return;
        if (PairSeen(name1, name2, mutuallyExclusive)) return;
        PairAdd(name1, name2, mutuallyExclusive);
        if (Context.GetFragment(name1) is not { } f1 || Context.GetFragment(name2) is not { } f2) return;
        var (map1, refs1) = GetReferencedFieldsAndFragmentNames(f1);
        var (map2, refs2) = GetReferencedFieldsAndFragmentNames(f2);
        CollectConflictsBetween(conflicts, mutuallyExclusive, map1, map2);
        foreach (var r2 in refs2) CollectConflictsBetweenFragments(conflicts, mutuallyExclusive, name1, r2);
        foreach (var r1 in refs1) CollectConflictsBetweenFragments(conflicts, mutuallyExclusive, r1, name2);
    }

    private List<Conflict> FindConflictsBetweenSubSelectionSets(bool mutuallyExclusive, NamedType? parent1, SelectionSetNode set1, NamedType? parent2, SelectionSetNode set2)
    {
        var conflicts = new List<Conflict>();
        var (map1, frags1) = GetFieldsAndFragmentNames(parent1, set1);
        var (map2, frags2) = GetFieldsAndFragmentNames(parent2, set2);
        CollectConflictsBetween(conflicts, mutuallyExclusive, map1, map2);
        foreach (var f2 in frags2) CollectConflictsBetweenFieldsAndFragment(conflicts, mutuallyExclusive, map1, f2);
        foreach (var f1 in frags1) CollectConflictsBetweenFieldsAndFragment(conflicts, mutuallyExclusive, map2, f1);
        foreach (var f1 in frags1)
            foreach (var f2 in frags2)
                CollectConflictsBetweenFragments(conflicts, mutuallyExclusive, f1, f2);
        return conflicts;
    }

    private void CollectConflictsWithin(List<Conflict> conflicts, FieldMap fieldMap)
    {
        foreach (var name in fieldMap.Order)
        {
            var fields = Distinct(fieldMap.Map[name]);
            for (var i = 0; i < fields.Count; i++)
                for (var j = i + 1; j < fields.Count; j++)
                    if (FindConflict(false, name, fields[i], fields[j]) is { } conflict) conflicts.Add(conflict);
        }
    }

    private void CollectConflictsBetween(List<Conflict> conflicts, bool mutuallyExclusive, FieldMap map1, FieldMap map2)
    {
        foreach (var name in map1.Order)
        {
            if (!map2.Map.TryGetValue(name, out var fields2)) continue;
            var d1 = Distinct(map1.Map[name]);
            var d2 = Distinct(fields2);
            foreach (var f1 in d1)
                foreach (var f2 in d2)
                    if (FindConflict(mutuallyExclusive, name, f1, f2) is { } conflict) conflicts.Add(conflict);
        }
    }

    /// <summary>Hostile documents repeat the same field many times; identical fields need comparing only once.</summary>
    private List<FieldEntry> Distinct(List<FieldEntry> fields)
    {
        if (fields.Count <= DedupeThreshold) return fields;
        var seen = new HashSet<(NamedType?, int)>();
        var result = new List<FieldEntry>();
        foreach (var f in fields)
            if (seen.Add((f.ParentType, StructureId(f.Node)))) result.Add(f);
        return result;
    }

    private Conflict? FindConflict(bool parentsMutuallyExclusive, string responseName, FieldEntry f1, FieldEntry f2)
    {
        var mutuallyExclusive = parentsMutuallyExclusive
            || (!ReferenceEquals(f1.ParentType, f2.ParentType) && f1.ParentType is ObjectType && f2.ParentType is ObjectType);
        var node1 = f1.Node;
        var node2 = f2.Node;
        if (!mutuallyExclusive)
        {
            if (node1.Name.Value != node2.Name.Value)
                return new Conflict(responseName, $"\"{node1.Name.Value}\" and \"{node2.Name.Value}\" are different fields", [node1], [node2]);
            if (!SameArguments(node1.Arguments, node2.Arguments))
                return new Conflict(responseName, "they have differing arguments", [node1], [node2]);
        }
        var type1 = f1.Def?.Type;
        var type2 = f2.Def?.Type;
        if (type1 is not null && type2 is not null && DoTypesConflict(type1, type2))
            return new Conflict(responseName, $"they return conflicting types \"{type1}\" and \"{type2}\"", [node1], [node2]);
        if (node1.SelectionSet is { } s1 && node2.SelectionSet is { } s2)
        {
            var subs = FindConflictsBetweenSubSelectionSets(mutuallyExclusive, type1?.Named, s1, type2?.Named, s2);
            if (subs.Count > 0)
                return new Conflict(responseName, subs.Select(c => (c.ResponseName, c.Reason)).ToList(),
                    [node1, .. subs.SelectMany(c => c.Fields1)], [node2, .. subs.SelectMany(c => c.Fields2)]);
        }
        return null;
    }

    private static bool SameArguments(IReadOnlyList<ArgumentNode> a1, IReadOnlyList<ArgumentNode> a2)
    {
        if (a1.Count != a2.Count) return false;
        foreach (var arg1 in a1)
        {
            var arg2 = a2.FirstOrDefault(a => a.Name.Value == arg1.Name.Value);
            if (arg2 is null || Stringify(arg1.Value) != Stringify(arg2.Value)) return false;
        }
        return true;
    }

    private static string Stringify(ValueNode v) => v switch
    {
        ObjectValueNode o => "{" + string.Join(",", o.Fields.OrderBy(f => f.Name.Value, StringComparer.Ordinal).Select(f => f.Name.Value + ":" + Stringify(f.Value))) + "}",
        ListValueNode l => "[" + string.Join(",", l.Values.Select(Stringify)) + "]",
        _ => Printer.PrintValue(v),
    };

    private static bool DoTypesConflict(GType t1, GType t2)
    {
        if (t1 is ListType l1) return t2 is not ListType l2 || DoTypesConflict(l1.OfType, l2.OfType);
        if (t2 is ListType) return true;
        if (t1 is NonNullType n1) return t2 is not NonNullType n2 || DoTypesConflict(n1.OfType, n2.OfType);
        if (t2 is NonNullType) return true;
        if (t1.IsLeaf || t2.IsLeaf) return !ReferenceEquals(t1, t2);
        return false;
    }

    private (FieldMap, List<string>) GetFieldsAndFragmentNames(NamedType? parentType, SelectionSetNode set)
    {
        if (_cache.TryGetValue(set, out var cached)) return cached;
        var map = new FieldMap();
        var fragments = new List<string>();
        var fragmentSet = new HashSet<string>();
        Collect(parentType, set, map, fragments, fragmentSet);
        _cache[set] = (map, fragments);
        return (map, fragments);
    }

    private (FieldMap, List<string>) GetReferencedFieldsAndFragmentNames(FragmentDefinitionNode fragment)
    {
        if (_cache.TryGetValue(fragment.SelectionSet, out var cached)) return cached;
        return GetFieldsAndFragmentNames(Context.TypeFromAst(fragment.TypeCondition) as NamedType, fragment.SelectionSet);
    }

    private void Collect(NamedType? parentType, SelectionSetNode set, FieldMap map, List<string> fragments, HashSet<string> fragmentSet)
    {
        foreach (var sel in set.Selections)
        {
            switch (sel)
            {
                case FieldNode f:
                    var def = parentType is IFieldsContainer fc && fc.Fields.TryGetValue(f.Name.Value, out var fd) ? fd : null;
                    map.Add(f.ResponseName, new FieldEntry(parentType, f, def));
                    break;
                case FragmentSpreadNode s:
                    if (fragmentSet.Add(s.Name.Value)) fragments.Add(s.Name.Value);
                    break;
                case InlineFragmentNode i:
                    var t = i.TypeCondition is null ? parentType : Context.TypeFromAst(i.TypeCondition) as NamedType;
                    Collect(t, i.SelectionSet, map, fragments, fragmentSet);
                    break;
            }
        }
    }

    /// <summary>Hash-consed structural identity of a selection (linear in document size).</summary>
    private int StructureId(SyntaxNode node)
    {
        if (_structureIds.TryGetValue(node, out var id)) return id;
        var key = node switch
        {
            FieldNode f => "F" + f.Alias?.Value + ":" + f.Name.Value + "(" + string.Join(",", f.Arguments.Select(a => a.Name.Value + ":" + Stringify(a.Value))) + ")"
                + Directives(f.Directives) + (f.SelectionSet is null ? "" : "{" + StructureId(f.SelectionSet) + "}"),
            SelectionSetNode s => "S" + string.Join(",", s.Selections.Select(StructureId)),
            InlineFragmentNode i => "I" + i.TypeCondition?.Name.Value + Directives(i.Directives) + "{" + StructureId(i.SelectionSet) + "}",
            FragmentSpreadNode s => "R" + s.Name.Value + Directives(s.Directives),
            _ => "?",
        };
        if (!_interned.TryGetValue(key, out id)) _interned[key] = id = _interned.Count;
        _structureIds[node] = id;
        return id;
    }

    private static string Directives(IReadOnlyList<DirectiveNode> ds) =>
        ds.Count == 0 ? "" : string.Concat(ds.Select(d => "@" + d.Name.Value + "(" + string.Join(",", d.Arguments.Select(a => a.Name.Value + ":" + Stringify(a.Value))) + ")"));

    private sealed class FieldMapKeyComparer : IEqualityComparer<(FieldMap, string)>
    {
        public bool Equals((FieldMap, string) x, (FieldMap, string) y) => ReferenceEquals(x.Item1, y.Item1) && x.Item2 == y.Item2;
        public int GetHashCode((FieldMap, string) obj) => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item1), obj.Item2);
    }
}
