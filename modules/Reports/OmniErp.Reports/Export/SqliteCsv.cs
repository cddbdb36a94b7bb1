using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace OmniErp.Reports.Export;

/// <summary>
/// The CSV export on SQLite: the statement is stepped directly on the connection's SQLite handle and each field is
/// taken as SQLite holds it (integers and reals as numbers, text as its UTF-8 bytes, straight into the output buffer)
/// — no data reader, no per-field strings, one thread. The bytes are those of <see cref="CsvExport"/> reading the same
/// rows through Microsoft.Data.Sqlite (pinned by a test on every report and on random values), including its
/// conversions: a decimal stored as text is parsed as <c>GetDecimal</c> parses it, a real is cast to decimal, dates
/// are parsed from their text. Parameters are bound as Microsoft.Data.Sqlite binds them (also pinned by a test); a
/// value of another type, or a statement that is not one statement, makes it decline (<c>null</c>, nothing written)
/// and the caller uses <see cref="CsvExport"/>.
/// </summary>
internal static class SqliteCsv
{
    private const int FlushAt = CsvExport.FlushAt;
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    public static async Task<long?> TryWriteAsync(SqliteConnection connection, string sql, IReadOnlyDictionary<string, object?> parameters,
        IReadOnlyList<ReportColumn> columns, Stream output, IProgress<long>? progress, CancellationToken ct)
    {
        if (connection.Handle is not { } db) return null;
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement, out var tail);
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
        using var stmt = statement;
        if (!string.IsNullOrWhiteSpace(tail?.Trim().TrimEnd(';')) || raw.sqlite3_column_count(stmt) != columns.Count || !Bind(stmt, parameters))
            return null;

        var bytes = await CsvExport.StartAsync(output, columns, ct);
        try
        {
            var types = columns.Select(c => c.Type).ToArray();
            var state = new StepState();
            bool done;
            do
            {
                ct.ThrowIfCancellationRequested();
                done = Step(db, stmt, types, bytes, state);
                await bytes.FlushAsync(output, ct);
                progress?.Report(state.Rows);
            } while (!done);
            return state.Rows;
        }
        finally
        {
            bytes.Return();
        }
    }

    /// <summary>Binds each parameter of the statement from <paramref name="parameters"/> (by name, without its
    /// @, : or $) as Microsoft.Data.Sqlite binds a value of that type; false if one cannot be bound here.</summary>
    private static bool Bind(sqlite3_stmt stmt, IReadOnlyDictionary<string, object?> parameters)
    {
        for (var i = 1; i <= raw.sqlite3_bind_parameter_count(stmt); i++)
        {
            var name = raw.sqlite3_bind_parameter_name(stmt, i).utf8_to_string();
            if (name is not { Length: > 1 } || !parameters.TryGetValue(name[1..], out var value)) return false;
            var rc = value switch
            {
                null or PostgresLiterals.Null => raw.sqlite3_bind_null(stmt, i),
                string s => raw.sqlite3_bind_text(stmt, i, s),
                DateTimeOffset d => raw.sqlite3_bind_text(stmt, i, d.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)),
                DateTime d => raw.sqlite3_bind_text(stmt, i, d.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
                decimal d => raw.sqlite3_bind_text(stmt, i, d.ToString("0.0###########################", CultureInfo.InvariantCulture)),
                long n => raw.sqlite3_bind_int64(stmt, i, n),
                int n => raw.sqlite3_bind_int64(stmt, i, n),
                short n => raw.sqlite3_bind_int64(stmt, i, n),
                bool b => raw.sqlite3_bind_int64(stmt, i, b ? 1 : 0),
                _ => -1,
            };
            if (rc != raw.SQLITE_OK) return false;
        }
        return true;
    }

    /// <summary>Steps and formats rows until the buffer is due to be flushed; true when the statement is done.</summary>
    private sealed class StepState
    {
        public long Rows;
        public long BusySince;
    }

    private static bool Step(sqlite3 db, sqlite3_stmt stmt, ColumnType[] types, Utf8Buffer bytes, StepState state)
    {
        while (bytes.Length < FlushAt)
        {
            var rc = raw.sqlite3_step(stmt);
            if (rc == raw.SQLITE_DONE) return true;
            if (rc != raw.SQLITE_ROW)
            {
                Busy(db, stmt, rc, state);
                continue;
            }
            for (var i = 0; i < types.Length; i++)
            {
                if (i > 0) bytes.Byte((byte)',');
                var type = raw.sqlite3_column_type(stmt, i);
                if (type == raw.SQLITE_NULL) continue;
                switch (types[i])
                {
                    case ColumnType.Integer:
                        bytes.Integer(raw.sqlite3_column_int64(stmt, i));
                        break;
                    case ColumnType.Decimal when type == raw.SQLITE_INTEGER:
                        bytes.Integer(raw.sqlite3_column_int64(stmt, i)); // a whole decimal prints as the integer
                        break;
                    case ColumnType.Decimal when type == raw.SQLITE_FLOAT:
                        bytes.Decimal((decimal)raw.sqlite3_column_double(stmt, i));
                        break;
                    case ColumnType.Decimal: // text: as SqliteDataReader.GetDecimal parses it
                        bytes.Decimal(decimal.Parse(Text(stmt, i), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture));
                        break;
                    case ColumnType.Date or ColumnType.Timestamp when type != raw.SQLITE_TEXT:
                        throw new InvalidCastException($"Cannot read {(type == raw.SQLITE_INTEGER ? "Int64" : type == raw.SQLITE_FLOAT ? "Double" : "Byte[]")} as a date.");
                    case ColumnType.Date:
                        bytes.Date(ParseDate(Text(stmt, i)));
                        break;
                    case ColumnType.Timestamp:
                        var utf8 = raw.sqlite3_column_blob(stmt, i);
                        if (IsUtcText(utf8)) bytes.UtcText(utf8); // written without parsing
                        else bytes.Timestamp(ParseDate(Encoding.UTF8.GetString(utf8)));
                        break;
                    default: // text, and a number in a text column as SQLite writes it as text
                        bytes.Text(raw.sqlite3_column_blob(stmt, i));
                        break;
                }
            }
            bytes.Byte((byte)'\r');
            bytes.Byte((byte)'\n');
            state.Rows++;
        }
        return false;
    }

    /// <summary>SQLITE_BUSY / SQLITE_LOCKED before the first row (taking the read lock): waits and lets the caller step
    /// again, up to Microsoft.Data.Sqlite's default command timeout; any other code, or later, throws.</summary>
    private static void Busy(sqlite3 db, sqlite3_stmt stmt, int rc, StepState state)
    {
        if (rc is not (raw.SQLITE_BUSY or raw.SQLITE_LOCKED) || state.Rows > 0) SqliteException.ThrowExceptionForRC(rc, db);
        if (state.BusySince == 0) state.BusySince = Stopwatch.GetTimestamp();
        else if (Stopwatch.GetElapsedTime(state.BusySince) > BusyTimeout) SqliteException.ThrowExceptionForRC(rc, db);
        raw.sqlite3_reset(stmt);
        Thread.Sleep(10);
    }

    private static string Text(sqlite3_stmt stmt, int i) => Encoding.UTF8.GetString(raw.sqlite3_column_blob(stmt, i));

    private static DateTime ParseDate(string s) =>
        DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    /// <summary>SQLite's UTC text "yyyy-MM-dd HH:mm:ss[.fffffff]+00:00" (ASCII), written as "yyyy-MM-ddTHH:mm:ssZ" as is.</summary>
    private static bool IsUtcText(ReadOnlySpan<byte> s) =>
        s.Length >= 25 && s[4] == '-' && s[10] == ' ' && s[13] == ':' && s.EndsWith("+00:00"u8) && System.Text.Ascii.IsValid(s);
}
