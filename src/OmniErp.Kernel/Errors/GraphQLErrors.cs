using OmniErp.GraphQL;

namespace OmniErp.Kernel.Errors;

/// <summary>
/// The one mapping of <see cref="AppException"/> to a GraphQL error; the host installs it for every resolver, so a
/// module's resolver just sends its request and lets a refusal propagate.
/// </summary>
public static class GraphQLErrors
{
    /// <summary>For <c>GraphQLOptions.TranslateException</c>: an AppException becomes a GraphQL error, anything else stays unexpected.</summary>
    public static GraphQLException? Translate(Exception exception) => exception is AppException app ? From(app) : null;

    /// <summary>
    /// <c>extensions.code</c>: BAD_USER_INPUT for a validation refusal, NOT_FOUND, else the refusal's own code
    /// (IDEMPOTENCY_KEY_REUSED, FORBIDDEN…). <c>extensions.rule</c>: a validation refusal's own code when it has one
    /// (KEY_ITEM_PARITY, POINTS_EXCEED_ORDER). <c>extensions.fields</c>: the input fields concerned, in camelCase as
    /// the schema spells them; the message names them too.
    /// </summary>
    public static GraphQLException From(AppException ex)
    {
        var message = string.Join(" ", ex.Errors.Select(e => e.Field is null ? e.Message : $"{Camel(e.Field)}: {e.Message}"));
        var code = ex.Kind switch
        {
            ErrorKind.Validation => "BAD_USER_INPUT",
            ErrorKind.NotFound => "NOT_FOUND",
            _ => ex.Errors.Count > 0 ? ex.Errors[0].Code : "CONFLICT",
        };
        var extensions = new Dictionary<string, object?>();
        if (ex.Kind == ErrorKind.Validation && ex.Errors is [{ Code: var rule }, ..] && IsOwnCode(rule)) extensions["rule"] = rule;
        var fields = ex.Errors.Where(e => e.Field is not null).Select(e => Camel(e.Field!)).Distinct().ToList();
        if (fields.Count > 0) extensions["fields"] = fields;
        return new GraphQLException(message, code, extensions.Count == 0 ? null : extensions);
    }

    /// <summary>Our codes are UPPER_SNAKE; INVALID and FluentValidation's validator names say nothing a client can act on.</summary>
    private static bool IsOwnCode(string code) =>
        code.Length > 0 && code != "INVALID" && code.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_');

    private static string Camel(string field) => field.Length == 0 ? field : char.ToLowerInvariant(field[0]) + field[1..];
}
