using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Reports.Definitions;
using OmniErp.Reports.Reports;

namespace OmniErp.IntegrationTests.Reports;

/// <summary>Runs exports through the mediator and reads the files back: CSV by an RFC 4180 parser, XLSX by the OpenXml SDK.</summary>
internal static class ReportFiles
{
    public static async Task<byte[]> ExportAsync(this TestApp app, string report, ReportFilter filter, ExportFormat format)
    {
        using var buffer = new MemoryStream();
        await app.SendAsync(new ExportReport(report, filter, format, buffer));
        return buffer.ToArray();
    }

    /// <summary>Rows of a CSV file (header first); asserts the UTF-8 BOM.</summary>
    public static List<string[]> ParseCsv(byte[] bytes)
    {
        Assert.True(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "CSV starts with a UTF-8 BOM");
        var text = new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3);
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString()); field.Clear();
                rows.Add([.. row]); row.Clear();
                i++;
            }
            else field.Append(c);
        }
        Assert.Equal(0, field.Length);
        return rows;
    }

    public static decimal Number(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>An XLSX file's one sheet: its cells by row, and the sheet for assertions on views and styles.</summary>
    public sealed record Sheet(Worksheet Worksheet, List<List<Cell>> Rows, CellFormats Formats)
    {
        public static string Text(Cell cell) => cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.Text!.Text : cell.CellValue?.Text ?? "";
    }

    public static Sheet OpenXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheetPart = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single().Id!);
        var worksheet = (Worksheet)sheetPart.Worksheet.CloneNode(true);
        var rows = worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Select(r => r.Elements<Cell>().ToList()).ToList();
        return new Sheet(worksheet, rows, (CellFormats)workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.CloneNode(true));
    }
}
