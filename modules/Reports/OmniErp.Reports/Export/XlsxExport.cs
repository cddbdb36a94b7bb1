using System.Data.Common;
using System.Globalization;
using DocumentFormat.OpenXml;
using System.IO.Compression;
using DocumentFormat.OpenXml.Spreadsheet;

namespace OmniErp.Reports.Export;

/// <summary>
/// Writes rows from a reader to an XLSX sheet: each row goes straight into the zip entry, text as inline strings (no
/// shared-string table to hold), numbers and dates as typed cells, the header row frozen and a totals row (SUM formulas
/// with their values cached, so viewers that do not recalculate show them). The small parts (workbook, styles) come
/// from the OpenXml SDK's classes; the sheet XML is written directly into one char buffer, escaped here and encoded
/// to UTF-8 every ~60 k chars (the SDK's element objects cost ~2 µs per cell). The package is zipped here
/// (ZipArchiveMode.Create) rather than by System.IO.Packaging, whose writable packages buffer every part in memory.
/// Entry times are fixed, so the same rows give the same bytes.
/// </summary>
internal static class XlsxExport
{
    private const uint StyleHeader = 1, StyleInteger = 2, StyleDecimal = 3, StyleDate = 4, StyleTimestamp = 5, StyleTotalLabel = 6, StyleTotalInteger = 7, StyleTotalDecimal = 8;
    private static readonly DateTime Epoch = new(1899, 12, 30);

    // Fixed entry times make the same rows give the same bytes.
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static long Write(DbDataReader reader, IReadOnlyList<ReportColumn> columns, string sheetName, Stream output, IProgress<long>? progress, CancellationToken ct)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Part(zip, "[Content_Types].xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
            """);
        Part(zip, "_rels/.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """);
        Part(zip, "xl/_rels/workbook.xml.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
            """);
        Part(zip, "xl/workbook.xml", new Workbook(new Sheets(new Sheet { Id = "rId1", SheetId = 1, Name = SheetName(sheetName) })).OuterXml);
        Part(zip, "xl/styles.xml", Styles().OuterXml);

        var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
        entry.LastWriteTime = EntryTime;
        using var sheet = entry.Open();
        ColumnKind[]? kinds = null;
        var totals = new decimal[columns.Count];
        var xml = new SheetXml(sheet);
        xml.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        xml.Raw("<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
        xml.Raw("<x:sheetViews><x:sheetView workbookViewId=\"0\"><x:pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>");
        xml.Raw("<x:selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></x:sheetView></x:sheetViews><x:cols>");
        for (var i = 0; i < columns.Count; i++)
        {
            var width = columns[i].Type switch { ColumnType.Text => "28", ColumnType.Timestamp => "20", _ => "16" };
            xml.Raw(string.Create(CultureInfo.InvariantCulture, $"<x:col min=\"{i + 1}\" max=\"{i + 1}\" width=\"{width}\" customWidth=\"1\"/>"));
        }
        xml.Raw("</x:cols><x:sheetData><x:row>");
        foreach (var column in columns) xml.TextCell(column.Header, StyleHeader);
        xml.Raw("</x:row>");

        long rows = 0;
        Span<char> number = stackalloc char[64];
        while (reader.Read())
        {
            ct.ThrowIfCancellationRequested();
            kinds ??= ColumnKinds.Of(reader, columns); // on the first row: SQLite knows a field's type only then
            xml.Raw("<x:row>");
            for (var i = 0; i < kinds.Length; i++)
            {
                if (reader.IsDBNull(i)) { xml.Raw("<x:c/>"); continue; }
                int written;
                switch (kinds[i])
                {
                    case ColumnKind.Int32:
                    case ColumnKind.Int64:
                        var n = kinds[i] == ColumnKind.Int32 ? reader.GetInt32(i) : reader.GetInt64(i);
                        totals[i] += n;
                        n.TryFormat(number, out written, default, CultureInfo.InvariantCulture);
                        xml.NumberCell(number[..written], StyleInteger);
                        break;
                    case ColumnKind.Decimal:
                        var d = ColumnKinds.Decimal(reader, i);
                        totals[i] += d;
                        d.TryFormat(number, out written, default, CultureInfo.InvariantCulture);
                        xml.NumberCell(number[..written], StyleDecimal);
                        break;
                    case ColumnKind.Date or ColumnKind.DateTime:
                        ((ColumnKinds.Date(reader, i, kinds[i]).Date - Epoch).TotalDays).TryFormat(number, out written, default, CultureInfo.InvariantCulture);
                        xml.NumberCell(number[..written], StyleDate);
                        break;
                    case ColumnKind.Timestamp or ColumnKind.TimestampDateTime:
                        (ColumnKinds.Date(reader, i, kinds[i]) - Epoch).TotalDays.TryFormat(number, out written, "0.##########", CultureInfo.InvariantCulture);
                        xml.NumberCell(number[..written], StyleTimestamp);
                        break;
                    default:
                        xml.TextCell(reader.GetString(i), 0);
                        break;
                }
            }
            xml.Raw("</x:row>");
            xml.FlushIfFull();
            if (++rows % 10_000 == 0) progress?.Report(rows);
        }

        if (columns.Any(c => c.Total))
        {
            xml.Raw("<x:row>");
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i].Total)
                {
                    var letter = ColumnLetter(i);
                    var style = columns[i].Type == ColumnType.Integer ? StyleTotalInteger : StyleTotalDecimal;
                    xml.Raw(string.Create(CultureInfo.InvariantCulture, $"<x:c s=\"{style}\">"));
                    if (rows > 0) xml.Raw(string.Create(CultureInfo.InvariantCulture, $"<x:f>SUM({letter}2:{letter}{rows + 1})</x:f>"));
                    xml.Raw("<x:v>" + totals[i].ToString(CultureInfo.InvariantCulture) + "</x:v></x:c>");
                }
                else if (i == 0) xml.TextCell("Total", StyleTotalLabel);
                else xml.Raw("<x:c/>");
            }
            xml.Raw("</x:row>");
        }
        xml.Raw("</x:sheetData></x:worksheet>");
        xml.Flush();

        progress?.Report(rows);
        return rows;
    }

    private static void Part(ZipArchive zip, string name, string xml)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        entry.LastWriteTime = EntryTime;
        using var stream = entry.Open();
        var text = xml.StartsWith("<?xml", StringComparison.Ordinal) ? xml : "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + xml;
        stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
    }

    public static string ColumnLetter(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    // Sheet names: at most 31 characters, none of []:*?/\
    private static string SheetName(string name)
    {
        var clean = new string(name.Where(c => "[]:*?/\\".IndexOf(c) < 0).ToArray());
        return clean.Length > 31 ? clean[..31] : clean.Length == 0 ? "Report" : clean;
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd hh:mm:ss" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "#,##0.####" })
        { Count = 3 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 166, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 3, FontId = 1, ApplyNumberFormat = true, ApplyFont = true },
            new CellFormat { NumberFormatId = 166, FontId = 1, ApplyNumberFormat = true, ApplyFont = true })
        { Count = 9 });
}
