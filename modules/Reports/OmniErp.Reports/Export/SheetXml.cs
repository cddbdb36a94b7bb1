using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text;

namespace OmniErp.Reports.Export;

/// <summary>The sheet XML of an XLSX export, written as text into one buffer and encoded to UTF-8 in large chunks.</summary>
internal sealed class SheetXml(Stream output)
{
    private const int FlushAt = 60_000;
    private readonly ArrayBufferWriter<char> _buffer = new(FlushAt + 8192);
    private readonly byte[] _bytes = new byte[Encoding.UTF8.GetMaxByteCount(FlushAt + 8192)];

    public void Raw(ReadOnlySpan<char> text) => _buffer.Write(text);

    public void NumberCell(ReadOnlySpan<char> value, uint style)
    {
        Raw(style switch { 2 => "<x:c s=\"2\"><x:v>", 3 => "<x:c s=\"3\"><x:v>", 4 => "<x:c s=\"4\"><x:v>", 5 => "<x:c s=\"5\"><x:v>", _ => "<x:c><x:v>" });
        Raw(value);
        Raw("</x:v></x:c>");
    }

    public void TextCell(string text, uint style)
    {
        Raw(style == 0 ? "<x:c t=\"inlineStr\"><x:is><x:t xml:space=\"preserve\">" : $"<x:c s=\"{style}\" t=\"inlineStr\"><x:is><x:t xml:space=\"preserve\">");
        Escape(text);
        Raw("</x:t></x:is></x:c>");
    }

    /// <summary>XML text: &amp; &lt; &gt; escaped; characters XML 1.0 cannot hold (most C0 controls, lone surrogates) dropped.</summary>
    private void Escape(string text)
    {
        var span = text.AsSpan();
        while (span.Length > 0)
        {
            var i = IndexOfSpecial(span);
            if (i < 0) { Raw(span); return; }
            Raw(span[..i]);
            var c = span[i];
            switch (c)
            {
                case '&': Raw("&amp;"); break;
                case '<': Raw("&lt;"); break;
                case '>': Raw("&gt;"); break;
                case '\t' or '\n' or '\r': Raw(new ReadOnlySpan<char>(in c)); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1])) { Raw(span.Slice(i, 2)); i++; }
                    break; // dropped
            }
            span = span[(i + 1)..];
        }
    }

    private static readonly SearchValues<char> Special = SearchValues.Create(
        "&<>\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\uFFFE\uFFFF"
        + string.Concat(Enumerable.Range(0xD800, 0x800).Select(c => (char)c)));

    private static int IndexOfSpecial(ReadOnlySpan<char> span) => span.IndexOfAny(Special);

    public void FlushIfFull()
    {
        if (_buffer.WrittenCount >= FlushAt) Flush();
    }

    public void Flush()
    {
        if (_buffer.WrittenCount == 0) return;
        var count = Encoding.UTF8.GetBytes(_buffer.WrittenSpan, _bytes);
        _buffer.ResetWrittenCount();
        output.Write(_bytes, 0, count);
    }
}

internal enum ColumnKind { Text, Int32, Int64, Decimal, Date, DateTime, Timestamp, TimestampDateTime }

/// <summary>How each column is read, decided once per export from the report type and the provider's field type (so
/// the per-cell path neither asks the reader for types again nor boxes values).</summary>
internal static class ColumnKinds
{
    public static ColumnKind[] Of(DbDataReader reader, IReadOnlyList<ReportColumn> columns)
    {
        var kinds = new ColumnKind[columns.Count];
        for (var i = 0; i < kinds.Length; i++)
            kinds[i] = columns[i].Type switch
            {
                ColumnType.Integer => reader.GetFieldType(i) == typeof(int) ? ColumnKind.Int32 : ColumnKind.Int64,
                ColumnType.Decimal => ColumnKind.Decimal,
                ColumnType.Date => reader.GetFieldType(i) == typeof(DateTime) ? ColumnKind.DateTime : ColumnKind.Date,
                ColumnType.Timestamp => reader.GetFieldType(i) == typeof(DateTime) ? ColumnKind.TimestampDateTime : ColumnKind.Timestamp,
                _ => ColumnKind.Text,
            };
        return kinds;
    }

    /// <summary>A decimal field without going through text where the provider stores it as a number: SQLite's
    /// GetDecimal parses the value's text, so its integers and reals are read as such.</summary>
    public static decimal Decimal(DbDataReader reader, int i)
    {
        var type = reader.GetFieldType(i);
        if (type == typeof(long)) return reader.GetInt64(i);
        if (type == typeof(double)) return (decimal)reader.GetDouble(i);
        return reader.GetDecimal(i);
    }

    public static DateTime Date(DbDataReader reader, int i, ColumnKind kind) =>
        kind is ColumnKind.DateTime or ColumnKind.TimestampDateTime ? reader.GetDateTime(i) : RowValues.Date(reader, i);
}
