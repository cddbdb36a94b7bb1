using System.Data.Common;
using System.Globalization;
using DocumentFormat.OpenXml;
using System.IO.Compression;
using DocumentFormat.OpenXml.Spreadsheet;

namespace OmniErp.Reports.Export;

/// <summary>
/// Writes rows from a reader to an XLSX sheet with OpenXmlWriter (SAX style): each row goes straight into the zip
/// entry, text as inline strings (no shared-string table to hold), numbers and dates as typed cells, the header row
/// frozen and a totals row (SUM formulas with their values cached, so viewers that do not recalculate show them).
/// The package is zipped here (ZipArchiveMode.Create) rather than by System.IO.Packaging, whose writable packages are
/// read-write and so buffer every part in memory; the XML is still written by the OpenXml SDK. Entry times are fixed,
/// so the same rows give the same bytes.
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
        long rows = 0;
        var totals = new decimal[columns.Count];
        using (var writer = OpenXmlWriter.Create(sheet, new System.Text.UTF8Encoding(false)))
        {
            writer.WriteStartDocument(true);
            writer.WriteStartElement(new Worksheet());
            writer.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
            { WorkbookViewId = 0 }));
            writer.WriteStartElement(new Columns());
            for (var i = 0; i < columns.Count; i++)
            {
                var width = columns[i].Type switch { ColumnType.Text => 28d, ColumnType.Timestamp => 20d, _ => 16d };
                writer.WriteElement(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = width, CustomWidth = true });
            }
            writer.WriteEndElement();
            writer.WriteStartElement(new SheetData());

            writer.WriteStartElement(new Row());
            foreach (var column in columns) TextCell(writer, column.Header, StyleHeader);
            writer.WriteEndElement();

            while (reader.Read())
            {
                ct.ThrowIfCancellationRequested();
                writer.WriteStartElement(new Row());
                for (var i = 0; i < columns.Count; i++)
                {
                    if (reader.IsDBNull(i)) { writer.WriteElement(new Cell()); continue; }
                    switch (columns[i].Type)
                    {
                        case ColumnType.Integer:
                            var n = RowValues.Integer(reader, i);
                            totals[i] += n;
                            NumberCell(writer, n.ToString(CultureInfo.InvariantCulture), StyleInteger);
                            break;
                        case ColumnType.Decimal:
                            var d = RowValues.Decimal(reader, i);
                            totals[i] += d;
                            NumberCell(writer, d.ToString(CultureInfo.InvariantCulture), StyleDecimal);
                            break;
                        case ColumnType.Date:
                            NumberCell(writer, (RowValues.Date(reader, i).Date - Epoch).TotalDays.ToString(CultureInfo.InvariantCulture), StyleDate);
                            break;
                        case ColumnType.Timestamp:
                            NumberCell(writer, (RowValues.Date(reader, i) - Epoch).TotalDays.ToString("0.##########", CultureInfo.InvariantCulture), StyleTimestamp);
                            break;
                        default:
                            TextCell(writer, reader.GetString(i), 0);
                            break;
                    }
                }
                writer.WriteEndElement();
                if (++rows % 10_000 == 0) progress?.Report(rows);
            }

            if (columns.Any(c => c.Total))
            {
                writer.WriteStartElement(new Row());
                for (var i = 0; i < columns.Count; i++)
                {
                    if (columns[i].Total)
                    {
                        var letter = ColumnLetter(i);
                        var range = rows == 0 ? null : $"SUM({letter}2:{letter}{rows + 1})";
                        var style = columns[i].Type == ColumnType.Integer ? StyleTotalInteger : StyleTotalDecimal;
                        var cell = new Cell { StyleIndex = style };
                        if (range is not null) cell.Append(new CellFormula(range));
                        cell.Append(new CellValue(totals[i].ToString(CultureInfo.InvariantCulture)));
                        writer.WriteElement(cell);
                    }
                    else if (i == 0) TextCell(writer, "Total", StyleTotalLabel);
                    else writer.WriteElement(new Cell());
                }
                writer.WriteEndElement();
            }

            writer.WriteEndElement(); // sheetData
            writer.WriteEndElement(); // worksheet
        }

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

    private static void TextCell(OpenXmlWriter writer, string text, uint style)
    {
        var cell = new Cell { DataType = CellValues.InlineString };
        if (style != 0) cell.StyleIndex = style;
        writer.WriteStartElement(cell);
        writer.WriteStartElement(new InlineString());
        writer.WriteElement(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void NumberCell(OpenXmlWriter writer, string value, uint style)
    {
        writer.WriteStartElement(new Cell { StyleIndex = style });
        writer.WriteElement(new CellValue(value));
        writer.WriteEndElement();
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
