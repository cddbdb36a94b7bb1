using System.Security.Claims;
using System.Data.Common;
using MediatR;
using Microsoft.Extensions.Logging;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Modules;
using OmniErp.Reports.Definitions;

namespace OmniErp.Reports.Dashboard;

internal sealed class DayChannelAmount
{
    public string Day { get; init; } = "";
    public string Channel { get; init; } = "";
    public decimal Amount { get; init; }
}

internal sealed class LabelValue
{
    public string Label { get; init; } = "";
    public decimal Value { get; init; }
}

internal sealed class LowStockRow
{
    public string Location { get; init; } = "";
    public string Sku { get; init; } = "";
    public string Product { get; init; } = "";
    public long Available { get; init; }
    public long ReorderPoint { get; init; }
}

internal sealed record DashboardData(
    DateOnly From,
    DateOnly To,
    IReadOnlyList<DayChannelAmount> SalesByChannel,
    IReadOnlyList<LabelValue>? OrdersByStatus,
    IReadOnlyList<LowStockRow> LowStock,
    IReadOnlyList<LabelValue> TopProducts,
    long Customers,
    long OmnichannelCustomers,
    int? ParityFindings);

/// <summary>The figures of the dashboard for the last <see cref="Days"/> business days up to today.</summary>
internal sealed record GetDashboard(int Days = 30, string? Store = null) : IQuery<DashboardData>
{
    /// <summary>What a staff member sees: store staff their own store's figures, everyone else the whole chain.</summary>
    public static GetDashboard For(ClaimsPrincipal user, int? days = null)
    {
        var store = user.IsInRole(Roles.Admin) || !(user.IsInRole(Roles.StoreManager) || user.IsInRole(Roles.StoreClerk))
            ? null
            : user.FindFirst("omnierp:store")?.Value;
        return new GetDashboard(Math.Clamp(days ?? 30, 7, 366), store);
    }
}

internal sealed class GetDashboardHandler(DbSession session, TimeProvider clock, IEnumerable<IVerification> verifications, ILogger<GetDashboardHandler> logger)
    : IRequestHandler<GetDashboard, DashboardData>
{
    public async Task<DashboardData> Handle(GetDashboard request, CancellationToken cancellationToken)
    {
        var to = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ReportFilter.BusinessOffset).DateTime);
        var filter = new ReportFilter(to.AddDays(1 - request.Days), to, Store: request.Store);
        var p = filter.Parameters();
        var dialect = session.Dialect;

        // Net sales per day and channel from the orders' own view: orders placed (not cancelled) less refunds, the same
        // figures as the sales report.
        var sales = (await session.QueryAsync<DayChannelAmount>(
            $"""
            SELECT {Text(dialect, "s.day")} AS Day, s.channel AS Channel, SUM(s.amount) AS Amount
            FROM (
                SELECT {ReportSql.LocalDate(dialect, "o.placed_at")} AS day, o.channel AS channel, o.total AS amount
                FROM orders.report_orders o
                WHERE o.status <> 'cancelled' AND o.placed_at >= @Since AND o.placed_at < @Until AND (@Store IS NULL OR o.location = @Store)
                UNION ALL
                SELECT {ReportSql.LocalDate(dialect, "r.returned_at")}, r.channel, -r.refund_amount
                FROM orders.report_returns r
                WHERE r.returned_at >= @Since AND r.returned_at < @Until AND (@Store IS NULL OR r.location = @Store)
            ) s
            GROUP BY s.day, s.channel
            ORDER BY 1, 2
            """, p, cancellationToken)).ToList();

        var lowStock = (await session.QueryAsync<LowStockRow>(
            """
            SELECT s.location AS Location, s.sku AS Sku, COALESCE(k.variant_name, s.sku) AS Product,
                   s.on_hand - s.reserved AS Available, s.reorder_point AS ReorderPoint
            FROM inventory.report_stock s LEFT JOIN catalog.report_skus k ON k.sku = s.sku
            WHERE s.reorder_point > 0 AND s.on_hand - s.reserved <= s.reorder_point AND (@Store IS NULL OR s.location = @Store)
            ORDER BY (s.on_hand - s.reserved) * 1.0 / s.reorder_point, s.location, s.sku
            LIMIT 10
            """, p, cancellationToken)).ToList();

        var top = (await session.QueryAsync<LabelValue>(
            """
            SELECT COALESCE(k.variant_name, m.sku) AS Label, SUM(-m.quantity) AS Value
            FROM inventory.report_movements m LEFT JOIN catalog.report_skus k ON k.sku = m.sku
            WHERE m.kind IN ('Sale', 'Return') AND m.occurred_at >= @Since AND m.occurred_at < @Until AND (@Store IS NULL OR m.location = @Store)
            GROUP BY COALESCE(k.variant_name, m.sku)
            HAVING SUM(-m.quantity) > 0
            ORDER BY 2 DESC, 1
            LIMIT 10
            """, p, cancellationToken)).ToList();

        var customers = await session.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT customer_id) FROM customers.report_customer_channels", null, cancellationToken);
        var omnichannel = await session.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM (SELECT customer_id FROM customers.report_customer_channels GROUP BY customer_id HAVING COUNT(DISTINCT channel) > 1) multi",
            null, cancellationToken);

        var findings = await ParityFindingsAsync(cancellationToken);

        return new DashboardData(filter.From, filter.To, sales, await OrdersByStatusAsync(p, cancellationToken), lowStock, top, customers, omnichannel, findings);
    }

    /// <summary>The parity report's count, through Pricing's registered check; null (shown as missing) if it fails,
    /// so one module's fault does not take the dashboard down.</summary>
    private async Task<int?> ParityFindingsAsync(CancellationToken ct)
    {
        var parity = verifications.FirstOrDefault(v => v.Name.Contains("parity", StringComparison.OrdinalIgnoreCase));
        if (parity is null) return null;
        try
        {
            return (await parity.VerifyAsync(ct)).Count;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            logger.LogError(ex, "The parity report failed; the dashboard shows it as unavailable");
            return null;
        }
    }

    /// <summary>Orders by status, from the Orders module's reporting view; null until that view exists.</summary>
    private async Task<IReadOnlyList<LabelValue>?> OrdersByStatusAsync(object p, CancellationToken ct)
    {
        var exists = session.Dialect.IsPostgres
            ? await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM information_schema.views WHERE table_schema = 'orders' AND table_name = 'report_orders'", null, ct)
            : await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'view' AND name = 'orders_report_orders'", null, ct);
        if (exists == 0) return null;
        try
        {
            return (await session.QueryAsync<LabelValue>(
                "SELECT status AS Label, COUNT(*) AS Value FROM orders.report_orders WHERE placed_at >= @Since AND placed_at < @Until GROUP BY status ORDER BY 2 DESC",
                p, ct)).ToList();
        }
        catch (DbException)
        {
            return null;
        }
    }

    private static string Text(SqlDialect dialect, string expression) => dialect.IsPostgres ? $"to_char({expression}, 'YYYY-MM-DD')" : expression;
}
