using System.Data.Common;
using System.Globalization;

namespace OmniErp.Reports.Export;

/// <summary>
/// Reads a reader's field as its report type, whichever database produced it: PostgreSQL gives typed values,
/// SQLite gives integers, reals and ISO text. Kept allocation-free on the hot path (numbers).
/// </summary>
internal static class RowValues
{
    public static long Integer(DbDataReader reader, int i) => reader.GetFieldType(i) == typeof(int) ? reader.GetInt32(i) : reader.GetInt64(i);

    public static decimal Decimal(DbDataReader reader, int i) => reader.GetDecimal(i);

    public static DateTime Date(DbDataReader reader, int i) => reader.GetValue(i) switch
    {
        DateTime d => d,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        DateTimeOffset d => d.UtcDateTime,
        string s => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        var other => throw new InvalidCastException($"Cannot read {other.GetType().Name} as a date."),
    };

    public static object? Value(DbDataReader reader, int i, ColumnType type)
    {
        if (reader.IsDBNull(i)) return null;
        return type switch
        {
            ColumnType.Integer => Integer(reader, i),
            ColumnType.Decimal => Decimal(reader, i),
            ColumnType.Date => DateOnly.FromDateTime(Date(reader, i)),
            ColumnType.Timestamp => Date(reader, i),
            _ => reader.GetString(i),
        };
    }
}
