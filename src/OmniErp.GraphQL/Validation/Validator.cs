using OmniErp.GraphQL.Execution;
using OmniErp.GraphQL.Language;
using OmniErp.GraphQL.Types;

namespace OmniErp.GraphQL.Validation;

internal sealed record ValidationError(string Rule, string Message, SourceLocation[] Locations);

internal sealed class ValidationSettings
{
    public int MaxErrors { get; init; } = 100;
    public bool Suggestions { get; init; } = true;
    public bool Introspection { get; init; } = true;
    public bool LimitIntrospectionDepth { get; init; } = true;
    /// <summary>Run only these rules (conformance tests); null = the spec rules plus the enabled optional ones.</summary>
    public IReadOnlyCollection<string>? OnlyRules { get; init; }
}

internal sealed class ValidationAbortedException : Exception;

/// <summary>Runs the spec section 5 rules (graphql-js names and semantics) in one pass over the document.</summary>
internal static class Validator
{
    public static readonly string[] SpecRules =
    [
        "ExecutableDefinitions", "UniqueOperationNames", "LoneAnonymousOperation", "SingleFieldSubscriptions", "KnownTypeNames",
        "FragmentsOnCompositeTypes", "VariablesAreInputTypes", "ScalarLeafs", "FieldsOnCorrectType", "UniqueFragmentNames",
        "KnownFragmentNames", "NoUnusedFragments", "PossibleFragmentSpreads", "NoFragmentCycles", "UniqueVariableNames",
        "NoUndefinedVariables", "NoUnusedVariables", "KnownDirectives", "UniqueDirectivesPerLocation", "KnownArgumentNames",
        "UniqueArgumentNames", "ValuesOfCorrectType", "ProvidedRequiredArguments", "VariablesInAllowedPosition",
        "OverlappingFieldsCanBeMerged", "UniqueInputFieldNames", "KnownOperationTypes",
    ];

    public static readonly string[] OptionalRules = ["MaxIntrospectionDepth", "NoSchemaIntrospectionCustom", "NoDeprecatedCustom"];

    public static List<ValidationError> Validate(Schema schema, DocumentNode document, ValidationSettings settings)
    {
        var ctx = new ValidationContext(schema, document, settings);
        var rules = new List<ValidationRule>();
        void Add(ValidationRule r)
        {
            if (settings.OnlyRules is null || settings.OnlyRules.Contains(r.Name)) rules.Add(r);
        }
        Add(new ExecutableDefinitionsRule(ctx));
        Add(new UniqueOperationNamesRule(ctx));
        Add(new LoneAnonymousOperationRule(ctx));
        Add(new KnownOperationTypesRule(ctx));
        Add(new SingleFieldSubscriptionsRule(ctx));
        Add(new KnownTypeNamesRule(ctx));
        Add(new FragmentsOnCompositeTypesRule(ctx));
        Add(new VariablesAreInputTypesRule(ctx));
        Add(new ScalarLeafsRule(ctx));
        Add(new FieldsOnCorrectTypeRule(ctx));
        Add(new UniqueFragmentNamesRule(ctx));
        Add(new KnownFragmentNamesRule(ctx));
        Add(new NoUnusedFragmentsRule(ctx));
        Add(new PossibleFragmentSpreadsRule(ctx));
        Add(new NoFragmentCyclesRule(ctx));
        Add(new UniqueVariableNamesRule(ctx));
        Add(new NoUndefinedVariablesRule(ctx));
        Add(new NoUnusedVariablesRule(ctx));
        Add(new KnownDirectivesRule(ctx));
        Add(new UniqueDirectivesPerLocationRule(ctx));
        Add(new KnownArgumentNamesRule(ctx));
        Add(new UniqueArgumentNamesRule(ctx));
        Add(new ValuesOfCorrectTypeRule(ctx));
        Add(new ProvidedRequiredArgumentsRule(ctx));
        Add(new VariablesInAllowedPositionRule(ctx));
        Add(new OverlappingFieldsCanBeMergedRule(ctx));
        Add(new UniqueInputFieldNamesRule(ctx));
        if (settings.OnlyRules is not null || settings.LimitIntrospectionDepth) Add(new MaxIntrospectionDepthRule(ctx));
        if (settings.OnlyRules is not null || !settings.Introspection) Add(new NoSchemaIntrospectionCustomRule(ctx));
        if (settings.OnlyRules is not null) Add(new NoDeprecatedCustomRule(ctx));
        try
        {
            new Walker(ctx, [.. rules]).Walk();
        }
        catch (ValidationAbortedException)
        {
            ctx.Errors.Add(new ValidationError("MaxErrors", "Too many validation errors, error limit reached. Validation aborted.", []));
        }
        return ctx.Errors;
    }
}

/// <summary>Shared state: schema, fragments, errors and the TypeInfo stacks (as in graphql-js TypeInfo).</summary>
internal sealed class ValidationContext
{
    public ValidationContext(Schema schema, DocumentNode document, ValidationSettings settings)
    {
        Schema = schema;
        Document = document;
        Settings = settings;
        foreach (var d in document.Definitions)
            if (d is FragmentDefinitionNode f) Fragments.TryAdd(f.Name.Value, f);
    }

    public Schema Schema { get; }
    public DocumentNode Document { get; }
    public ValidationSettings Settings { get; }
    public Dictionary<string, FragmentDefinitionNode> Fragments { get; } = new(StringComparer.Ordinal);
    public List<ValidationError> Errors { get; } = [];

    // TypeInfo
    public readonly List<GType?> TypeStack = [];
    public readonly List<CompositeType?> ParentTypeStack = [];
    public readonly List<GType?> InputTypeStack = [];
    public readonly List<FieldDef?> FieldDefStack = [];
    public readonly List<InputValueDef?> DefaultValueStack = [];
    public DirectiveDef? Directive;
    public InputValueDef? Argument;
    public EnumValueDef? EnumValue;
    public bool InDirective;

    public GType? Type => TypeStack.Count > 0 ? TypeStack[^1] : null;
    public CompositeType? ParentType => ParentTypeStack.Count > 0 ? ParentTypeStack[^1] : null;
    public GType? InputType => InputTypeStack.Count > 0 ? InputTypeStack[^1] : null;
    public GType? ParentInputType => InputTypeStack.Count > 1 ? InputTypeStack[^2] : null;
    public FieldDef? FieldDef => FieldDefStack.Count > 0 ? FieldDefStack[^1] : null;
    /// <summary>The definition whose default applies at the current input position (null = no default).</summary>
    public InputValueDef? DefaultValueOwner => DefaultValueStack.Count > 0 ? DefaultValueStack[^1] : null;

    public void Report(string rule, string message, params SyntaxNode[] nodes) => Report(rule, message, nodes.Select(n => n.Location).ToArray());

    public void Report(string rule, string message, SourceLocation[] locations)
    {
        if (Errors.Count >= Settings.MaxErrors) throw new ValidationAbortedException();
        Errors.Add(new ValidationError(rule, message, locations));
    }

    public FragmentDefinitionNode? GetFragment(string name) => Fragments.GetValueOrDefault(name);

    public GType? TypeFromAst(TypeNode node) => Variables.TypeFromAst(Schema, node);

    private readonly Dictionary<SelectionSetNode, List<FragmentSpreadNode>> _spreads = [];

    /// <summary>Fragment spreads directly in a selection set (through fields and inline fragments), graphql-js order.</summary>
    public List<FragmentSpreadNode> GetFragmentSpreads(SelectionSetNode node)
    {
        if (_spreads.TryGetValue(node, out var spreads)) return spreads;
        spreads = [];
        var stack = new Stack<SelectionSetNode>();
        stack.Push(node);
        while (stack.TryPop(out var set))
            foreach (var sel in set.Selections)
            {
                if (sel is FragmentSpreadNode s) spreads.Add(s);
                else if (sel is FieldNode { SelectionSet: { } fs }) stack.Push(fs);
                else if (sel is InlineFragmentNode i) stack.Push(i.SelectionSet);
            }
        _spreads[node] = spreads;
        return spreads;
    }

    private readonly Dictionary<OperationDefinitionNode, List<FragmentDefinitionNode>> _recursive = [];

    public List<FragmentDefinitionNode> GetRecursivelyReferencedFragments(OperationDefinitionNode op)
    {
        if (_recursive.TryGetValue(op, out var frags)) return frags;
        frags = [];
        var collected = new HashSet<string>();
        var stack = new Stack<SelectionSetNode>();
        stack.Push(op.SelectionSet);
        while (stack.TryPop(out var set))
            foreach (var spread in GetFragmentSpreads(set))
                if (collected.Add(spread.Name.Value) && GetFragment(spread.Name.Value) is { } f)
                {
                    frags.Add(f);
                    stack.Push(f.SelectionSet);
                }
        _recursive[op] = frags;
        return frags;
    }

    /// <summary>Variable usages per executable definition, recorded during the walk.</summary>
    public Dictionary<DefinitionNode, List<VariableUsage>> Usages { get; } = [];

    public IEnumerable<VariableUsage> GetRecursiveVariableUsages(OperationDefinitionNode op)
    {
        foreach (var u in Usages.GetValueOrDefault(op) ?? []) yield return u;
        foreach (var f in GetRecursivelyReferencedFragments(op))
            foreach (var u in Usages.GetValueOrDefault(f) ?? []) yield return u;
    }

    public string DidYouMean(IEnumerable<string> suggestions, string? subMessage = null)
    {
        if (!Settings.Suggestions) return "";
        var list = suggestions.Take(5).Select(s => $"\"{s}\"").ToList();
        if (list.Count == 0) return "";
        var message = subMessage is null ? " Did you mean " : $" Did you mean {subMessage} ";
        return list.Count switch
        {
            1 => message + list[0] + "?",
            2 => message + list[0] + " or " + list[1] + "?",
            _ => message + string.Join(", ", list.Take(list.Count - 1)) + ", or " + list[^1] + "?",
        };
    }
}

internal readonly record struct VariableUsage(VariableNode Node, GType? Type, bool HasLocationDefault, GType? ParentInputType);

/// <summary>Depth-first traversal keeping TypeInfo up to date and calling every rule.</summary>
internal sealed class Walker(ValidationContext ctx, ValidationRule[] rules)
{
    private List<VariableUsage>? _usages;

    public void Walk()
    {
        foreach (var r in rules) r.EnterDocument();
        foreach (var def in ctx.Document.Definitions)
        {
            switch (def)
            {
                case OperationDefinitionNode op: WalkOperation(op); break;
                case FragmentDefinitionNode f: WalkFragment(f); break;
            }
        }
        foreach (var r in rules) r.LeaveDocument();
    }

    private void WalkOperation(OperationDefinitionNode op)
    {
        _usages = ctx.Usages[op] = [];
        var root = ctx.Schema.RootType(op.Operation);
        ctx.TypeStack.Add(root);
        foreach (var r in rules) r.EnterOperation(op);
        foreach (var v in op.VariableDefinitions) WalkVariableDefinition(v);
        WalkDirectives(op.Directives, op.Operation switch
        {
            OperationType.Query => DirectiveLocation.Query, OperationType.Mutation => DirectiveLocation.Mutation, _ => DirectiveLocation.Subscription,
        }, op);
        WalkSelectionSet(op.SelectionSet);
        foreach (var r in rules) r.LeaveOperation(op);
        ctx.TypeStack.RemoveAt(ctx.TypeStack.Count - 1);
    }

    private void WalkFragment(FragmentDefinitionNode f)
    {
        _usages = ctx.Usages[f] = [];
        var type = ctx.TypeFromAst(f.TypeCondition);
        ctx.TypeStack.Add(type is { IsOutputType: true } ? type : null);
        foreach (var r in rules) r.EnterFragmentDefinition(f);
        WalkNamedType(f.TypeCondition);
        WalkDirectives(f.Directives, DirectiveLocation.FragmentDefinition, f);
        WalkSelectionSet(f.SelectionSet);
        foreach (var r in rules) r.LeaveFragmentDefinition(f);
        ctx.TypeStack.RemoveAt(ctx.TypeStack.Count - 1);
    }

    private void WalkVariableDefinition(VariableDefinitionNode v)
    {
        var type = ctx.TypeFromAst(v.Type);
        ctx.InputTypeStack.Add(type is { IsInputType: true } ? type : null);
        foreach (var r in rules) r.EnterVariableDefinition(v);
        WalkNamedType(Innermost(v.Type));
        if (v.DefaultValue is not null)
        {
            ctx.DefaultValueStack.Add(null);
            var saved = _usages;
            _usages = null; // variables inside default values are not usages
            WalkValue(v.DefaultValue);
            _usages = saved;
            ctx.DefaultValueStack.RemoveAt(ctx.DefaultValueStack.Count - 1);
        }
        WalkDirectives(v.Directives, DirectiveLocation.VariableDefinition, v);
        ctx.InputTypeStack.RemoveAt(ctx.InputTypeStack.Count - 1);
    }

    private static NamedTypeNode Innermost(TypeNode t) => t switch
    {
        NamedTypeNode n => n,
        ListTypeNode l => Innermost(l.Type),
        NonNullTypeNode nn => Innermost(nn.Type),
        _ => throw new InvalidOperationException(),
    };

    private void WalkNamedType(NamedTypeNode n)
    {
        foreach (var r in rules) r.EnterNamedType(n);
    }

    private void WalkSelectionSet(SelectionSetNode set)
    {
        var named = ctx.Type?.Named;
        ctx.ParentTypeStack.Add(named as CompositeType);
        foreach (var r in rules) r.EnterSelectionSet(set);
        foreach (var sel in set.Selections)
        {
            switch (sel)
            {
                case FieldNode f: WalkField(f); break;
                case InlineFragmentNode i: WalkInlineFragment(i); break;
                case FragmentSpreadNode s:
                    foreach (var r in rules) r.EnterFragmentSpread(s);
                    WalkDirectives(s.Directives, DirectiveLocation.FragmentSpread, s);
                    break;
            }
        }
        foreach (var r in rules) r.LeaveSelectionSet(set);
        ctx.ParentTypeStack.RemoveAt(ctx.ParentTypeStack.Count - 1);
    }

    private void WalkField(FieldNode f)
    {
        var parent = ctx.ParentType;
        var def = parent is null ? null : ctx.Schema.GetFieldDef(parent, f.Name.Value);
        ctx.FieldDefStack.Add(def);
        ctx.TypeStack.Add(def?.Type is { IsOutputType: true } t ? t : null);
        foreach (var r in rules) r.EnterField(f);
        foreach (var a in f.Arguments) WalkArgument(a, def?.Arguments);
        WalkDirectives(f.Directives, DirectiveLocation.Field, f);
        if (f.SelectionSet is not null) WalkSelectionSet(f.SelectionSet);
        foreach (var r in rules) r.LeaveField(f);
        ctx.TypeStack.RemoveAt(ctx.TypeStack.Count - 1);
        ctx.FieldDefStack.RemoveAt(ctx.FieldDefStack.Count - 1);
    }

    private void WalkInlineFragment(InlineFragmentNode i)
    {
        var type = i.TypeCondition is not null ? ctx.TypeFromAst(i.TypeCondition) : ctx.Type?.Named;
        ctx.TypeStack.Add(type is { IsOutputType: true } ? type : null);
        foreach (var r in rules) r.EnterInlineFragment(i);
        if (i.TypeCondition is not null) WalkNamedType(i.TypeCondition);
        WalkDirectives(i.Directives, DirectiveLocation.InlineFragment, i);
        WalkSelectionSet(i.SelectionSet);
        foreach (var r in rules) r.LeaveInlineFragment(i);
        ctx.TypeStack.RemoveAt(ctx.TypeStack.Count - 1);
    }

    private void WalkDirectives(IReadOnlyList<DirectiveNode> directives, DirectiveLocation location, SyntaxNode owner)
    {
        foreach (var r in rules) r.EnterDirectives(directives, owner);
        foreach (var d in directives)
        {
            ctx.Directive = ctx.Schema.Directives.GetValueOrDefault(d.Name.Value);
            ctx.InDirective = true;
            foreach (var r in rules) r.EnterDirective(d, location);
            foreach (var a in d.Arguments) WalkArgument(a, ctx.Directive?.Arguments);
            foreach (var r in rules) r.LeaveDirective(d);
            ctx.Directive = null;
            ctx.InDirective = false;
        }
    }

    private void WalkArgument(ArgumentNode a, OrderedMap<InputValueDef>? defs)
    {
        var def = defs is not null && defs.TryGetValue(a.Name.Value, out var d) ? d : null;
        ctx.Argument = def;
        ctx.DefaultValueStack.Add(def is { HasDefault: true } ? def : null);
        ctx.InputTypeStack.Add(def?.Type is { IsInputType: true } t ? t : null);
        foreach (var r in rules) r.EnterArgument(a);
        WalkValue(a.Value);
        ctx.InputTypeStack.RemoveAt(ctx.InputTypeStack.Count - 1);
        ctx.DefaultValueStack.RemoveAt(ctx.DefaultValueStack.Count - 1);
        ctx.Argument = null;
    }

    private void WalkValue(ValueNode v)
    {
        switch (v)
        {
            case ListValueNode list:
            {
                var listType = ctx.InputType?.Nullable;
                var itemType = listType is ListType lt ? lt.OfType : listType;
                ctx.DefaultValueStack.Add(null);
                ctx.InputTypeStack.Add(itemType is { IsInputType: true } ? itemType : null);
                foreach (var r in rules) r.EnterValue(v);
                foreach (var item in list.Values) WalkValue(item);
                foreach (var r in rules) r.LeaveListValue(list);
                ctx.InputTypeStack.RemoveAt(ctx.InputTypeStack.Count - 1);
                ctx.DefaultValueStack.RemoveAt(ctx.DefaultValueStack.Count - 1);
                return;
            }
            case ObjectValueNode obj:
            {
                foreach (var r in rules) r.EnterValue(v);
                foreach (var r in rules) r.EnterObjectValue(obj);
                foreach (var field in obj.Fields)
                {
                    var objectType = ctx.InputType?.Named as InputObjectType;
                    var fieldDef = objectType is not null && objectType.Fields.TryGetValue(field.Name.Value, out var fd) ? fd : null;
                    ctx.DefaultValueStack.Add(fieldDef is { HasDefault: true } ? fieldDef : null);
                    ctx.InputTypeStack.Add(fieldDef?.Type is { IsInputType: true } t ? t : null);
                    foreach (var r in rules) r.EnterObjectField(field);
                    WalkValue(field.Value);
                    ctx.InputTypeStack.RemoveAt(ctx.InputTypeStack.Count - 1);
                    ctx.DefaultValueStack.RemoveAt(ctx.DefaultValueStack.Count - 1);
                }
                foreach (var r in rules) r.LeaveObjectValue(obj);
                return;
            }
            case VariableNode variable:
                _usages?.Add(new VariableUsage(variable, ctx.InputType, ctx.DefaultValueOwner is not null, ctx.ParentInputType));
                foreach (var r in rules) r.EnterVariable(variable);
                return;
            case EnumValueNode e:
                ctx.EnumValue = ctx.InputType?.Named is EnumType et && et.Values.TryGetValue(e.Value, out var ev) ? ev : null;
                foreach (var r in rules) r.EnterValue(v);
                ctx.EnumValue = null;
                return;
            default:
                foreach (var r in rules) r.EnterValue(v);
                return;
        }
    }
}

/// <summary>A validation rule: override the hooks it needs.</summary>
internal abstract class ValidationRule(ValidationContext context, string name)
{
    protected ValidationContext Context { get; } = context;
    public string Name { get; } = name;
    protected void Report(string message, params SyntaxNode[] nodes) => Context.Report(Name, message, nodes);
    protected void Report(string message, SourceLocation[] locations) => Context.Report(Name, message, locations);

    public virtual void EnterDocument() { }
    public virtual void LeaveDocument() { }
    public virtual void EnterOperation(OperationDefinitionNode op) { }
    public virtual void LeaveOperation(OperationDefinitionNode op) { }
    public virtual void EnterFragmentDefinition(FragmentDefinitionNode f) { }
    public virtual void LeaveFragmentDefinition(FragmentDefinitionNode f) { }
    public virtual void EnterVariableDefinition(VariableDefinitionNode v) { }
    public virtual void EnterNamedType(NamedTypeNode n) { }
    public virtual void EnterSelectionSet(SelectionSetNode s) { }
    public virtual void LeaveSelectionSet(SelectionSetNode s) { }
    public virtual void EnterField(FieldNode f) { }
    public virtual void LeaveField(FieldNode f) { }
    public virtual void EnterInlineFragment(InlineFragmentNode i) { }
    public virtual void LeaveInlineFragment(InlineFragmentNode i) { }
    public virtual void EnterFragmentSpread(FragmentSpreadNode s) { }
    public virtual void EnterDirectives(IReadOnlyList<DirectiveNode> directives, SyntaxNode owner) { }
    public virtual void EnterDirective(DirectiveNode d, DirectiveLocation location) { }
    public virtual void LeaveDirective(DirectiveNode d) { }
    public virtual void EnterArgument(ArgumentNode a) { }
    public virtual void EnterValue(ValueNode v) { }
    public virtual void LeaveListValue(ListValueNode l) { }
    public virtual void EnterObjectValue(ObjectValueNode o) { }
    public virtual void LeaveObjectValue(ObjectValueNode o) { }
    public virtual void EnterObjectField(ObjectFieldNode f) { }
    public virtual void EnterVariable(VariableNode v) { }
}
