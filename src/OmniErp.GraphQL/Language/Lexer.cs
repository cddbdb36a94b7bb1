using System.Globalization;
using System.Text;

namespace OmniErp.GraphQL.Language;

internal enum TokenKind : byte
{
    StartOfFile, EndOfFile, Bang, Dollar, Amp, ParenL, ParenR, Spread, Colon, Equals, At,
    BracketL, BracketR, BraceL, Pipe, BraceR, Name, Int, Float, String, BlockString,
}

/// <summary>A syntax error in a GraphQL document, with the 1-based line and column where it was found.</summary>
public sealed class GraphQLSyntaxException(string message, SourceLocation location)
    : Exception($"Syntax Error: {message}")
{
    public SourceLocation Location { get; } = location;
    public string Description { get; } = message;
}

/// <summary>Tokenizes GraphQL source text (spec section 2) one token at a time.</summary>
internal sealed class Lexer
{
    private readonly string _source;
    private readonly int _maxTokens;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public Lexer(string source, int maxTokens)
    {
        _source = source;
        _maxTokens = maxTokens;
        // A byte order mark is ignored.
        if (source.Length > 0 && source[0] == '\uFEFF') _pos = 1;
    }

    public TokenKind Kind { get; private set; } = TokenKind.StartOfFile;
    public int TokenStart { get; private set; }
    public SourceLocation TokenLocation { get; private set; } = new(1, 1);
    public int TokenCount { get; private set; }
    /// <summary>Value of Name/Int/Float tokens (as text) and String/BlockString tokens (decoded).</summary>
    public string Value { get; private set; } = "";

    public SourceLocation LocationAt(int offset) => ComputeLocation(offset);

    private SourceLocation ComputeLocation(int offset)
    {
        if (offset >= _lineStart) return new SourceLocation(_line, offset - _lineStart + 1);
        // Rare: recompute from the start.
        var line = 1; var start = 0; var s = _source.AsSpan();
        for (var i = 0; i < offset; i++)
        {
            if (s[i] == '\n') { line++; start = i + 1; }
            else if (s[i] == '\r') { if (i + 1 < offset && s[i + 1] == '\n') i++; line++; start = i + 1; }
        }
        return new SourceLocation(line, offset - start + 1);
    }

    private GraphQLSyntaxException Error(int offset, string message) => new(message, ComputeLocation(offset));

    public void Advance()
    {
        if (Kind == TokenKind.EndOfFile) return;
        SkipIgnored();
        TokenStart = _pos;
        TokenLocation = new SourceLocation(_line, _pos - _lineStart + 1);
        var s = _source.AsSpan();
        if (_pos >= s.Length) { Kind = TokenKind.EndOfFile; return; }
        if (++TokenCount > _maxTokens)
            throw new GraphQLSyntaxException($"Document contains more than {_maxTokens} tokens. Parsing aborted.", TokenLocation);
        var c = s[_pos];
        switch (c)
        {
            case '!': Punct(TokenKind.Bang); return;
            case '$': Punct(TokenKind.Dollar); return;
            case '&': Punct(TokenKind.Amp); return;
            case '(': Punct(TokenKind.ParenL); return;
            case ')': Punct(TokenKind.ParenR); return;
            case ':': Punct(TokenKind.Colon); return;
            case '=': Punct(TokenKind.Equals); return;
            case '@': Punct(TokenKind.At); return;
            case '[': Punct(TokenKind.BracketL); return;
            case ']': Punct(TokenKind.BracketR); return;
            case '{': Punct(TokenKind.BraceL); return;
            case '|': Punct(TokenKind.Pipe); return;
            case '}': Punct(TokenKind.BraceR); return;
            case '.':
                if (_pos + 2 < s.Length + 0 && s.Length - _pos >= 3 && s[_pos + 1] == '.' && s[_pos + 2] == '.')
                {
                    _pos += 3; Kind = TokenKind.Spread; return;
                }
                throw Error(_pos, "Unexpected character: \".\".");
            case '"':
                if (s.Length - _pos >= 3 && s[_pos + 1] == '"' && s[_pos + 2] == '"') ReadBlockString();
                else ReadString();
                return;
        }
        if (IsNameStart(c)) { ReadName(); return; }
        if (c == '-' || char.IsAsciiDigit(c)) { ReadNumber(); return; }
        throw Error(_pos, $"Unexpected character: {Printable(s, _pos)}.");
    }

    private void Punct(TokenKind kind) { _pos++; Kind = kind; }

    private static string Printable(ReadOnlySpan<char> s, int pos)
    {
        var c = s[pos];
        if (char.IsHighSurrogate(c) && pos + 1 < s.Length && char.IsLowSurrogate(s[pos + 1]))
            return $"U+{char.ConvertToUtf32(c, s[pos + 1]):X4}";
        if (c < 0x20 || c == 0x7F || char.IsSurrogate(c)) return $"U+{(int)c:X4}";
        return $"\"{c}\"";
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';
    private static bool IsNameContinue(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private void SkipIgnored()
    {
        var s = _source.AsSpan();
        while (_pos < s.Length)
        {
            var c = s[_pos];
            switch (c)
            {
                case ' ' or '\t' or ',' or '\uFEFF': _pos++; break;
                case '\n': _pos++; NewLine(); break;
                case '\r':
                    _pos++;
                    if (_pos < s.Length && s[_pos] == '\n') _pos++;
                    NewLine();
                    break;
                case '#':
                    while (_pos < s.Length && s[_pos] != '\n' && s[_pos] != '\r') _pos++;
                    break;
                default: return;
            }
        }
    }

    private void NewLine() { _line++; _lineStart = _pos; }

    private void ReadName()
    {
        var s = _source.AsSpan();
        var start = _pos++;
        while (_pos < s.Length && IsNameContinue(s[_pos])) _pos++;
        Kind = TokenKind.Name;
        Value = _source.Substring(start, _pos - start);
    }

    private void ReadNumber()
    {
        var s = _source.AsSpan();
        var start = _pos;
        var isFloat = false;
        if (s[_pos] == '-') _pos++;
        if (_pos < s.Length && s[_pos] == '0')
        {
            _pos++;
            if (_pos < s.Length && char.IsAsciiDigit(s[_pos]))
                throw Error(_pos, $"Invalid number, unexpected digit after 0: {Printable(s, _pos)}.");
        }
        else ReadDigits(s);
        if (_pos < s.Length && s[_pos] == '.')
        {
            isFloat = true; _pos++; ReadDigits(s);
        }
        if (_pos < s.Length && (s[_pos] == 'e' || s[_pos] == 'E'))
        {
            isFloat = true; _pos++;
            if (_pos < s.Length && (s[_pos] == '+' || s[_pos] == '-')) _pos++;
            ReadDigits(s);
        }
        if (_pos < s.Length && (s[_pos] == '.' || IsNameStart(s[_pos])))
            throw Error(_pos, $"Invalid number, expected digit but got: {Printable(s, _pos)}.");
        Kind = isFloat ? TokenKind.Float : TokenKind.Int;
        Value = _source.Substring(start, _pos - start);
    }

    private void ReadDigits(ReadOnlySpan<char> s)
    {
        if (_pos >= s.Length || !char.IsAsciiDigit(s[_pos]))
            throw Error(_pos, $"Invalid number, expected digit but got: {(_pos >= s.Length ? "<EOF>" : Printable(s, _pos))}.");
        while (_pos < s.Length && char.IsAsciiDigit(s[_pos])) _pos++;
    }

    private void ReadString()
    {
        var s = _source.AsSpan();
        _pos++;
        var chunkStart = _pos;
        StringBuilder? sb = null;
        while (_pos < s.Length)
        {
            var c = s[_pos];
            if (c == '"')
            {
                var tail = s[chunkStart.._pos];
                Value = sb is null ? tail.ToString() : sb.Append(tail).ToString();
                _pos++;
                Kind = TokenKind.String;
                return;
            }
            if (c == '\\')
            {
                sb ??= new StringBuilder();
                sb.Append(s[chunkStart.._pos]);
                ReadEscape(s, sb);
                chunkStart = _pos;
                continue;
            }
            if (c == '\n' || c == '\r') break;
            CheckSourceChar(s, "String");
            _pos++;
        }
        throw Error(_pos, "Unterminated string.");
    }

    private void CheckSourceChar(ReadOnlySpan<char> s, string where)
    {
        var c = s[_pos];
        if (c < 0x20 && c != '\t')
            throw Error(_pos, $"Invalid character within {where}: {Printable(s, _pos)}.");
        if (char.IsHighSurrogate(c))
        {
            if (_pos + 1 < s.Length && char.IsLowSurrogate(s[_pos + 1])) { _pos++; return; }
            throw Error(_pos, $"Invalid character within {where}: {Printable(s, _pos)}.");
        }
        if (char.IsLowSurrogate(c))
            throw Error(_pos, $"Invalid character within {where}: {Printable(s, _pos)}.");
    }

    private void ReadEscape(ReadOnlySpan<char> s, StringBuilder sb)
    {
        var start = _pos;
        if (_pos + 1 >= s.Length) throw Error(_pos, "Unterminated string.");
        var e = s[_pos + 1];
        _pos += 2;
        switch (e)
        {
            case '"': sb.Append('"'); return;
            case '\\': sb.Append('\\'); return;
            case '/': sb.Append('/'); return;
            case 'b': sb.Append('\b'); return;
            case 'f': sb.Append('\f'); return;
            case 'n': sb.Append('\n'); return;
            case 'r': sb.Append('\r'); return;
            case 't': sb.Append('\t'); return;
            case 'u':
                if (_pos < s.Length && s[_pos] == '{')
                {
                    // Variable-width escape: \u{1F600}
                    var close = s[_pos..].IndexOf('}');
                    if (close > 1 && close <= 9 && int.TryParse(s.Slice(_pos + 1, close - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var cp)
                        && IsScalarValue(cp))
                    {
                        sb.Append(char.ConvertFromUtf32(cp));
                        _pos += close + 1;
                        return;
                    }
                    throw Error(start, $"Invalid Unicode escape sequence: \"{Snippet(s, start, close < 0 ? 4 : close + 3)}\".");
                }
                if (s.Length - _pos >= 4 && int.TryParse(s.Slice(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var u))
                {
                    _pos += 4;
                    if (char.IsHighSurrogate((char)u))
                    {
                        // Must be followed by an escaped low surrogate.
                        if (s.Length - _pos >= 6 && s[_pos] == '\\' && s[_pos + 1] == 'u'
                            && int.TryParse(s.Slice(_pos + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var lo)
                            && char.IsLowSurrogate((char)lo))
                        {
                            sb.Append((char)u).Append((char)lo);
                            _pos += 6;
                            return;
                        }
                        throw Error(start, $"Invalid Unicode escape sequence: \"{Snippet(s, start, 6)}\".");
                    }
                    if (char.IsLowSurrogate((char)u))
                        throw Error(start, $"Invalid Unicode escape sequence: \"{Snippet(s, start, 6)}\".");
                    sb.Append((char)u);
                    return;
                }
                throw Error(start, $"Invalid Unicode escape sequence: \"{Snippet(s, start, 6)}\".");
            default:
                throw Error(start, $"Invalid character escape sequence: \"{Snippet(s, start, 2)}\".");
        }
    }

    private static bool IsScalarValue(int cp) => cp is >= 0 and <= 0x10FFFF and (< 0xD800 or > 0xDFFF);

    private static string Snippet(ReadOnlySpan<char> s, int start, int len) => s.Slice(start, Math.Min(len, s.Length - start)).ToString();

    private void ReadBlockString()
    {
        var s = _source.AsSpan();
        _pos += 3;
        var chunkStart = _pos;
        var sb = new StringBuilder();
        while (_pos < s.Length)
        {
            var c = s[_pos];
            if (c == '"' && s.Length - _pos >= 3 && s[_pos + 1] == '"' && s[_pos + 2] == '"')
            {
                sb.Append(s[chunkStart.._pos]);
                _pos += 3;
                Kind = TokenKind.BlockString;
                Value = BlockStringValue(sb.ToString());
                return;
            }
            if (c == '\\' && s.Length - _pos >= 4 && s[_pos + 1] == '"' && s[_pos + 2] == '"' && s[_pos + 3] == '"')
            {
                sb.Append(s[chunkStart.._pos]).Append("\"\"\"");
                _pos += 4;
                chunkStart = _pos;
                continue;
            }
            if (c == '\n') { _pos++; NewLine(); continue; }
            if (c == '\r')
            {
                _pos++;
                if (_pos < s.Length && s[_pos] == '\n') _pos++;
                NewLine();
                continue;
            }
            CheckSourceChar(s, "String");
            _pos++;
        }
        throw Error(_pos, "Unterminated string.");
    }

    /// <summary>Spec algorithm BlockStringValue: common indentation and blank leading/trailing lines removed.</summary>
    internal static string BlockStringValue(string raw)
    {
        var lines = raw.ReplaceLineEndings("\n").Split('\n');
        int? common = null;
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var indent = 0;
            while (indent < line.Length && (line[indent] == ' ' || line[indent] == '\t')) indent++;
            if (indent < line.Length && (common is null || indent < common)) common = indent;
        }
        if (common is > 0)
            for (var i = 1; i < lines.Length; i++)
                lines[i] = lines[i].Length >= common ? lines[i][common.Value..] : "";
        var first = 0; var last = lines.Length - 1;
        while (first <= last && IsBlank(lines[first])) first++;
        while (last >= first && IsBlank(lines[last])) last--;
        return first > last ? "" : string.Join('\n', lines, first, last - first + 1);

        static bool IsBlank(string l) { foreach (var ch in l) if (ch != ' ' && ch != '\t') return false; return true; }
    }
}
