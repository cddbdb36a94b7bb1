using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text;

using OmniErp.Reports.Export;

namespace OmniErp.IntegrationTests.Reports;

/// <summary>The CSV writer as it was before the two-stage pipeline (session 3), kept as the oracle of the exact bytes:
/// Writes rows from a reader to CSV as they arrive: UTF-8 with a BOM (so Excel shows Vietnamese), RFC 4180 quoting,
/// invariant numbers, ISO dates. Nothing is held but one buffer, so memory stays flat whatever the row count.
/// </summary>
internal static class ReferenceCsv
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];
    private const int FlushAt = 60_000;

    public static async Task<long> WriteAsync(DbDataReader reader, IReadOnlyList<ReportColumn> columns, Stream output, IProgress<long>? progress, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<char>(FlushAt + 4096);
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(FlushAt + 4096)];
        await output.WriteAsync(Bom, ct);
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0) Append(buffer, ",");
            AppendText(buffer, columns[i].Header);
        }
        Append(buffer, "\r\n");

        long rows = 0;
        ColumnKind[]? kinds = null;
        while (await reader.ReadAsync(ct))
        {
            kinds ??= ColumnKinds.Of(reader, columns); // on the first row: SQLite knows a field's type only then
            WriteRow(reader, kinds, buffer);
            Append(buffer, "\r\n");
            rows++;
            if (buffer.WrittenCount >= FlushAt)
            {
                await FlushAsync(buffer, bytes, output, ct);
                progress?.Report(rows);
            }
        }
        await FlushAsync(buffer, bytes, output, ct);
        progress?.Report(rows);
        return rows;
    }

    private static void WriteRow(DbDataReader reader, ColumnKind[] kinds, ArrayBufferWriter<char> buffer)
    {
        Span<char> number = stackalloc char[64];
        for (var i = 0; i < kinds.Length; i++)
        {
            if (i > 0) buffer.Write(",");
            if (reader.IsDBNull(i)) continue;
            int written;
            switch (kinds[i])
            {
                case ColumnKind.Int32:
                    reader.GetInt32(i).TryFormat(number, out written, default, CultureInfo.InvariantCulture);
                    buffer.Write(number[..written]);
                    break;
                case ColumnKind.Int64:
                    reader.GetInt64(i).TryFormat(number, out written, default, CultureInfo.InvariantCulture);
                    buffer.Write(number[..written]);
                    break;
                case ColumnKind.Decimal:
                    ColumnKinds.Decimal(reader, i).TryFormat(number, out written, default, CultureInfo.InvariantCulture);
                    buffer.Write(number[..written]);
                    break;
                case ColumnKind.Date or ColumnKind.DateTime:
                    ColumnKinds.Date(reader, i, kinds[i]).TryFormat(number, out written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    buffer.Write(number[..written]);
                    break;
                case ColumnKind.Timestamp when reader.GetFieldType(i) == typeof(string) && UtcText(reader.GetString(i), buffer):
                    break;
                case ColumnKind.Timestamp or ColumnKind.TimestampDateTime:
                    ColumnKinds.Date(reader, i, kinds[i]).TryFormat(number, out written, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                    buffer.Write(number[..written]);
                    break;
                default:
                    AppendText(buffer, reader.GetString(i));
                    break;
            }
        }
    }

    /// <summary>SQLite's UTC text "yyyy-MM-dd HH:mm:ss[.fffffff]+00:00" written as "yyyy-MM-ddTHH:mm:ssZ" without
    /// parsing; false (nothing written) for any other shape.</summary>
    private static bool UtcText(string s, ArrayBufferWriter<char> buffer)
    {
        if (s.Length < 25 || s[4] != '-' || s[10] != ' ' || s[13] != ':' || !s.EndsWith("+00:00", StringComparison.Ordinal)) return false;
        var span = buffer.GetSpan(20);
        s.AsSpan(0, 10).CopyTo(span);
        span[10] = 'T';
        s.AsSpan(11, 8).CopyTo(span[11..]);
        span[19] = 'Z';
        buffer.Advance(20);
        return true;
    }

    private static async Task FlushAsync(ArrayBufferWriter<char> buffer, byte[] bytes, Stream output, CancellationToken ct)
    {
        if (buffer.WrittenCount == 0) return;
        var count = Encoding.UTF8.GetBytes(buffer.WrittenSpan, bytes);
        buffer.ResetWrittenCount();
        await output.WriteAsync(bytes.AsMemory(0, count), ct);
    }

    private static void Append(ArrayBufferWriter<char> buffer, ReadOnlySpan<char> text) => buffer.Write(text);

    /// <summary>Quotes a field only when it must (comma, quote, line break) and doubles its quotes; a leading
    /// =, +, - or @ is prefixed with an apostrophe so a spreadsheet never runs it as a formula.</summary>
    private static void AppendText(ArrayBufferWriter<char> buffer, string value)
    {
        var guard = value.Length > 0 && value[0] is '=' or '+' or '@' or '-' && !IsNumber(value);
        var quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        if (!quote && !guard) { buffer.Write(value); return; }
        if (quote) buffer.Write("\"");
        if (guard) buffer.Write("'");
        foreach (var c in value)
        {
            if (c == '"') buffer.Write("\"\"");
            else buffer.Write(new ReadOnlySpan<char>(in c));
        }
        if (quote) buffer.Write("\"");
    }

    private static bool IsNumber(string value) => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _);
}
