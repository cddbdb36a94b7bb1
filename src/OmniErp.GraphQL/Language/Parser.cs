namespace OmniErp.GraphQL.Language;

/// <summary>Recursive-descent parser for executable and type-system documents (spec sections 2 and 3).</summary>
internal sealed class Parser
{
    public const int DefaultMaxTokens = 15_000;
    private const int MaxNesting = 256;
    private readonly Lexer _lexer;
    private int _nesting;

    private Parser(string source, int maxTokens)
    {
        _lexer = new Lexer(source, maxTokens);
        _lexer.Advance();
    }

    public static DocumentNode Parse(string source, int maxTokens = DefaultMaxTokens)
    {
        var p = new Parser(source, maxTokens);
        return p.ParseDocument();
    }

    public static ValueNode ParseValue(string source)
    {
        var p = new Parser(source, DefaultMaxTokens);
        var v = p.ParseValueLiteral(false);
        p.Expect(TokenKind.EndOfFile);
        return v;
    }

    public static TypeNode ParseType(string source)
    {
        var p = new Parser(source, DefaultMaxTokens);
        var t = p.ParseTypeReference();
        p.Expect(TokenKind.EndOfFile);
        return t;
    }

    private TokenKind Kind => _lexer.Kind;
    private SourceLocation Loc => _lexer.TokenLocation;

    private GraphQLSyntaxException Unexpected(string? expected = null) =>
        new(expected is null ? $"Unexpected {Describe()}." : $"Expected {expected}, found {Describe()}.", Loc);

    private string Describe() => Kind switch
    {
        TokenKind.EndOfFile => "<EOF>",
        TokenKind.Name => $"Name \"{_lexer.Value}\"",
        TokenKind.Int => $"Int \"{_lexer.Value}\"",
        TokenKind.Float => $"Float \"{_lexer.Value}\"",
        TokenKind.String => $"String \"{_lexer.Value}\"",
        TokenKind.BlockString => "BlockString",
        _ => $"\"{Punctuator(Kind)}\"",
    };

    private static string Punctuator(TokenKind k) => k switch
    {
        TokenKind.Bang => "!", TokenKind.Dollar => "$", TokenKind.Amp => "&", TokenKind.ParenL => "(",
        TokenKind.ParenR => ")", TokenKind.Spread => "...", TokenKind.Colon => ":", TokenKind.Equals => "=",
        TokenKind.At => "@", TokenKind.BracketL => "[", TokenKind.BracketR => "]", TokenKind.BraceL => "{",
        TokenKind.Pipe => "|", TokenKind.BraceR => "}", TokenKind.EndOfFile => "<EOF>", _ => k.ToString(),
    };

    private void Expect(TokenKind kind)
    {
        if (Kind != kind) throw Unexpected(kind == TokenKind.EndOfFile ? "<EOF>" : $"\"{Punctuator(kind)}\"");
        _lexer.Advance();
    }

    private bool Skip(TokenKind kind)
    {
        if (Kind != kind) return false;
        _lexer.Advance();
        return true;
    }

    private bool PeekKeyword(string word) => Kind == TokenKind.Name && _lexer.Value == word;

    private void ExpectKeyword(string word)
    {
        if (!PeekKeyword(word)) throw Unexpected($"\"{word}\"");
        _lexer.Advance();
    }

    private NameNode ParseName()
    {
        if (Kind != TokenKind.Name) throw Unexpected("Name");
        var n = new NameNode(_lexer.Value) { Location = Loc };
        _lexer.Advance();
        return n;
    }

    private void Enter()
    {
        if (++_nesting > MaxNesting) throw new GraphQLSyntaxException($"Document nesting is deeper than {MaxNesting}.", Loc);
    }

    private DocumentNode ParseDocument()
    {
        var defs = new List<DefinitionNode>();
        do defs.Add(ParseDefinition());
        while (Kind != TokenKind.EndOfFile);
        return new DocumentNode(defs, _lexer.TokenCount) { Location = new SourceLocation(1, 1) };
    }

    private DefinitionNode ParseDefinition()
    {
        if (Kind == TokenKind.BraceL)
        {
            var loc = Loc;
            return new OperationDefinitionNode { Operation = OperationType.Query, SelectionSet = ParseSelectionSet(), Location = loc };
        }
        var start = Loc;
        StringValueNode? description = null;
        if (Kind is TokenKind.String or TokenKind.BlockString) description = ParseStringLiteral();
        if (Kind == TokenKind.BraceL && description is not null)
            throw new GraphQLSyntaxException("Unexpected description, descriptions are not supported on shorthand queries.", start);
        if (Kind != TokenKind.Name) throw Unexpected();
        switch (_lexer.Value)
        {
            case "query" or "mutation" or "subscription": return ParseOperation(description, start);
            case "fragment": return ParseFragment(description, start);
            case "schema": return ParseSchemaDefinition(description, start, false);
            case "scalar" or "type" or "interface" or "union" or "enum" or "input": return ParseTypeDefinition(description, start, false);
            case "directive": return ParseDirectiveDefinition(description, start);
            case "extend" when description is null:
                _lexer.Advance();
                if (PeekKeyword("schema")) return ParseSchemaDefinition(null, start, true);
                if (Kind == TokenKind.Name && _lexer.Value is "scalar" or "type" or "interface" or "union" or "enum" or "input")
                    return ParseTypeDefinition(null, start, true);
                throw Unexpected();
        }
        throw Unexpected();
    }

    private OperationDefinitionNode ParseOperation(StringValueNode? description, SourceLocation start)
    {
        var op = _lexer.Value switch { "query" => OperationType.Query, "mutation" => OperationType.Mutation, _ => OperationType.Subscription };
        _lexer.Advance();
        var name = Kind == TokenKind.Name ? ParseName() : null;
        return new OperationDefinitionNode
        {
            Description = description, Operation = op, Name = name, Location = start,
            VariableDefinitions = ParseVariableDefinitions(),
            Directives = ParseDirectives(false),
            SelectionSet = ParseSelectionSet(),
        };
    }

    private IReadOnlyList<VariableDefinitionNode> ParseVariableDefinitions()
    {
        if (!Skip(TokenKind.ParenL)) return [];
        var list = new List<VariableDefinitionNode>();
        do
        {
            var start = Loc;
            StringValueNode? description = null;
            if (Kind is TokenKind.String or TokenKind.BlockString) description = ParseStringLiteral();
            var variable = ParseVariable();
            Expect(TokenKind.Colon);
            var type = ParseTypeReference();
            ValueNode? def = null;
            if (Skip(TokenKind.Equals)) def = ParseValueLiteral(true);
            list.Add(new VariableDefinitionNode
            {
                Description = description, Variable = variable, Type = type, DefaultValue = def,
                Directives = ParseDirectives(true), Location = start,
            });
        } while (!Skip(TokenKind.ParenR));
        return list;
    }

    private VariableNode ParseVariable()
    {
        var start = Loc;
        Expect(TokenKind.Dollar);
        return new VariableNode { Name = ParseName(), Location = start };
    }

    private SelectionSetNode ParseSelectionSet()
    {
        var start = Loc;
        Expect(TokenKind.BraceL);
        Enter();
        var list = new List<SelectionNode>();
        do list.Add(ParseSelection());
        while (!Skip(TokenKind.BraceR));
        _nesting--;
        return new SelectionSetNode(list) { Location = start };
    }

    private SelectionNode ParseSelection()
    {
        var start = Loc;
        if (Skip(TokenKind.Spread))
        {
            var hasTypeCondition = PeekKeyword("on");
            if (!hasTypeCondition && Kind == TokenKind.Name)
                return new FragmentSpreadNode { Name = ParseName(), Directives = ParseDirectives(false), Location = start };
            NamedTypeNode? cond = null;
            if (hasTypeCondition) { _lexer.Advance(); cond = ParseNamedType(); }
            return new InlineFragmentNode
            {
                TypeCondition = cond, Directives = ParseDirectives(false), SelectionSet = ParseSelectionSet(), Location = start,
            };
        }
        var nameOrAlias = ParseName();
        NameNode? alias = null;
        NameNode name;
        if (Skip(TokenKind.Colon)) { alias = nameOrAlias; name = ParseName(); }
        else name = nameOrAlias;
        return new FieldNode
        {
            Alias = alias, Name = name, Arguments = ParseArguments(false), Directives = ParseDirectives(false),
            SelectionSet = Kind == TokenKind.BraceL ? ParseSelectionSet() : null, Location = start,
        };
    }

    private IReadOnlyList<ArgumentNode> ParseArguments(bool isConst)
    {
        if (!Skip(TokenKind.ParenL)) return [];
        var list = new List<ArgumentNode>();
        do
        {
            var start = Loc;
            var name = ParseName();
            Expect(TokenKind.Colon);
            list.Add(new ArgumentNode { Name = name, Value = ParseValueLiteral(isConst), Location = start });
        } while (!Skip(TokenKind.ParenR));
        return list;
    }

    private IReadOnlyList<DirectiveNode> ParseDirectives(bool isConst)
    {
        if (Kind != TokenKind.At) return [];
        var list = new List<DirectiveNode>();
        while (Kind == TokenKind.At)
        {
            var start = Loc;
            _lexer.Advance();
            list.Add(new DirectiveNode { Name = ParseName(), Arguments = ParseArguments(isConst), Location = start });
        }
        return list;
    }

    private FragmentDefinitionNode ParseFragment(StringValueNode? description, SourceLocation start)
    {
        _lexer.Advance();
        if (PeekKeyword("on")) throw Unexpected();
        var name = ParseName();
        ExpectKeyword("on");
        return new FragmentDefinitionNode
        {
            Description = description, Name = name, TypeCondition = ParseNamedType(), Directives = ParseDirectives(false),
            SelectionSet = ParseSelectionSet(), Location = start,
        };
    }

    internal ValueNode ParseValueLiteral(bool isConst)
    {
        var start = Loc;
        switch (Kind)
        {
            case TokenKind.BracketL:
            {
                _lexer.Advance();
                Enter();
                var items = new List<ValueNode>();
                while (!Skip(TokenKind.BracketR)) items.Add(ParseValueLiteral(isConst));
                _nesting--;
                return new ListValueNode(items) { Location = start };
            }
            case TokenKind.BraceL:
            {
                _lexer.Advance();
                Enter();
                var fields = new List<ObjectFieldNode>();
                while (!Skip(TokenKind.BraceR))
                {
                    var fs = Loc;
                    var name = ParseName();
                    Expect(TokenKind.Colon);
                    fields.Add(new ObjectFieldNode { Name = name, Value = ParseValueLiteral(isConst), Location = fs });
                }
                _nesting--;
                return new ObjectValueNode(fields) { Location = start };
            }
            case TokenKind.Int:
            {
                var v = new IntValueNode(_lexer.Value) { Location = start };
                _lexer.Advance();
                return v;
            }
            case TokenKind.Float:
            {
                var v = new FloatValueNode(_lexer.Value) { Location = start };
                _lexer.Advance();
                return v;
            }
            case TokenKind.String or TokenKind.BlockString:
                return ParseStringLiteral();
            case TokenKind.Name:
            {
                var word = _lexer.Value;
                _lexer.Advance();
                return word switch
                {
                    "true" => new BooleanValueNode(true) { Location = start },
                    "false" => new BooleanValueNode(false) { Location = start },
                    "null" => new NullValueNode { Location = start },
                    _ => new EnumValueNode(word) { Location = start },
                };
            }
            case TokenKind.Dollar:
                if (isConst)
                {
                    _lexer.Advance();
                    if (Kind == TokenKind.Name)
                        throw new GraphQLSyntaxException($"Unexpected variable \"${_lexer.Value}\" in constant value.", start);
                    throw Unexpected();
                }
                return ParseVariable();
        }
        throw Unexpected();
    }

    private StringValueNode ParseStringLiteral()
    {
        var v = new StringValueNode(_lexer.Value, Kind == TokenKind.BlockString) { Location = Loc };
        _lexer.Advance();
        return v;
    }

    private TypeNode ParseTypeReference()
    {
        var start = Loc;
        TypeNode type;
        if (Skip(TokenKind.BracketL))
        {
            Enter();
            var inner = ParseTypeReference();
            Expect(TokenKind.BracketR);
            _nesting--;
            type = new ListTypeNode { Type = inner, Location = start };
        }
        else type = ParseNamedType();
        if (Skip(TokenKind.Bang)) return new NonNullTypeNode { Type = type, Location = start };
        return type;
    }

    private NamedTypeNode ParseNamedType()
    {
        var start = Loc;
        return new NamedTypeNode { Name = ParseName(), Location = start };
    }

    // ---- type system ----

    private SchemaDefinitionNode ParseSchemaDefinition(StringValueNode? description, SourceLocation start, bool extension)
    {
        ExpectKeyword("schema");
        var directives = ParseDirectives(true);
        var ops = new List<(OperationType, NamedTypeNode)>();
        if (!extension || Kind == TokenKind.BraceL)
        {
            Expect(TokenKind.BraceL);
            do
            {
                var op = ParseName().Value switch
                {
                    "query" => OperationType.Query, "mutation" => OperationType.Mutation, "subscription" => OperationType.Subscription,
                    _ => throw new GraphQLSyntaxException("Expected an operation type.", Loc),
                };
                Expect(TokenKind.Colon);
                ops.Add((op, ParseNamedType()));
            } while (!Skip(TokenKind.BraceR));
        }
        return new SchemaDefinitionNode { Description = description, IsExtension = extension, Directives = directives, OperationTypes = ops, Location = start };
    }

    private TypeDefinitionNode ParseTypeDefinition(StringValueNode? description, SourceLocation start, bool extension)
    {
        var keyword = _lexer.Value;
        _lexer.Advance();
        var name = ParseName();
        switch (keyword)
        {
            case "scalar":
                return new TypeDefinitionNode { Kind = TypeDefinitionKind.Scalar, Name = name, Description = description, IsExtension = extension, Directives = ParseDirectives(true), Location = start };
            case "type" or "interface":
            {
                var interfaces = new List<NamedTypeNode>();
                if (PeekKeyword("implements"))
                {
                    _lexer.Advance();
                    Skip(TokenKind.Amp);
                    do interfaces.Add(ParseNamedType());
                    while (Skip(TokenKind.Amp));
                }
                var directives = ParseDirectives(true);
                var fields = new List<FieldDefinitionNode>();
                if (Skip(TokenKind.BraceL))
                    do fields.Add(ParseFieldDefinition());
                    while (!Skip(TokenKind.BraceR));
                return new TypeDefinitionNode
                {
                    Kind = keyword == "type" ? TypeDefinitionKind.Object : TypeDefinitionKind.Interface, Name = name, Description = description,
                    IsExtension = extension, Interfaces = interfaces, Directives = directives, Fields = fields, Location = start,
                };
            }
            case "union":
            {
                var directives = ParseDirectives(true);
                var members = new List<NamedTypeNode>();
                if (Skip(TokenKind.Equals))
                {
                    Skip(TokenKind.Pipe);
                    do members.Add(ParseNamedType());
                    while (Skip(TokenKind.Pipe));
                }
                return new TypeDefinitionNode { Kind = TypeDefinitionKind.Union, Name = name, Description = description, IsExtension = extension, Directives = directives, UnionMembers = members, Location = start };
            }
            case "enum":
            {
                var directives = ParseDirectives(true);
                var values = new List<EnumValueDefinitionNode>();
                if (Skip(TokenKind.BraceL))
                    do
                    {
                        var vs = Loc;
                        StringValueNode? d = null;
                        if (Kind is TokenKind.String or TokenKind.BlockString) d = ParseStringLiteral();
                        if (Kind == TokenKind.Name && _lexer.Value is "true" or "false" or "null")
                            throw new GraphQLSyntaxException($"{_lexer.Value} is reserved and cannot be used for an enum value.", Loc);
                        values.Add(new EnumValueDefinitionNode { Description = d, Name = ParseName(), Directives = ParseDirectives(true), Location = vs });
                    } while (!Skip(TokenKind.BraceR));
                return new TypeDefinitionNode { Kind = TypeDefinitionKind.Enum, Name = name, Description = description, IsExtension = extension, Directives = directives, EnumValues = values, Location = start };
            }
            default:
            {
                var directives = ParseDirectives(true);
                var fields = new List<InputValueDefinitionNode>();
                if (Skip(TokenKind.BraceL))
                    do fields.Add(ParseInputValueDefinition());
                    while (!Skip(TokenKind.BraceR));
                return new TypeDefinitionNode { Kind = TypeDefinitionKind.InputObject, Name = name, Description = description, IsExtension = extension, Directives = directives, InputFields = fields, Location = start };
            }
        }
    }

    private FieldDefinitionNode ParseFieldDefinition()
    {
        var start = Loc;
        StringValueNode? d = null;
        if (Kind is TokenKind.String or TokenKind.BlockString) d = ParseStringLiteral();
        var name = ParseName();
        var args = ParseArgumentDefinitions();
        Expect(TokenKind.Colon);
        return new FieldDefinitionNode { Description = d, Name = name, Arguments = args, Type = ParseTypeReference(), Directives = ParseDirectives(true), Location = start };
    }

    private List<InputValueDefinitionNode> ParseArgumentDefinitions()
    {
        var args = new List<InputValueDefinitionNode>();
        if (Skip(TokenKind.ParenL))
            do args.Add(ParseInputValueDefinition());
            while (!Skip(TokenKind.ParenR));
        return args;
    }

    private InputValueDefinitionNode ParseInputValueDefinition()
    {
        var start = Loc;
        StringValueNode? d = null;
        if (Kind is TokenKind.String or TokenKind.BlockString) d = ParseStringLiteral();
        var name = ParseName();
        Expect(TokenKind.Colon);
        var type = ParseTypeReference();
        ValueNode? def = null;
        if (Skip(TokenKind.Equals)) def = ParseValueLiteral(true);
        return new InputValueDefinitionNode { Description = d, Name = name, Type = type, DefaultValue = def, Directives = ParseDirectives(true), Location = start };
    }

    private DirectiveDefinitionNode ParseDirectiveDefinition(StringValueNode? description, SourceLocation start)
    {
        ExpectKeyword("directive");
        Expect(TokenKind.At);
        var name = ParseName();
        var args = ParseArgumentDefinitions();
        var repeatable = false;
        if (PeekKeyword("repeatable")) { repeatable = true; _lexer.Advance(); }
        ExpectKeyword("on");
        Skip(TokenKind.Pipe);
        var locations = new List<NameNode>();
        do
        {
            var l = ParseName();
            if (!Types.DirectiveLocations.TryParse(l.Value, out _))
                throw new GraphQLSyntaxException($"Unexpected Name \"{l.Value}\".", l.Location);
            locations.Add(l);
        } while (Skip(TokenKind.Pipe));
        return new DirectiveDefinitionNode { Description = description, Name = name, Arguments = args, Repeatable = repeatable, Locations = locations, Location = start };
    }
}
