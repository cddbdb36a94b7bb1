using System.Buffers;
using System.Buffers.Binary;
using System.Data;
using Npgsql;

namespace OmniErp.Reports.Export;

/// <summary>
/// The CSV export on PostgreSQL: the report's own SQL is streamed with <c>COPY (SELECT …) TO STDOUT (FORMAT binary)</c>
/// and the binary fields (text as raw UTF-8, integers, numeric digits, dates and timestamps as numbers) are formatted
/// straight into the output buffer — no data reader, no per-field strings or decimals, one thread. The bytes are those
/// of <see cref="CsvExport"/> reading the same rows through Npgsql (pinned by a test on every report and on random
/// values), including Npgsql's conversions: a numeric zero is <c>0</c> whatever its scale, other numerics keep their
/// scale.
/// <para>COPY takes no parameters, so the statement's <c>@Name</c> parameters are written into it as typed literals
/// (<see cref="PostgresLiterals"/>). Columns of a type this writer does not know, or a parameter value it cannot
/// write as a literal, make it decline (<c>null</c>, nothing written) and the caller uses <see cref="CsvExport"/>.</para>
/// </summary>
internal static class PostgresCsv
{
    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
    private const int FlushAt = CsvExport.FlushAt;
    private const int InputSize = 64 * 1024;
    private const long EpochTicks = 630822816000000000; // 2000-01-01, PostgreSQL's epoch

    private static readonly UInt128[] Pow10 = Enumerable.Range(0, 39).Select(n => Enumerable.Repeat((UInt128)10, n).Aggregate(UInt128.One, (a, b) => a * b)).ToArray();

    private enum Field : byte { Text, Int2, Int4, Int8, Numeric, NumericInteger, Date, DateOfTimestamp, Timestamp, TimestampOfDate }

    public static async Task<long?> TryWriteAsync(NpgsqlConnection connection, string sql, IReadOnlyDictionary<string, object?> parameters,
        IReadOnlyList<ReportColumn> columns, Stream output, IProgress<long>? progress, CancellationToken ct)
    {
        if (PostgresLiterals.Inline(sql, parameters) is not { } query) return null;
        if (await FieldsAsync(connection, query, columns, ct) is not { } fields) return null;

        var bytes = await CsvExport.StartAsync(output, columns, ct);
        var input = ArrayPool<byte>.Shared.Rent(InputSize);
        var copy = await connection.BeginRawBinaryCopyAsync($"COPY ({query}) TO STDOUT (FORMAT binary)", ct);
        var completed = false;
        try
        {
            // The server converts text to the client encoding (UTF8, which Npgsql sets) and so validates it, except
            // from SQL_ASCII, which it passes through unchecked.
            var state = new ParseState { ValidUtf8 = connection.PostgresParameters.TryGetValue("server_encoding", out var encoding) && encoding == "UTF8" };
            int start = 0, end = 0;
            while (true)
            {
                start += Parse(input.AsSpan(start, end - start), fields, bytes, ref state);
                if (bytes.Length >= FlushAt)
                {
                    await bytes.FlushAsync(output, ct);
                    progress?.Report(state.Rows);
                    continue;
                }
                if (state.Done) break;

                // Keep the incomplete tuple, read more behind it (one COPY message is one row).
                if (start > 0)
                {
                    input.AsSpan(start, end - start).CopyTo(input);
                    end -= start;
                    start = 0;
                }
                if (end == input.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(input.Length * 2);
                    input.AsSpan(0, end).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(input);
                    input = bigger;
                }
                var read = await copy.ReadAsync(input.AsMemory(end), ct);
                if (read == 0) throw new InvalidOperationException("The COPY data ended before its trailer.");
                end += read;
            }
            while (await copy.ReadAsync(input, ct) > 0) { } // to the end of the COPY
            completed = true;
            await bytes.FlushAsync(output, ct);
            progress?.Report(state.Rows);
            return state.Rows;
        }
        finally
        {
            if (!completed)
                try { await copy.CancelAsync(); } catch { /* the first failure is the one reported */ }
            try { await copy.DisposeAsync(); } catch when (!completed) { /* idem: the cancellation's own error */ }
            ArrayPool<byte>.Shared.Return(input);
            bytes.Return();
        }
    }

    /// <summary>How each column is read and written, from the statement's row description; null when a column's
    /// type is not one this writer formats exactly as <see cref="CsvExport"/> would.</summary>
    private static async Task<Field[]?> FieldsAsync(NpgsqlConnection connection, string query, IReadOnlyList<ReportColumn> columns, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(query, connection);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SchemaOnly, ct);
        if (reader.FieldCount != columns.Count) return null;
        var fields = new Field[columns.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            var oid = reader.GetDataTypeOID(i);
            Field? field = (columns[i].Type, oid) switch
            {
                (ColumnType.Text, 25 or 1043 or 1042 or 19) => Field.Text, // text, varchar, bpchar, name
                (ColumnType.Integer or ColumnType.Decimal, 21) => Field.Int2,
                (ColumnType.Integer or ColumnType.Decimal, 23) => Field.Int4,
                (ColumnType.Integer or ColumnType.Decimal, 20) => Field.Int8,
                (ColumnType.Decimal, 1700) => Field.Numeric,
                (ColumnType.Integer, 1700) => Field.NumericInteger, // SUM(bigint) is numeric; Npgsql's GetInt64 truncates

                (ColumnType.Date, 1082) => Field.Date,
                (ColumnType.Date, 1184 or 1114) => Field.DateOfTimestamp, // timestamptz, timestamp
                (ColumnType.Timestamp, 1184 or 1114) => Field.Timestamp,
                (ColumnType.Timestamp, 1082) => Field.TimestampOfDate,
                _ => null,
            };
            if (field is null) return null;
            fields[i] = field.Value;
        }
        return fields;
    }

    private struct ParseState
    {
        public bool ValidUtf8;
        public bool Header;
        public bool Done;
        public long Rows;
    }

    /// <summary>Formats the complete tuples at the start of <paramref name="data"/> (stopping once the output buffer
    /// is due to be flushed) and returns how many bytes they took.</summary>
    private static int Parse(ReadOnlySpan<byte> data, Field[] fields, Utf8Buffer bytes, ref ParseState state)
    {
        var at = 0;
        if (!state.Header)
        {
            if (data.Length < 19) return 0;
            if (!data[..11].SequenceEqual(Signature)) throw new InvalidOperationException("Not a binary COPY stream.");
            var extension = BinaryPrimitives.ReadInt32BigEndian(data[15..]);
            if (data.Length < 19 + extension) return 0;
            at = 19 + extension;
            state.Header = true;
        }
        while (bytes.Length < FlushAt)
        {
            if (data.Length - at < 2) return at;
            var count = BinaryPrimitives.ReadInt16BigEndian(data[at..]);
            if (count == -1)
            {
                state.Done = true;
                return at + 2;
            }
            if (count != fields.Length) throw new InvalidOperationException($"COPY sent {count} fields, expected {fields.Length}.");
            var mark = bytes.Length;
            var p = at + 2;
            for (var i = 0; i < fields.Length; i++)
            {
                if (data.Length - p < 4) { bytes.Truncate(mark); return at; }
                var length = BinaryPrimitives.ReadInt32BigEndian(data[p..]);
                p += 4;
                if (i > 0) bytes.Byte((byte)',');
                if (length < 0) continue; // NULL
                if (data.Length - p < length) { bytes.Truncate(mark); return at; }
                Write(fields[i], data.Slice(p, length), bytes, state.ValidUtf8);
                p += length;
            }
            bytes.Byte((byte)'\r');
            bytes.Byte((byte)'\n');
            state.Rows++;
            at = p;
        }
        return at;
    }

    /// <summary>A numeric of up to four base-10000 digits whose mantissa fits 64 bits (every amount we store) is written
    /// from its digits; others through the decimal Npgsql would read.</summary>
    private static void WriteNumeric(ReadOnlySpan<byte> value, Utf8Buffer bytes)
    {
        var count = BinaryPrimitives.ReadInt16BigEndian(value);
        var weight = BinaryPrimitives.ReadInt16BigEndian(value[2..]);
        var sign = BinaryPrimitives.ReadUInt16BigEndian(value[4..]);
        var scale = BinaryPrimitives.ReadInt16BigEndian(value[6..]);
        var shift = (weight + 1 - count) * 4 + scale;
        if (count is < 1 or > 4 || sign is not (0x0000 or 0x4000) || scale is < 0 or > 28 || shift is < -3 or > 3)
        {
            bytes.Decimal(Numeric(value));
            return;
        }
        ulong mantissa = 0;
        for (var i = 0; i < count; i++) mantissa = mantissa * 10000 + BinaryPrimitives.ReadUInt16BigEndian(value[(8 + 2 * i)..]);
        for (var i = 0; i < shift; i++) mantissa *= 10; // < 10^16 · 10^3: no overflow
        for (var i = 0; i > shift; i--) mantissa /= 10; // only zeros go: a value has no digits beyond its scale
        bytes.Scaled(mantissa, scale, sign == 0x4000);
    }

    private static void Write(Field field, ReadOnlySpan<byte> value, Utf8Buffer bytes, bool validUtf8)
    {
        switch (field)
        {
            case Field.Text: bytes.Text(value, validUtf8); break;
            case Field.Int2: bytes.Integer(BinaryPrimitives.ReadInt16BigEndian(value)); break;
            case Field.Int4: bytes.Integer(BinaryPrimitives.ReadInt32BigEndian(value)); break;
            case Field.Int8: bytes.Integer(BinaryPrimitives.ReadInt64BigEndian(value)); break;
            case Field.Numeric: WriteNumeric(value, bytes); break;
            case Field.NumericInteger: bytes.Integer(decimal.ToInt64(Numeric(value))); break;
            case Field.Date: bytes.Date(FromDays(BinaryPrimitives.ReadInt32BigEndian(value))); break;
            case Field.DateOfTimestamp: bytes.Date(FromMicroseconds(BinaryPrimitives.ReadInt64BigEndian(value))); break;
            case Field.Timestamp: bytes.Timestamp(FromMicroseconds(BinaryPrimitives.ReadInt64BigEndian(value))); break;
            case Field.TimestampOfDate: bytes.Timestamp(FromDays(BinaryPrimitives.ReadInt32BigEndian(value))); break;
        }
    }

    private static DateTime FromDays(int days) => days is int.MaxValue or int.MinValue
        ? throw new InvalidCastException("Cannot read infinity as a date.")
        : new DateTime(EpochTicks + days * TimeSpan.TicksPerDay);

    private static DateTime FromMicroseconds(long microseconds) => microseconds is long.MaxValue or long.MinValue
        ? throw new InvalidCastException("Cannot read infinity as a timestamp.")
        : new DateTime(EpochTicks + microseconds * 10);

    /// <summary>A binary numeric (base-10000 digits, weight, sign, display scale) as the decimal Npgsql reads: the
    /// exact value with the display scale as its scale (so 0.0000 stays 0.0000).</summary>
    internal static decimal Numeric(ReadOnlySpan<byte> value)
    {
        var count = BinaryPrimitives.ReadInt16BigEndian(value);
        var weight = BinaryPrimitives.ReadInt16BigEndian(value[2..]);
        var sign = BinaryPrimitives.ReadUInt16BigEndian(value[4..]);
        var scale = BinaryPrimitives.ReadInt16BigEndian(value[6..]);
        if (sign is not (0x0000 or 0x4000)) throw new InvalidCastException("Numeric NaN or infinity cannot be read as a decimal.");
        if (count > 8 || scale is < 0 or > 28) throw new OverflowException("Numeric value does not fit in a System.Decimal");
        if (count == 0) return new decimal(0, 0, 0, false, (byte)scale);

        UInt128 digits = 0;
        for (var i = 0; i < count; i++)
            digits = digits * 10000 + BinaryPrimitives.ReadUInt16BigEndian(value[(8 + 2 * i)..]);
        // The last digit is worth 10000^(weight + 1 - count); the mantissa is the value times 10^scale.
        var shift = (weight + 1 - count) * 4 + scale;
        if (shift >= 0)
        {
            // digits < 10^32 and the mantissa must stay below 2^96 (< 10^29): past 10^38 it cannot, and never wraps.
            if (shift > 28 || digits >= Pow10[38 - shift]) throw new OverflowException("Numeric value does not fit in a System.Decimal");
            digits *= Pow10[shift];
        }
        else digits = -shift > 38 ? 0 : digits / Pow10[-shift]; // only zeros go: a value has no digits beyond its scale
        if (digits >> 96 != 0) throw new OverflowException("Numeric value does not fit in a System.Decimal");
        return new decimal((int)(uint)digits, (int)(uint)(digits >> 32), (int)(uint)(digits >> 64), sign == 0x4000, (byte)scale);
    }
}
