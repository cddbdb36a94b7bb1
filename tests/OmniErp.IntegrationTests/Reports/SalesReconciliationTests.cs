using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Data;
using OmniErp.Reports.Definitions;
using OmniErp.Reports.Reports;

namespace OmniErp.IntegrationTests.Reports;

public sealed class SalesReconciliationTests
{
    private static readonly DateOnly Day = new(2026, 10, 15);

    /// <summary>Orders written as rows (the Orders module has no demo seed yet): two channels, two stores, one cancelled.</summary>
    private static async Task SeedOrdersAsync(TestApp app)
    {
        var placed = new DateTimeOffset(2026, 10, 15, 3, 0, 0, TimeSpan.Zero);
        var random = new Random(7);
        await app.InScopeAsync(async sp =>
        {
            var session = sp.GetRequiredService<DbSession>();
            for (var i = 1; i <= 40; i++)
            {
                var lines = Enumerable.Range(1, 1 + i % 3).Select(n =>
                {
                    var quantity = 1 + random.Next(3);
                    var price = 100_000m + random.Next(50) * 1_000m;
                    var discount = n == 1 ? 10_000m : 0m;
                    var total = quantity * price - discount;
                    var rate = new[] { 0, 5, 8, 10 }[random.Next(4)];
                    return (n, quantity, price, discount, total, rate, vat: Math.Round(total * rate / (100m + rate), 0));
                }).ToList();
                var id = await session.ExecuteScalarAsync<long>(
                    """
                    INSERT INTO orders.orders (number, channel, fulfilment, status, payment_status, location, sourcing_reason, currency,
                        subtotal, discount_total, vat_total, total, quote, placed_by, placed_at, updated_at)
                    VALUES (@Number, @Channel, 'in_store', @Status, 'paid', @Location, 'test', 'VND', @Subtotal, @Discount, @Vat, @Total, '{}', 'test', @At, @At)
                    RETURNING id
                    """,
                    new
                    {
                        Number = $"DH-T{i:000}", Channel = i % 2 == 0 ? "store" : "web", Status = i % 10 == 0 ? "cancelled" : "completed",
                        Location = i % 3 == 0 ? "HCM01" : "HN01", Subtotal = lines.Sum(l => l.quantity * l.price), Discount = lines.Sum(l => l.discount),
                        Vat = lines.Sum(l => l.vat), Total = lines.Sum(l => l.total), At = placed.AddHours(i % 30 - 15),
                    });
                foreach (var l in lines)
                    await session.ExecuteAsync(
                        """
                        INSERT INTO orders.order_lines (order_id, line_no, sku, name, quantity, list_unit_price, unit_price, discount_total, line_total, vat_rate, vat_amount, discounts)
                        VALUES (@Id, @N, @Sku, 'Áo thun', @Quantity, @Price, @Price, @Discount, @Total, @Rate, @Vat, '[]')
                        """,
                        new { Id = id, N = l.n, Sku = "AT-" + l.n, Quantity = l.quantity, Price = l.price, Discount = l.discount, Total = l.total, Rate = l.rate, Vat = l.vat });
            }
        });
    }

    [SkippableTheory, Databases]
    public async Task Sales_net_and_VAT_by_rate_reconcile_with_the_order_totals_for_the_same_filter(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await SeedOrdersAsync(app);
        foreach (var filter in new[]
                 {
                     new ReportFilter(Day.AddDays(-1), Day.AddDays(1)),
                     new ReportFilter(Day, Day, Channel: "web"),
                     new ReportFilter(Day.AddDays(-1), Day, Store: "HN01"),
                 })
        {
            var p = filter.Parameters();
            const string where = "status <> 'cancelled' AND placed_at >= @Since AND placed_at < @Until AND (@Channel IS NULL OR channel = @Channel) AND (@Store IS NULL OR location = @Store)";
            var total = await app.ScalarAsync<decimal>($"SELECT COALESCE(SUM(total), 0) FROM orders.orders WHERE {where}", p);
            var vat = await app.ScalarAsync<decimal>($"SELECT COALESCE(SUM(vat_total), 0) FROM orders.orders WHERE {where}", p);
            var count = await app.ScalarAsync<long>($"SELECT COUNT(*) FROM orders.orders WHERE {where}", p);
            Assert.True(count > 0);

            var sales = ReportFiles.ParseCsv(await app.ExportAsync("sales-by-day", filter, ExportFormat.Csv)).Skip(1).ToList();
            Assert.Equal(total, sales.Sum(r => ReportFiles.Number(r[5])));
            Assert.Equal(vat, sales.Sum(r => ReportFiles.Number(r[6])));
            Assert.Equal(count, (long)sales.Sum(r => ReportFiles.Number(r[7])));

            var byRate = ReportFiles.ParseCsv(await app.ExportAsync("vat-by-rate", filter, ExportFormat.Csv)).Skip(1).ToList();
            Assert.Equal(vat, byRate.Sum(r => ReportFiles.Number(r[4])));
            Assert.All(byRate, r => Assert.Contains(r[1], new[] { "0", "5", "8", "10" }));
            Assert.All(sales, r => Assert.True(DateOnly.TryParseExact(r[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d >= filter.From && d <= filter.To));
        }
    }
}
