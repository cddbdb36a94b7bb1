using OmniErp.GraphQL.Language;
using OmniErp.GraphQL.Types;

namespace OmniErp.GraphQL.Execution;

/// <summary>CoerceVariableValues (spec 6.1.2).</summary>
internal static class Variables
{
    private const int MaxErrors = 50;

    public static IReadOnlyDictionary<string, object?> Coerce(Schema schema, OperationDefinitionNode op, IReadOnlyDictionary<string, object?>? inputs, out List<GraphQLError> errors)
    {
        errors = [];
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var def in op.VariableDefinitions)
        {
            if (errors.Count >= MaxErrors)
            {
                errors.Add(GraphQLError.WithCode("Too many errors processing variables, error limit reached. Execution aborted.", ErrorCodes.BadUserInput));
                break;
            }
            var name = def.Variable.Name.Value;
            var type = TypeFromAst(schema, def.Type);
            var loc = new[] { def.Location };
            if (type is null || !type.IsInputType)
            {
                errors.Add(GraphQLError.WithCode($"Variable \"${name}\" expected value of type \"{def.Type}\" which cannot be used as an input type.", ErrorCodes.BadUserInput, loc));
                continue;
            }
            object? value = null;
            var provided = inputs is not null && inputs.TryGetValue(name, out value);
            if (value is System.Text.Json.JsonElement json) value = ValueCoercion.FromJson(json);
            if (!provided)
            {
                if (def.DefaultValue is not null)
                {
                    result[name] = ValueCoercion.LiteralToValue(def.DefaultValue, type, null, out _);
                    continue;
                }
                if (type is NonNullType)
                    errors.Add(GraphQLError.WithCode($"Variable \"${name}\" of required type \"{def.Type}\" was not provided.", ErrorCodes.BadUserInput, loc));
                continue;
            }
            if (value is null && type is NonNullType)
            {
                errors.Add(GraphQLError.WithCode($"Variable \"${name}\" of non-null type \"{def.Type}\" must not be null.", ErrorCodes.BadUserInput, loc));
                continue;
            }
            var inputErrors = new List<ValueCoercion.InputError>();
            var coerced = ValueCoercion.CoerceInput(value, type, inputErrors);
            if (inputErrors.Count == 0) { result[name] = coerced; continue; }
            foreach (var e in inputErrors)
            {
                var at = e.Path.Count == 0 ? "" : " at \"" + name + string.Concat(e.Path.Select(p => p is int i ? $"[{i}]" : "." + p)) + "\"";
                errors.Add(GraphQLError.WithCode($"Variable \"${name}\" got invalid value {BuiltInScalars.Inspect(e.Value)}{at}; {e.Message}", ErrorCodes.BadUserInput, loc));
            }
        }
        return result;
    }

    public static GType? TypeFromAst(Schema schema, TypeNode node) => node switch
    {
        NonNullTypeNode nn => TypeFromAst(schema, nn.Type) is { } t ? new NonNullType(t) : null,
        ListTypeNode l => TypeFromAst(schema, l.Type) is { } t ? new ListType(t) : null,
        NamedTypeNode n => schema.GetType(n.Name.Value),
        _ => null,
    };
}
