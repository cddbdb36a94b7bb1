using Microsoft.Extensions.DependencyInjection;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Data;
using OmniErp.Inventory.Costing;
using OmniErp.Reports.Definitions;
using OmniErp.Reports.Reports;

namespace OmniErp.IntegrationTests.Reports;

/// <summary>
/// COGS is read from the cost each Sale entry stores (Inventory writes the weighted average then) instead of replaying
/// the ledger. On the demo data the stored figures are the replayed ones: per movement, and per report row against the
/// replaying SQL the margin report used before (kept here as the oracle).
/// </summary>
public sealed class StoredCostTests
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private sealed class CostedMovement
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public decimal? Stored { get; init; }
        public decimal? Replayed { get; init; }
    }

    private sealed class MarginRow
    {
        public string Channel { get; init; } = "";
        public string Category { get; init; } = "";
        public decimal Cogs { get; init; }
        public long Unissued { get; init; }
    }

    [SkippableTheory, Databases]
    public async Task Every_sale_and_return_on_the_demo_ledger_stores_the_average_cost_a_replay_gives_it(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var rows = (await app.QueryAsync<CostedMovement>(
            $"""
            SELECT m.id AS Id, m.kind AS Kind, CAST(m.unit_cost AS {Real(db)}) AS Stored, CAST(r.average_cost AS {Real(db)}) AS Replayed
            FROM inventory.movements m JOIN ({LedgerAverages.Replayed}) r ON r.id = m.id
            WHERE m.kind IN ('Sale', 'Return')
            """)).ToList();
        Assert.Contains(rows, r => r.Kind == "Sale");
        Assert.Contains(rows, r => r.Kind == "Return");
        Assert.All(rows, r =>
        {
            Assert.NotNull(r.Stored);
            Assert.True(r.Stored == r.Replayed, $"movement {r.Id}: stored {r.Stored}, replayed {r.Replayed}");
        });
    }

    [SkippableTheory, Databases]
    public async Task The_migration_costs_sales_and_returns_written_before_they_carried_a_cost(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var before = await StoredCogsAsync(app);
        // A ledger as it was before 0003: no cost on Sale and Return rows (the ledger is otherwise never updated).
        await app.InScopeAsync(sp => sp.GetRequiredService<DbSession>().ExecuteAsync("UPDATE inventory.movements SET unit_cost = NULL WHERE kind IN ('Sale', 'Return')"));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM inventory.movements WHERE kind = 'Sale' AND unit_cost IS NOT NULL"));

        var script = await File.ReadAllTextAsync(Path.Combine(OmniErp.IntegrationTests.Storefront.SchemaSnapshotTests.RepoRoot(), "db",
            db == Db.Postgres ? "postgres" : "sqlite", "inventory", "0003_movement_costs.sql"));
        await app.InScopeAsync(sp => sp.GetRequiredService<DbSession>().ExecuteAsync(script));

        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM inventory.movements WHERE kind IN ('Sale', 'Return') AND unit_cost IS NULL"));
        Assert.Equal(before, await StoredCogsAsync(app));
    }

    private static async Task<decimal> StoredCogsAsync(TestApp app) =>
        ReportFiles.ParseCsv(await app.ExportAsync("gross-margin", new ReportFilter(Today.AddDays(-120), Today), ExportFormat.Csv)).Skip(1).Sum(r => ReportFiles.Number(r[7]));

    [SkippableTheory, Databases]
    public async Task COGS_from_stored_costs_equals_the_replayed_figure_on_the_demo_data(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        foreach (var filter in new[]
                 {
                     new ReportFilter(Today.AddDays(-120), Today), new ReportFilter(Today.AddDays(-30), Today, Channel: "web"),
                     new ReportFilter(Today.AddDays(-60), Today.AddDays(-10), Store: "HN01"),
                 })
        {
            var report = ReportFiles.ParseCsv(await app.ExportAsync("gross-margin", filter, ExportFormat.Csv)).Skip(1).ToList();
            var replayed = (await app.QueryAsync<MarginRow>(ReplayedMargin(db), filter.Parameters())).ToList();
            Assert.NotEmpty(report);
            Assert.True(report.Sum(r => ReportFiles.Number(r[7])) > 0);
            Assert.Equal(replayed.Select(r => (r.Channel, r.Category)), report.Select(r => (r[0], r[1])));
            for (var i = 0; i < report.Count; i++)
            {
                Assert.Equal((double)replayed[i].Cogs, (double)ReportFiles.Number(report[i][7]), 2);
                Assert.Equal(replayed[i].Unissued, (long)ReportFiles.Number(report[i][10]));
            }
        }
    }

    private static string Real(Db db) => db == Db.Postgres ? "numeric" : "REAL";

    /// <summary>The gross-margin report's COGS as it was computed before Sale entries stored their cost: the weighted
    /// average replayed from the ledger up to each issue entry; units not issued at the average when the order was placed.</summary>
    private static string ReplayedMargin(Db db) =>
        $"""
        WITH RECURSIVE ordered AS MATERIALIZED (
            SELECT sku, kind, CAST(quantity AS bigint) AS quantity, CAST(unit_cost AS numeric) AS unit_cost, reference, occurred_at,
                   ROW_NUMBER() OVER (PARTITION BY sku ORDER BY id) AS rn
            FROM inventory.report_movements),
        walk (sku, rn, on_hand, average_cost) AS (
            SELECT sku, rn, quantity, CASE WHEN kind = 'Receipt' THEN unit_cost END
            FROM ordered WHERE rn = 1
            UNION ALL
            SELECT o.sku, o.rn, w.on_hand + o.quantity,
                   CASE WHEN o.kind <> 'Receipt' OR o.unit_cost IS NULL THEN w.average_cost
                        WHEN w.average_cost IS NULL OR w.on_hand <= 0 OR w.on_hand + o.quantity = 0 THEN o.unit_cost
                        ELSE CAST(ROUND((w.on_hand * w.average_cost + o.quantity * o.unit_cost) * 1.0 / (w.on_hand + o.quantity), 4) AS numeric) END
            FROM walk w JOIN ordered o ON o.sku = w.sku AND o.rn = w.rn + 1),
        costed AS MATERIALIZED (
            SELECT o.sku, o.rn, o.kind, o.quantity, o.reference, o.occurred_at, COALESCE(w.average_cost, 0) AS average_cost
            FROM walk w JOIN ordered o ON o.sku = w.sku AND o.rn = w.rn),
        issues AS (
            SELECT reference, sku, SUM(-quantity) AS units, SUM(-quantity * average_cost) AS cost
            FROM costed WHERE kind = 'Sale' AND reference IS NOT NULL
            GROUP BY reference, sku),
        sold AS MATERIALIZED (
            SELECT l.order_id, l.number, l.channel, l.fulfilment, l.location, l.placed_at, l.sku,
                   SUM(l.quantity) AS units, SUM(l.line_total) AS net, SUM(l.vat_amount) AS vat, COUNT(*) AS lines
            FROM orders.report_sales_lines l
            WHERE l.status <> 'cancelled' AND l.placed_at >= @Since AND l.placed_at < @Until
              AND (@Channel IS NULL OR l.channel = @Channel) AND (@Store IS NULL OR l.location = @Store)
            GROUP BY l.order_id, l.number, l.channel, l.fulfilment, l.location, l.placed_at, l.sku),
        cost_then AS (
            SELECT s.order_id, s.sku, MAX(c.rn) AS rn
            FROM sold s JOIN costed c ON c.sku = s.sku AND c.occurred_at <= s.placed_at
            GROUP BY s.order_id, s.sku),
        sold_costs AS (
            SELECT s.order_id, s.channel, s.sku,
                   CASE WHEN COALESCE(i.units, 0) >= s.units THEN 0 ELSE s.units - COALESCE(i.units, 0) END AS unissued,
                   COALESCE(i.cost, 0)
                     + (CASE WHEN COALESCE(i.units, 0) >= s.units THEN 0 ELSE s.units - COALESCE(i.units, 0) END) * COALESCE(c.average_cost, 0) AS cogs
            FROM sold s
            LEFT JOIN issues i ON i.reference = s.number AND i.sku = s.sku
            LEFT JOIN cost_then t ON t.order_id = s.order_id AND t.sku = s.sku
            LEFT JOIN costed c ON c.sku = t.sku AND c.rn = t.rn)
        SELECT s.channel AS Channel, COALESCE(k.category_name, '') AS Category, CAST(ROUND(SUM(s.cogs), 4) AS {Real(db)}) AS Cogs,
               CAST(SUM(s.unissued) AS bigint) AS Unissued
        FROM sold_costs s
        LEFT JOIN catalog.report_skus k ON k.sku = s.sku
        WHERE {ReportSql.CategoryFilter}
        GROUP BY s.channel, COALESCE(k.category_name, '')
        ORDER BY 1, 2
        """;
}
