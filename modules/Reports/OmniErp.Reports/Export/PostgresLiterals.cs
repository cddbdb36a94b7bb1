using System.Globalization;
using System.Text;

namespace OmniErp.Reports.Export;

/// <summary>
/// Writes a statement's <c>@Name</c> parameters into its text as typed literals, for the one place that cannot bind
/// parameters: <c>COPY (SELECT …) TO STDOUT</c>. Each literal has the type Npgsql would have bound the value with
/// (<c>'…'::timestamptz</c>, <c>E'…'::text</c>, <c>NULL::text</c>…), so the statement means what it meant with
/// parameters. Text values are escaped as escape-string literals (backslash and quote doubled), which PostgreSQL reads
/// the same whatever <c>standard_conforming_strings</c> says. The statement is scanned the way PostgreSQL lexes it:
/// nothing inside quotes, quoted identifiers, comments or dollar-quoted bodies is replaced.
/// </summary>
internal static class PostgresLiterals
{
    /// <summary>The parameters of an anonymous object (or any object) by property name, with their declared types.</summary>
    public static IReadOnlyDictionary<string, object?> Of(object? parameters)
    {
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (parameters is null) return values;
        foreach (var property in parameters.GetType().GetProperties())
            values[property.Name] = property.GetValue(parameters) ?? new Null(property.PropertyType);
        return values;
    }

    /// <summary>A NULL of a declared type (an anonymous object's null property still has one).</summary>
    public sealed record Null(Type Type);

    /// <summary>The statement with its parameters as literals; null when a value has no literal here (the caller
    /// then binds parameters as usual).</summary>
    public static string? Inline(string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        var result = new StringBuilder(sql.Length + 128);
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var next = i + 1 < sql.Length ? sql[i + 1] : '\0';
            int end;
            if (c == '\'') end = QuotedEnd(sql, i, escapes: i > 0 && sql[i - 1] is 'E' or 'e' && (i < 2 || !IsIdentifier(sql[i - 2])));
            else if (c == '"') end = QuotedEnd(sql, i, escapes: false);
            else if (c == '-' && next == '-') end = sql.IndexOf('\n', i) is var n and >= 0 ? n : sql.Length;
            else if (c == '/' && next == '*') end = CommentEnd(sql, i);
            else if (c == '$' && (i == 0 || !IsIdentifier(sql[i - 1])) && DollarTag(sql, i) is { } tag)
                end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal) is var close and >= 0 ? close + tag.Length : sql.Length;
            else if (c == '@' && (char.IsAsciiLetter(next) || next == '_') && (i == 0 || !IsIdentifier(sql[i - 1]) && sql[i - 1] != '@'))
            {
                end = i + 1;
                while (end < sql.Length && IsIdentifier(sql[end])) end++;
                if (parameters.TryGetValue(sql[(i + 1)..end], out var value))
                {
                    if (Literal(value) is not { } literal) return null;
                    result.Append(literal);
                    i = end;
                    continue;
                }
            }
            else end = i + 1;
            result.Append(sql, i, end - i);
            i = end;
        }
        return result.ToString();
    }

    private static bool IsIdentifier(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' || c > 127;

    /// <summary>The index after a '…' or "…" token starting at <paramref name="start"/> (a doubled quote stays inside;
    /// in an E'…' string a backslash escapes the next character).</summary>
    private static int QuotedEnd(string sql, int start, bool escapes)
    {
        var quote = sql[start];
        var i = start + 1;
        while (i < sql.Length)
        {
            if (escapes && sql[i] == '\\') { i += 2; continue; }
            if (sql[i] == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote) { i += 2; continue; }
                return i + 1;
            }
            i++;
        }
        return sql.Length;
    }

    /// <summary>The index after a (possibly nested) /* … */ comment.</summary>
    private static int CommentEnd(string sql, int start)
    {
        var depth = 0;
        var i = start;
        while (i < sql.Length - 1)
        {
            if (sql[i] == '/' && sql[i + 1] == '*') { depth++; i += 2; }
            else if (sql[i] == '*' && sql[i + 1] == '/') { i += 2; if (--depth == 0) return i; }
            else i++;
        }
        return sql.Length;
    }

    /// <summary>A dollar-quote opening tag ($$ or $tag$) at <paramref name="start"/>, or null ($1 and the like).</summary>
    private static string? DollarTag(string sql, int start)
    {
        var i = start + 1;
        if (i < sql.Length && char.IsAsciiDigit(sql[i])) return null;
        while (i < sql.Length && sql[i] != '$')
        {
            if (!IsIdentifier(sql[i])) return null;
            i++;
        }
        return i < sql.Length ? sql[start..(i + 1)] : null;
    }

    /// <summary>A value as the literal of the type Npgsql binds it with; null for a type not handled here.</summary>
    private static string? Literal(object? value) => value switch
    {
        Null n => PostgresType(Nullable.GetUnderlyingType(n.Type) ?? n.Type) is { } type ? $"NULL::{type}" : null,
        null => null, // untyped NULL: let Npgsql bind it
        string s when s.Contains('\0') => null,
        string s => "E'" + s.Replace("\\", "\\\\").Replace("'", "''") + "'::text",
        DateTimeOffset d => Quoted(Timestamp(d.UtcDateTime) + "+00", "timestamptz"),
        DateTime d when d.Kind == DateTimeKind.Utc => Quoted(Timestamp(d) + "+00", "timestamptz"),
        DateTime d => Quoted(Timestamp(d), "timestamp"),
        DateOnly d => Quoted(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "date"),
        decimal d => Quoted(d.ToString(CultureInfo.InvariantCulture), "numeric"),
        long n => Quoted(n.ToString(CultureInfo.InvariantCulture), "int8"),
        int n => Quoted(n.ToString(CultureInfo.InvariantCulture), "int4"),
        short n => Quoted(n.ToString(CultureInfo.InvariantCulture), "int2"),
        bool b => b ? "true" : "false",
        _ => null,
    };

    private static string Quoted(string text, string type) => $"'{text}'::{type}";

    /// <summary>Microseconds, truncated as Npgsql truncates ticks when it sends a timestamp.</summary>
    private static string Timestamp(DateTime d) => d.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    private static string? PostgresType(Type type) =>
        type == typeof(string) ? "text"
        : type == typeof(DateTimeOffset) ? "timestamptz"
        : type == typeof(DateOnly) ? "date"
        : type == typeof(decimal) ? "numeric"
        : type == typeof(long) ? "int8"
        : type == typeof(int) ? "int4"
        : type == typeof(short) ? "int2"
        : type == typeof(bool) ? "boolean"
        : null;
}
