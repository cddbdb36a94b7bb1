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
    public static List<string[]> ParseCsv(byte[] bytes) => CsvFile.Parse(bytes);

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
