namespace OmniErp.Kernel.Errors;

/// <summary>One thing wrong with a request: a stable code, a message for people, and the field it concerns.</summary>
public sealed record Error(string Code, string Message, string? Field = null)
{
    public override string ToString() => Field is null ? Message : $"{Field}: {Message}";
}

/// <summary>
/// A failure the caller can act on. Endpoints turn it into a form error, a GraphQL error with
/// <c>extensions.code</c>, a CLI message or an HTTP problem; it never reaches a user as a 500.
/// </summary>
public class AppException : Exception
{
    public AppException(ErrorKind kind, IReadOnlyList<Error> errors)
        : base(string.Join("; ", errors.Select(e => e.ToString())))
    {
        Kind = kind;
        Errors = errors;
    }

    public AppException(ErrorKind kind, string code, string message, string? field = null)
        : this(kind, [new Error(code, message, field)])
    {
    }

    public ErrorKind Kind { get; }
    public IReadOnlyList<Error> Errors { get; }

    public static AppException Invalid(IReadOnlyList<Error> errors) => new(ErrorKind.Validation, errors);
    public static AppException Invalid(string field, string message, string code = "INVALID") => new(ErrorKind.Validation, code, message, field);
    public static AppException NotFound(string what, string key) => new(ErrorKind.NotFound, "NOT_FOUND", $"{what} '{key}' was not found.");
    public static AppException Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);
    public static AppException Forbidden(string message) => new(ErrorKind.Forbidden, "FORBIDDEN", message);
}

public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,
}
