namespace OmniErp.GraphQL.Language;

/// <summary>A 1-based line and column in a GraphQL source text.</summary>
public readonly record struct SourceLocation(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}

internal abstract class SyntaxNode
{
    public SourceLocation Location { get; init; }
}

internal sealed class NameNode(string value) : SyntaxNode
{
    public string Value { get; } = value;
    public override string ToString() => Value;
}

internal sealed class DocumentNode(IReadOnlyList<DefinitionNode> definitions, int tokenCount) : SyntaxNode
{
    public IReadOnlyList<DefinitionNode> Definitions { get; } = definitions;
    public int TokenCount { get; } = tokenCount;
}

internal abstract class DefinitionNode : SyntaxNode
{
    public StringValueNode? Description { get; init; }
}

internal enum OperationType { Query, Mutation, Subscription }

internal sealed class OperationDefinitionNode : DefinitionNode
{
    public required OperationType Operation { get; init; }
    public NameNode? Name { get; init; }
    public IReadOnlyList<VariableDefinitionNode> VariableDefinitions { get; init; } = [];
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
    public required SelectionSetNode SelectionSet { get; init; }
}

internal sealed class VariableDefinitionNode : SyntaxNode
{
    public StringValueNode? Description { get; init; }
    public required VariableNode Variable { get; init; }
    public required TypeNode Type { get; init; }
    public ValueNode? DefaultValue { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

internal sealed class FragmentDefinitionNode : DefinitionNode
{
    public required NameNode Name { get; init; }
    public required NamedTypeNode TypeCondition { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
    public required SelectionSetNode SelectionSet { get; init; }
}

internal sealed class SelectionSetNode(IReadOnlyList<SelectionNode> selections) : SyntaxNode
{
    public IReadOnlyList<SelectionNode> Selections { get; } = selections;
}

internal abstract class SelectionNode : SyntaxNode
{
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

internal sealed class FieldNode : SelectionNode
{
    public NameNode? Alias { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<ArgumentNode> Arguments { get; init; } = [];
    public SelectionSetNode? SelectionSet { get; init; }
    public string ResponseName => Alias?.Value ?? Name.Value;
}

internal sealed class FragmentSpreadNode : SelectionNode
{
    public required NameNode Name { get; init; }
}

internal sealed class InlineFragmentNode : SelectionNode
{
    public NamedTypeNode? TypeCondition { get; init; }
    public required SelectionSetNode SelectionSet { get; init; }
}

internal sealed class ArgumentNode : SyntaxNode
{
    public required NameNode Name { get; init; }
    public required ValueNode Value { get; init; }
}

internal sealed class DirectiveNode : SyntaxNode
{
    public required NameNode Name { get; init; }
    public IReadOnlyList<ArgumentNode> Arguments { get; init; } = [];
}

internal abstract class ValueNode : SyntaxNode;

internal sealed class VariableNode : ValueNode
{
    public required NameNode Name { get; init; }
}

internal sealed class IntValueNode(string value) : ValueNode { public string Value { get; } = value; }
internal sealed class FloatValueNode(string value) : ValueNode { public string Value { get; } = value; }
internal sealed class StringValueNode(string value, bool block) : ValueNode
{
    public string Value { get; } = value;
    public bool Block { get; } = block;
}
internal sealed class BooleanValueNode(bool value) : ValueNode { public bool Value { get; } = value; }
internal sealed class NullValueNode : ValueNode;
internal sealed class EnumValueNode(string value) : ValueNode { public string Value { get; } = value; }
internal sealed class ListValueNode(IReadOnlyList<ValueNode> values) : ValueNode { public IReadOnlyList<ValueNode> Values { get; } = values; }
internal sealed class ObjectValueNode(IReadOnlyList<ObjectFieldNode> fields) : ValueNode { public IReadOnlyList<ObjectFieldNode> Fields { get; } = fields; }

internal sealed class ObjectFieldNode : SyntaxNode
{
    public required NameNode Name { get; init; }
    public required ValueNode Value { get; init; }
}

internal abstract class TypeNode : SyntaxNode;
internal sealed class NamedTypeNode : TypeNode
{
    public required NameNode Name { get; init; }
    public override string ToString() => Name.Value;
}
internal sealed class ListTypeNode : TypeNode
{
    public required TypeNode Type { get; init; }
    public override string ToString() => $"[{Type}]";
}
internal sealed class NonNullTypeNode : TypeNode
{
    public required TypeNode Type { get; init; }
    public override string ToString() => $"{Type}!";
}

// ---- type system (SDL) ----

internal sealed class SchemaDefinitionNode : DefinitionNode
{
    public bool IsExtension { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
    public IReadOnlyList<(OperationType Operation, NamedTypeNode Type)> OperationTypes { get; init; } = [];
}

internal enum TypeDefinitionKind { Scalar, Object, Interface, Union, Enum, InputObject }

internal sealed class TypeDefinitionNode : DefinitionNode
{
    public required TypeDefinitionKind Kind { get; init; }
    public bool IsExtension { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<NamedTypeNode> Interfaces { get; init; } = [];
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
    public IReadOnlyList<FieldDefinitionNode> Fields { get; init; } = [];
    public IReadOnlyList<InputValueDefinitionNode> InputFields { get; init; } = [];
    public IReadOnlyList<NamedTypeNode> UnionMembers { get; init; } = [];
    public IReadOnlyList<EnumValueDefinitionNode> EnumValues { get; init; } = [];
}

internal sealed class FieldDefinitionNode : SyntaxNode
{
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<InputValueDefinitionNode> Arguments { get; init; } = [];
    public required TypeNode Type { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

internal sealed class InputValueDefinitionNode : SyntaxNode
{
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public required TypeNode Type { get; init; }
    public ValueNode? DefaultValue { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

internal sealed class EnumValueDefinitionNode : SyntaxNode
{
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

internal sealed class DirectiveDefinitionNode : DefinitionNode
{
    public required NameNode Name { get; init; }
    public IReadOnlyList<InputValueDefinitionNode> Arguments { get; init; } = [];
    public bool Repeatable { get; init; }
    public IReadOnlyList<NameNode> Locations { get; init; } = [];
}
