namespace OmniErp.Reports.Export;

/// <summary>How a column is typed in an export: text, whole number, amount (decimal), or calendar date.</summary>
internal enum ColumnType { Text, Integer, Decimal, Date, Timestamp }

/// <summary>
/// One column of a report, in the order of its SQL's SELECT list. <see cref="Total"/> columns are summed into the
/// XLSX totals row (and the CSV has none: a CSV is data to be read back, not a printout).
/// </summary>
internal sealed record ReportColumn(string Header, ColumnType Type, bool Total = false);
