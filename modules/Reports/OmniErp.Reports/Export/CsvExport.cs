using System.Buffers;
using System.Buffers.Text;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace OmniErp.Reports.Export;

/// <summary>
/// Writes rows from a reader to CSV as they arrive: UTF-8 with a BOM (so Excel shows Vietnamese), RFC 4180 quoting,
/// invariant numbers, ISO dates. The one CSV writer of the page, the background jobs, period close and the CLI.
/// <para>Two stages, so the two halves of the work run on two cores: a reading stage (its own thread) takes rows from
/// the reader with typed getters into batches of typed cells (no boxing), and the writing stage (the caller) formats
/// the batches straight into one pooled UTF-8 byte buffer (no per-field strings) and writes it out every 64 KB. Only
/// <see cref="Batches"/> batches exist and they are reused (a bounded hand-off both ways), so memory stays flat
/// whatever the row count.</para>
/// </summary>
internal static class CsvExport
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Every CSV path writes its buffer out once it holds this much.</summary>
    internal const int FlushAt = 64 * 1024;
    private const int BatchRows = 1024;
    private const int Batches = 4;

    /// <summary>
    /// The start every CSV path shares: the BOM (so Excel reads the file as UTF-8) written to <paramref name="output"/>,
    /// and a pooled buffer holding the header row; the caller disposes the buffer.
    /// </summary>
    internal static async Task<Utf8Buffer> StartAsync(Stream output, IReadOnlyList<ReportColumn> columns, CancellationToken ct)
    {
        await output.WriteAsync(Bom, ct);
        var bytes = new Utf8Buffer(FlushAt + 4096);
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0) bytes.Byte((byte)',');
            bytes.Text(columns[i].Header);
        }
        bytes.Byte((byte)'\r');
        bytes.Byte((byte)'\n');
        return bytes;
    }

    public static async Task<long> WriteAsync(DbDataReader reader, IReadOnlyList<ReportColumn> columns, Stream output, IProgress<long>? progress, CancellationToken ct)
    {
        var bytes = await StartAsync(output, columns, ct);
        try
        {
            var writes = columns.Select(c => Writing(c.Type)).ToArray();

            var full = Channel.CreateBounded<RowBatch>(new BoundedChannelOptions(Batches) { SingleReader = true, SingleWriter = true });
            var empty = Channel.CreateBounded<RowBatch>(new BoundedChannelOptions(Batches) { SingleReader = true, SingleWriter = true });
            for (var i = 0; i < Batches; i++) empty.Writer.TryWrite(new RowBatch(columns.Count, BatchRows));

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var reading = Task.Factory.StartNew(() => ReadRows(reader, columns, full.Writer, empty.Reader, stop.Token),
                stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            long rows = 0;
            try
            {
                while (await full.Reader.WaitToReadAsync(stop.Token))
                    while (full.Reader.TryRead(out var batch))
                    {
                        for (var r = 0; r < batch.Count; r++)
                        {
                            WriteRow(batch, r, writes, bytes);
                            if (bytes.Length >= FlushAt)
                            {
                                await bytes.FlushAsync(output, stop.Token);
                                progress?.Report(rows + r + 1);
                            }
                        }
                        rows += batch.Count;
                        empty.Writer.TryWrite(batch);
                    }
                await reading; // the reading stage's failure, if any
            }
            catch
            {
                await stop.CancelAsync();
                try { await reading; } catch { /* the first failure is the one reported */ }
                throw;
            }
            await bytes.FlushAsync(output, ct);
            progress?.Report(rows);
            return rows;
        }
        finally
        {
            bytes.Return();
        }
    }

    /// <summary>The reading stage: fills empty batches with typed cells and hands them on; completes the hand-off
    /// when the reader is done (or failed: the task then carries the exception).</summary>
    private static void ReadRows(DbDataReader reader, IReadOnlyList<ReportColumn> columns, ChannelWriter<RowBatch> full, ChannelReader<RowBatch> empty, CancellationToken ct)
    {
        try
        {
            ReadKind[]? kinds = null;
            var more = true;
            while (more)
            {
                if (!empty.TryRead(out var batch))
                    batch = empty.ReadAsync(ct).AsTask().GetAwaiter().GetResult();
                batch.Count = 0;
                while (batch.Count < BatchRows && (more = reader.Read()))
                {
                    kinds ??= ReadKinds(reader, columns); // on the first row: SQLite knows a field's type only then
                    batch.Load(reader, kinds);
                }
                if (batch.Count > 0)
                {
                    if (!full.TryWrite(batch))
                        full.WriteAsync(batch, ct).AsTask().GetAwaiter().GetResult();
                }
                ct.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            full.TryComplete();
        }
    }

    private enum ReadKind : byte { Text, Int32, Int64, Decimal, AnyNumber, DateTime, AnyDate, AnyTimestamp }

    private enum WriteKind : byte { Text, Integer, Decimal, Date, Timestamp }

    private static ReadKind[] ReadKinds(DbDataReader reader, IReadOnlyList<ReportColumn> columns)
    {
        var kinds = new ReadKind[columns.Count];
        for (var i = 0; i < kinds.Length; i++)
        {
            var type = reader.GetFieldType(i);
            kinds[i] = columns[i].Type switch
            {
                ColumnType.Integer => type == typeof(int) ? ReadKind.Int32 : ReadKind.Int64,
                // PostgreSQL gives decimals throughout; SQLite gives each value's own type (integer, real or text).
                ColumnType.Decimal => type == typeof(decimal) ? ReadKind.Decimal : ReadKind.AnyNumber,
                ColumnType.Date => type == typeof(DateTime) ? ReadKind.DateTime : ReadKind.AnyDate,
                ColumnType.Timestamp => type == typeof(DateTime) ? ReadKind.DateTime : ReadKind.AnyTimestamp,
                _ => ReadKind.Text,
            };
        }
        return kinds;
    }

    private static WriteKind Writing(ColumnType type) => type switch
    {
        ColumnType.Integer => WriteKind.Integer,
        ColumnType.Decimal => WriteKind.Decimal,
        ColumnType.Date => WriteKind.Date,
        ColumnType.Timestamp => WriteKind.Timestamp,
        _ => WriteKind.Text,
    };

    /// <summary>One cell: a number (integers as <see cref="Integer"/>, amounts as <see cref="Decimal"/>, dates as
    /// ticks in <see cref="Integer"/>) or text; <see cref="Has"/> is false for NULL.</summary>
    private struct Cell
    {
        public decimal Decimal;
        public long Integer;
        public string? Text;
        public bool Has;
    }

    /// <summary>Up to <see cref="BatchRows"/> rows of typed cells, row-major.</summary>
    private sealed class RowBatch(int columns, int capacity)
    {
        public readonly int Columns = columns;
        public readonly Cell[] Cells = new Cell[columns * capacity];
        public int Count;

        public void Load(DbDataReader reader, ReadKind[] kinds)
        {
            var cells = Cells.AsSpan(Count * Columns, Columns);
            for (var i = 0; i < cells.Length; i++)
            {
                ref var cell = ref cells[i];
                cell.Text = null;
                if (reader.IsDBNull(i)) { cell.Has = false; continue; }
                cell.Has = true;
                switch (kinds[i])
                {
                    case ReadKind.Int32: cell.Integer = reader.GetInt32(i); break;
                    case ReadKind.Int64: cell.Integer = reader.GetInt64(i); break;
                    case ReadKind.Decimal: cell.Decimal = reader.GetDecimal(i); break;
                    case ReadKind.AnyNumber: cell.Decimal = ColumnKinds.Decimal(reader, i); break;
                    case ReadKind.DateTime: cell.Integer = reader.GetDateTime(i).Ticks; break;
                    case ReadKind.AnyTimestamp when reader.GetFieldType(i) == typeof(string):
                        var text = reader.GetString(i);
                        if (IsUtcText(text)) cell.Text = text; // written without parsing
                        else cell.Integer = ParseDate(text).Ticks;
                        break;
                    case ReadKind.AnyDate or ReadKind.AnyTimestamp: cell.Integer = RowValues.Date(reader, i).Ticks; break;
                    default: cell.Text = reader.GetString(i); break;
                }
            }
            Count++;
        }
    }

    private static DateTime ParseDate(string s) =>
        DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    /// <summary>SQLite's UTC text "yyyy-MM-dd HH:mm:ss[.fffffff]+00:00", which is written as "yyyy-MM-ddTHH:mm:ssZ" as is.</summary>
    private static bool IsUtcText(string s) =>
        s.Length >= 25 && s[4] == '-' && s[10] == ' ' && s[13] == ':' && s.EndsWith("+00:00", StringComparison.Ordinal);

    private static void WriteRow(RowBatch batch, int row, WriteKind[] writes, Utf8Buffer bytes)
    {
        var cells = batch.Cells.AsSpan(row * batch.Columns, batch.Columns);
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) bytes.Byte((byte)',');
            ref readonly var cell = ref cells[i];
            if (!cell.Has) continue;
            switch (writes[i])
            {
                case WriteKind.Integer: bytes.Integer(cell.Integer); break;
                case WriteKind.Decimal: bytes.Decimal(cell.Decimal); break;
                case WriteKind.Date: bytes.Date(new DateTime(cell.Integer)); break;
                case WriteKind.Timestamp when cell.Text is { } utc: bytes.UtcText(utc); break;
                case WriteKind.Timestamp: bytes.Timestamp(new DateTime(cell.Integer)); break;
                default: bytes.Text(cell.Text!); break;
            }
        }
        bytes.Byte((byte)'\r');
        bytes.Byte((byte)'\n');
    }
}
