using System.Globalization;
using DocumentFormat.OpenXml.Spreadsheet;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Reports.Definitions;
using OmniErp.Reports.Reports;

namespace OmniErp.IntegrationTests.Reports;

public sealed class ExportTests
{
    private static readonly ReportFilter Quarter = new(new DateOnly(2026, 8, 1), new DateOnly(2026, 11, 30));

    private sealed class LedgerRow
    {
        public long Id { get; init; }
        public string Sku { get; init; } = "";
        public string Location { get; init; } = "";
        public long Quantity { get; init; }
    }

    [SkippableTheory, Databases]
    public async Task The_ledger_CSV_parses_back_to_the_rows_in_the_database(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var rows = ReportFiles.ParseCsv(await app.ExportAsync("stock-ledger", Quarter, ExportFormat.Csv));
        var expected = (await app.QueryAsync<LedgerRow>(
            "SELECT id AS Id, sku AS Sku, location AS Location, quantity AS Quantity FROM inventory.movements WHERE occurred_at >= @Since AND occurred_at < @Until ORDER BY id",
            new { Quarter.Since, Quarter.Until })).ToList();

        Assert.Equal(["Movement", "Occurred at (UTC)", "Location", "SKU", "Product", "Category", "Kind", "Quantity", "Unit cost", "Reference", "Reason", "Recorded by"], rows[0]);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, rows.Count - 1);
        Assert.All(rows.Skip(1), r => Assert.Equal(12, r.Length));
        Assert.Equal(expected.Select(e => (e.Id, e.Sku, e.Location, e.Quantity)),
            rows.Skip(1).Select(r => (long.Parse(r[0], CultureInfo.InvariantCulture), r[3], r[2], long.Parse(r[7], CultureInfo.InvariantCulture))));
        // Vietnamese names survive the round trip (UTF-8), commas inside names were quoted.
        Assert.Contains(rows.Skip(1), r => r[4].Any(c => c > 127));
    }

    [SkippableTheory, Databases]
    public async Task The_valuation_XLSX_has_typed_cells_a_frozen_header_and_a_totals_row(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var asOf = new ReportFilter(Quarter.To, Quarter.To);
        var sheet = ReportFiles.OpenXlsx(await app.ExportAsync("inventory-valuation", asOf, ExportFormat.Xlsx));
        var csv = ReportFiles.ParseCsv(await app.ExportAsync("inventory-valuation", asOf, ExportFormat.Csv));

        var pane = sheet.Worksheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1d, pane.VerticalSplit!.Value);
        Assert.Equal("A2", pane.TopLeftCell!.Value);

        Assert.Equal(csv[0], sheet.Rows[0].Select(ReportFiles.Sheet.Text));
        Assert.Equal(csv.Count + 1, sheet.Rows.Count); // + totals row
        var data = sheet.Rows.Skip(1).Take(csv.Count - 1).ToList();
        for (var i = 0; i < data.Count; i++)
        {
            var quantity = data[i][5];
            Assert.Null(quantity.DataType); // a number, not text
            Assert.Equal(ReportFiles.Number(csv[i + 1][5]), ReportFiles.Number(quantity.CellValue!.Text));
            Assert.Equal(ReportFiles.Number(csv[i + 1][7]), ReportFiles.Number(data[i][7].CellValue!.Text));
            Assert.Equal(csv[i + 1][3], ReportFiles.Sheet.Text(data[i][3]));
        }

        var totals = sheet.Rows[^1];
        Assert.Equal("Total", ReportFiles.Sheet.Text(totals[0]));
        Assert.Equal($"SUM(F2:F{csv.Count})", totals[5].CellFormula!.Text);
        Assert.Equal(csv.Skip(1).Sum(r => ReportFiles.Number(r[5])), ReportFiles.Number(totals[5].CellValue!.Text));
        Assert.Equal(csv.Skip(1).Sum(r => ReportFiles.Number(r[7])), ReportFiles.Number(totals[7].CellValue!.Text));
    }

    [SkippableTheory, Databases]
    public async Task Timestamps_are_date_cells_in_XLSX_and_ISO_text_in_CSV(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var sheet = ReportFiles.OpenXlsx(await app.ExportAsync("stock-ledger", Quarter, ExportFormat.Xlsx));
        var csv = ReportFiles.ParseCsv(await app.ExportAsync("stock-ledger", Quarter, ExportFormat.Csv));

        var cell = sheet.Rows[1][1];
        var format = sheet.Formats.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
        Assert.Equal(165u, format.NumberFormatId!.Value); // yyyy-mm-dd hh:mm:ss
        var when = DateTime.FromOADate(double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture));
        var text = DateTime.Parse(csv[1][1], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.Equal(text, when, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_text_cell_that_looks_like_a_formula_is_defused_in_CSV()
    {
        var rows = ReportFiles.ParseCsv(CsvOf(["=HYPERLINK(\"x\")", "a,b", "-5", "Đà Nẵng \"Hải Châu\""]));
        Assert.Equal(["'=HYPERLINK(\"x\")", "a,b", "-5", "Đà Nẵng \"Hải Châu\""], rows[1]);
    }

    private static byte[] CsvOf(string[] values)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + string.Join(", ", values.Select((_, i) => "$p" + i));
        for (var i = 0; i < values.Length; i++) command.Parameters.AddWithValue("$p" + i, values[i]);
        using var reader = command.ExecuteReader();
        using var output = new MemoryStream();
        var columns = values.Select((_, i) => new OmniErp.Reports.Export.ReportColumn("c" + i, OmniErp.Reports.Export.ColumnType.Text)).ToList();
        OmniErp.Reports.Export.CsvExport.WriteAsync(reader, columns, output, null, default).GetAwaiter().GetResult();
        return output.ToArray();
    }
}
