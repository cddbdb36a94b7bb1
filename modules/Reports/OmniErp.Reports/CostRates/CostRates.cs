using System.Globalization;
using FluentValidation;
using MediatR;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Reports.CostRates;

/// <summary>The rates the cost-to-serve report applies (<c>reports.cost_rates</c>).</summary>
internal static class CostRateKinds
{
    public const string HandlingPerOrder = "handling_per_order";
    public const string HandlingPerLine = "handling_per_line";
    public const string DeliveryPerOrder = "delivery_per_order";
    public const string CommissionPercent = "commission_percent";
    public const string PaymentFeePercent = "payment_fee_percent";

    public static readonly IReadOnlyList<string> Fulfilments = ["in_store", "delivery", "pickup"];
    public static readonly IReadOnlyList<string> PaymentMethods = ["cash", "card", "bank_transfer", "cod", "marketplace"];
    public static readonly IReadOnlyList<string> All = [HandlingPerOrder, HandlingPerLine, DeliveryPerOrder, CommissionPercent, PaymentFeePercent];

    public static bool IsPercent(string rate) => rate is CommissionPercent or PaymentFeePercent;

    /// <summary>The rate's name on the page (English; the view translates it).</summary>
    public static string Label(string rate) => rate switch
    {
        HandlingPerOrder => "Handling per order",
        HandlingPerLine => "Handling per line",
        DeliveryPerOrder => "Delivery per order",
        CommissionPercent => "Commission %",
        PaymentFeePercent => "Fee %",
        _ => rate,
    };
}

internal sealed class CostRate
{
    public string Rate { get; init; } = "";
    public string AppliesTo { get; init; } = "";
    public decimal Value { get; init; }
}

/// <summary>One row of the rates' history: a value in force from a business day until the next row of the same rate and target.</summary>
internal sealed class CostRateChange
{
    public string Rate { get; init; } = "";
    public string AppliesTo { get; init; } = "";
    public decimal Value { get; init; }
    public string EffectiveFrom { get; init; } = "";
    public DateTimeOffset UpdatedAt { get; init; }
    public string UpdatedBy { get; init; } = "";
    public DateOnly From => DateOnly.ParseExact(EffectiveFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>SQL for the dated rates, the same on both databases (PostgreSQL <c>date</c>, SQLite yyyy-MM-dd text).</summary>
internal static class CostRateSql
{
    /// <summary>The business day (Vietnam) of now.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Definitions.ReportFilter.BusinessOffset).DateTime);

    /// <summary>A date as a parameter the column compares with.</summary>
    public static object Day(SqlDialect dialect, DateOnly day) =>
        dialect.IsPostgres ? day.ToDateTime(TimeOnly.MinValue) : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Every rate row with the day its successor takes over (<c>until</c>, excluded; NULL: still in force).</summary>
    public const string Periods =
        """
        SELECT rate, applies_to, value, effective_from,
               LEAD(effective_from) OVER (PARTITION BY rate, applies_to ORDER BY effective_from) AS until
        FROM reports.cost_rates
        """;

    /// <summary>The rates in force on <c>@Day</c>.</summary>
    public static string InForce(SqlDialect dialect) =>
        $"""
        SELECT rate AS Rate, applies_to AS AppliesTo, {(dialect.IsPostgres ? "value" : "CAST(value AS REAL)")} AS Value
        FROM ({Periods}) p
        WHERE effective_from <= @Day AND (until IS NULL OR until > @Day)
        ORDER BY rate, applies_to
        """;
}

/// <summary>The rates in force on a day (default today) for every rate that can be set (fulfilments, payment methods,
/// the channels that exist; 0 when unset), and the whole history of changes.</summary>
internal sealed record GetCostRates(DateOnly? AsOf = null) : IQuery<CostRatesView>;

internal sealed record CostRatesView(IReadOnlyList<CostRate> Rates, IReadOnlyList<string> Channels, DateOnly AsOf, IReadOnlyList<CostRateChange> History)
{
    public decimal Value(string rate, string appliesTo) => Rates.FirstOrDefault(r => r.Rate == rate && r.AppliesTo == appliesTo)?.Value ?? 0m;
}

internal sealed class GetCostRatesHandler(DbSession session, TimeProvider clock) : IRequestHandler<GetCostRates, CostRatesView>
{
    public async Task<CostRatesView> Handle(GetCostRates request, CancellationToken cancellationToken)
    {
        var day = request.AsOf ?? CostRateSql.Today(clock);
        // SQLite keeps 8000 as an integer and 1.8 as a real in one column: Dapper wants one type per column.
        var rates = (await session.QueryAsync<CostRate>(CostRateSql.InForce(session.Dialect), new { Day = CostRateSql.Day(session.Dialect, day) }, cancellationToken)).ToList();
        var value = session.Dialect.IsPostgres ? "value" : "CAST(value AS REAL)";
        var history = (await session.QueryAsync<CostRateChange>(
            $"""
            SELECT rate AS Rate, applies_to AS AppliesTo, {value} AS Value, CAST(effective_from AS text) AS EffectiveFrom, updated_at AS UpdatedAt, updated_by AS UpdatedBy
            FROM reports.cost_rates ORDER BY effective_from DESC, rate, applies_to
            """, null, cancellationToken)).ToList();
        var channels = (await session.QueryAsync<string>("SELECT code FROM kernel.channels ORDER BY code", null, cancellationToken)).ToList();
        return new CostRatesView(rates, channels, day, history);
    }
}

/// <summary>
/// Sets rates from a business day (default today): orders placed on or after it are costed with them, earlier orders
/// keep the rates in force on their day. A rate whose value is already the one in force on that day is left alone;
/// setting a rate again for the same day replaces that day's value.
/// </summary>
internal sealed record SetCostRates(IReadOnlyList<CostRate> Rates, string By, DateOnly? From = null) : ICommand<int>;

internal sealed class SetCostRatesValidator : AbstractValidator<SetCostRates>
{
    public SetCostRatesValidator()
    {
        RuleFor(x => x.By).NotEmpty();
        RuleFor(x => x.From).Must(d => d is null || (d.Value.Year >= 2000 && d.Value.Year <= 2100)).WithName("From")
            .WithMessage("From: the date must be between 2000 and 2100.");
        RuleForEach(x => x.Rates).ChildRules(r =>
        {
            r.RuleFor(x => x.Rate).Must(CostRateKinds.All.Contains).WithMessage("Unknown rate.");
            r.RuleFor(x => x.AppliesTo).NotEmpty().MaximumLength(40);
            r.RuleFor(x => x.Value).GreaterThanOrEqualTo(0).WithMessage("A cost cannot be negative.");
            r.RuleFor(x => x.Value).LessThanOrEqualTo(100).When(x => CostRateKinds.IsPercent(x.Rate)).WithMessage("A percentage is at most 100.");
            r.RuleFor(x => x.Value).LessThanOrEqualTo(1_000_000_000m).WithMessage("That amount is too large.");
            r.RuleFor(x => x.AppliesTo).Must(a => CostRateKinds.Fulfilments.Contains(a))
                .When(x => x.Rate is CostRateKinds.HandlingPerOrder or CostRateKinds.HandlingPerLine or CostRateKinds.DeliveryPerOrder)
                .WithMessage("Handling and delivery rates apply to a fulfilment: in_store, delivery or pickup.");
            r.RuleFor(x => x.AppliesTo).Must(a => CostRateKinds.PaymentMethods.Contains(a))
                .When(x => x.Rate == CostRateKinds.PaymentFeePercent).WithMessage("Unknown payment method.");
        });
    }
}

internal sealed class SetCostRatesHandler(DbSession session, TimeProvider clock) : IRequestHandler<SetCostRates, int>
{
    public async Task<int> Handle(SetCostRates request, CancellationToken cancellationToken)
    {
        var channels = (await session.QueryAsync<string>("SELECT code FROM kernel.channels", null, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var rate in request.Rates.Where(r => r.Rate == CostRateKinds.CommissionPercent))
            if (!channels.Contains(rate.AppliesTo))
                throw AppException.Invalid("Rates", string.Create(CultureInfo.InvariantCulture, $"Unknown channel '{rate.AppliesTo}'."));
        var from = request.From ?? CostRateSql.Today(clock);
        var month = from.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        if (await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM reports.closed_periods WHERE month = @Month", new { Month = month }, cancellationToken) > 0)
            throw AppException.Invalid("From", $"From: {from:yyyy-MM-dd} is in a closed month ({month}); a rate can change from a day of an open month.");

        var day = CostRateSql.Day(session.Dialect, from);
        var inForce = (await session.QueryAsync<CostRate>(CostRateSql.InForce(session.Dialect), new { Day = day }, cancellationToken))
            .ToDictionary(r => (r.Rate, r.AppliesTo), r => r.Value);
        var now = clock.GetUtcNow();
        var changed = 0;
        foreach (var rate in request.Rates)
        {
            if (inForce.TryGetValue((rate.Rate, rate.AppliesTo), out var current) ? current == rate.Value : rate.Value == 0) continue;
            changed += await session.ExecuteAsync(
                """
                INSERT INTO reports.cost_rates (rate, applies_to, effective_from, value, updated_at, updated_by) VALUES (@Rate, @AppliesTo, @Day, @Value, @Now, @By)
                ON CONFLICT (rate, applies_to, effective_from) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """, new { rate.Rate, rate.AppliesTo, Day = day, rate.Value, Now = now, request.By }, cancellationToken);
        }
        return changed;
    }
}
