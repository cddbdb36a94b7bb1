using OmniErp.GraphQL.Language;

namespace OmniErp.GraphQL;

/// <summary>
/// Throw from a resolver for a user-facing error: the message is sent to the client and
/// <paramref name="code"/> becomes <c>extensions.code</c>. Any other exception is reported as "Unexpected error".
/// </summary>
public class GraphQLException(string message, string? code = null, IReadOnlyDictionary<string, object?>? extensions = null) : Exception(message)
{
    public string? Code { get; } = code;
    public IReadOnlyDictionary<string, object?>? Extensions { get; } = extensions;
}

/// <summary>One entry of the response's <c>errors</c> list.</summary>
public sealed record GraphQLError(string Message)
{
    public IReadOnlyList<SourceLocation>? Locations { get; init; }
    public IReadOnlyList<object>? Path { get; init; }
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    internal static GraphQLError WithCode(string message, string code, IReadOnlyList<SourceLocation>? locations = null) =>
        new(message) { Locations = locations, Extensions = new Dictionary<string, object?> { ["code"] = code } };
}

/// <summary>Error codes the engine itself puts in <c>extensions.code</c>.</summary>
public static class ErrorCodes
{
    public const string SyntaxError = "GRAPHQL_PARSE_FAILED";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string OperationNotFound = "OPERATION_NOT_FOUND";
    public const string PersistedDocumentNotFound = "PERSISTED_QUERY_NOT_FOUND";
    public const string PersistedDocumentRequired = "PERSISTED_QUERY_REQUIRED";
    public const string LimitExceeded = "LIMIT_EXCEEDED";
    public const string Timeout = "TIMEOUT";
    public const string InternalError = "INTERNAL_SERVER_ERROR";
}

/// <summary>Thrown by scalar parse/serialize functions when a value cannot be represented.</summary>
public sealed class ScalarCoercionException(string message) : Exception(message);
