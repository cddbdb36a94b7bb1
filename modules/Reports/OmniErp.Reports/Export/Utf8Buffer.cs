using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace OmniErp.Reports.Export;

/// <summary>
/// A pooled UTF-8 byte buffer that CSV fields are formatted straight into (no per-field strings, no char buffer to
/// encode afterwards). The bytes are exactly those of formatting the value as text with the invariant culture and
/// encoding it to UTF-8: integers and amounts as <c>ToString(CultureInfo.InvariantCulture)</c> would, dates as
/// <c>yyyy-MM-dd</c>, timestamps as <c>yyyy-MM-ddTHH:mm:ssZ</c>, text RFC 4180-quoted only when it must be.
/// </summary>
internal sealed class Utf8Buffer(int size)
{
    private static readonly SearchValues<char> MustQuote = SearchValues.Create(",\"\r\n");
    private static readonly SearchValues<byte> MustQuoteUtf8 = SearchValues.Create(",\"\r\n"u8);
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(size);
    private int _length;

    public int Length => _length;

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

    public async ValueTask FlushAsync(Stream output, CancellationToken ct)
    {
        if (_length == 0) return;
        await output.WriteAsync(_bytes.AsMemory(0, _length), ct);
        _length = 0;
    }

    public void Return()
    {
        if (_bytes.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = [];
    }

    private Span<byte> Free(int atLeast)
    {
        if (_bytes.Length - _length < atLeast)
        {
            // Only a row longer than the slack gets here: grow (kept until the export ends).
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _length + atLeast));
            _bytes.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = bigger;
        }
        return _bytes.AsSpan(_length);
    }

    /// <summary>Drops what was written after <paramref name="length"/> (a row that turned out incomplete).</summary>
    public void Truncate(int length) => _length = Math.Min(_length, length);

    public void Byte(byte b)
    {
        if (_length == _bytes.Length) Free(1);
        _bytes[_length++] = b;
    }

    public void Integer(long value)
    {
        Utf8Formatter.TryFormat(value, Free(24), out var written);
        _length += written;
    }

    /// <summary>As <c>decimal.ToString(CultureInfo.InvariantCulture)</c> ("G": every digit of the scale, so 1.5000
    /// stays 1.5000). Values whose digits fit in 64 bits (every amount we store) are written from the mantissa
    /// directly; others by the runtime's formatter.</summary>
    public void Decimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
        if (bits[2] != 0 || mantissa == 0)
        {
            value.TryFormat(Free(64), out var w, default, CultureInfo.InvariantCulture);
            _length += w;
            return;
        }
        Scaled(mantissa, (bits[3] >> 16) & 0xFF, bits[3] < 0);
    }

    /// <summary>The decimal with this (non-zero) mantissa, scale and sign, as <see cref="Decimal"/> writes it.</summary>
    public void Scaled(ulong mantissa, int scale, bool negative)
    {
        var span = Free(64);
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(mantissa, digits, out var n);
        var at = 0;
        if (negative) span[at++] = (byte)'-';
        if (scale == 0)
        {
            digits[..n].CopyTo(span[at..]);
            at += n;
        }
        else if (n > scale)
        {
            digits[..(n - scale)].CopyTo(span[at..]);
            at += n - scale;
            span[at++] = (byte)'.';
            digits[(n - scale)..n].CopyTo(span[at..]);
            at += scale;
        }
        else
        {
            span[at++] = (byte)'0';
            span[at++] = (byte)'.';
            span.Slice(at, scale - n).Fill((byte)'0');
            at += scale - n;
            digits[..n].CopyTo(span[at..]);
            at += n;
        }
        _length += at;
    }

    /// <summary>yyyy-MM-dd</summary>
    public void Date(DateTime value)
    {
        var span = Free(10);
        WriteDate(span, value);
        _length += 10;
    }

    /// <summary>yyyy-MM-ddTHH:mm:ssZ (seconds truncated, as the format string does).</summary>
    public void Timestamp(DateTime value)
    {
        var span = Free(20);
        WriteDate(span, value);
        span[10] = (byte)'T';
        Two(span[11..], value.Hour);
        span[13] = (byte)':';
        Two(span[14..], value.Minute);
        span[16] = (byte)':';
        Two(span[17..], value.Second);
        span[19] = (byte)'Z';
        _length += 20;
    }

    /// <summary>SQLite's UTC text "yyyy-MM-dd HH:mm:ss[.f…]+00:00" (ASCII, checked by the caller) as "yyyy-MM-ddTHH:mm:ssZ".</summary>
    public void UtcText(string s)
    {
        var span = Free(20);
        for (var i = 0; i < 19; i++) span[i] = (byte)s[i];
        span[10] = (byte)'T';
        span[19] = (byte)'Z';
        _length += 20;
    }

    /// <summary>As <see cref="UtcText(string)"/>, from the text's UTF-8 (ASCII) bytes.</summary>
    public void UtcText(ReadOnlySpan<byte> s)
    {
        var span = Free(20);
        s[..19].CopyTo(span);
        span[10] = (byte)'T';
        span[19] = (byte)'Z';
        _length += 20;
    }

    private static void WriteDate(Span<byte> span, DateTime value)
    {
        value.Deconstruct(out int year, out int month, out int day);
        Two(span, year / 100);
        Two(span[2..], year % 100);
        span[4] = (byte)'-';
        Two(span[5..], month);
        span[7] = (byte)'-';
        Two(span[8..], day);
    }

    private static void Two(Span<byte> span, int value)
    {
        span[0] = (byte)('0' + value / 10);
        span[1] = (byte)('0' + value % 10);
    }

    /// <summary>Quotes a field only when it must (comma, quote, line break) and doubles its quotes; a leading
    /// =, +, - or @ is prefixed with an apostrophe so a spreadsheet never runs it as a formula.</summary>
    public void Text(string value)
    {
        var guard = value.Length > 0 && value[0] is '=' or '+' or '@' or '-' && !IsNumber(value);
        var quote = value.AsSpan().IndexOfAny(MustQuote) >= 0;
        if (!quote && !guard)
        {
            _length += Encoding.UTF8.GetBytes(value, Free(Encoding.UTF8.GetMaxByteCount(value.Length)));
            return;
        }
        Free(Encoding.UTF8.GetMaxByteCount(value.Length * 2) + 4);
        if (quote) _bytes[_length++] = (byte)'"';
        if (guard) _bytes[_length++] = (byte)'\'';
        var rest = value.AsSpan();
        while (true)
        {
            var q = rest.IndexOf('"');
            var part = q < 0 ? rest : rest[..q];
            _length += Encoding.UTF8.GetBytes(part, _bytes.AsSpan(_length));
            if (q < 0) break;
            _bytes[_length++] = (byte)'"';
            _bytes[_length++] = (byte)'"';
            rest = rest[(q + 1)..];
        }
        if (quote) _bytes[_length++] = (byte)'"';
    }

    /// <summary>As <see cref="Text(string)"/> for text given as UTF-8 (bytes that are not valid UTF-8 go through a
    /// string, so they are replaced exactly as decoding them would; <paramref name="validUtf8"/>: the source already
    /// guarantees valid UTF-8, no need to check).</summary>
    public void Text(ReadOnlySpan<byte> value, bool validUtf8 = false)
    {
        var guard = value.Length > 0 && value[0] is (byte)'=' or (byte)'+' or (byte)'@' or (byte)'-';
        if (guard || !validUtf8 && !System.Text.Unicode.Utf8.IsValid(value))
        {
            Text(Encoding.UTF8.GetString(value));
            return;
        }
        if (value.IndexOfAny(MustQuoteUtf8) < 0)
        {
            value.CopyTo(Free(value.Length));
            _length += value.Length;
            return;
        }
        Free(value.Length * 2 + 2);
        _bytes[_length++] = (byte)'"';
        while (true)
        {
            var q = value.IndexOf((byte)'"');
            var part = q < 0 ? value : value[..q];
            part.CopyTo(_bytes.AsSpan(_length));
            _length += part.Length;
            if (q < 0) break;
            _bytes[_length++] = (byte)'"';
            _bytes[_length++] = (byte)'"';
            value = value[(q + 1)..];
        }
        _bytes[_length++] = (byte)'"';
    }

    private static bool IsNumber(string value) => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _);
}
