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
}

internal sealed class CostRate
{
    public string Rate { get; init; } = "";
    public string AppliesTo { get; init; } = "";
    public decimal Value { get; init; }
}

/// <summary>Every rate that can be set (fulfilments, payment methods, the channels that exist) with its value (0 when unset).</summary>
internal sealed record GetCostRates : IQuery<CostRatesView>;

internal sealed record CostRatesView(IReadOnlyList<CostRate> Rates, IReadOnlyList<string> Channels)
{
    public decimal Value(string rate, string appliesTo) => Rates.FirstOrDefault(r => r.Rate == rate && r.AppliesTo == appliesTo)?.Value ?? 0m;
}

internal sealed class GetCostRatesHandler(DbSession session) : IRequestHandler<GetCostRates, CostRatesView>
{
    public async Task<CostRatesView> Handle(GetCostRates request, CancellationToken cancellationToken)
    {
        // SQLite keeps 8000 as an integer and 1.8 as a real in one column: Dapper wants one type per column.
        var value = session.Dialect.IsPostgres ? "value" : "CAST(value AS REAL)";
        var rates = (await session.QueryAsync<CostRate>(
            $"SELECT rate AS Rate, applies_to AS AppliesTo, {value} AS Value FROM reports.cost_rates ORDER BY rate, applies_to", null, cancellationToken)).ToList();
        var channels = (await session.QueryAsync<string>("SELECT code FROM kernel.channels ORDER BY code", null, cancellationToken)).ToList();
        return new CostRatesView(rates, channels);
    }
}

/// <summary>Sets rates (a value per rate and what it applies to); the others stay as they are.</summary>
internal sealed record SetCostRates(IReadOnlyList<CostRate> Rates, string By) : ICommand<int>;

internal sealed class SetCostRatesValidator : AbstractValidator<SetCostRates>
{
    public SetCostRatesValidator()
    {
        RuleFor(x => x.By).NotEmpty();
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
        var now = clock.GetUtcNow();
        var changed = 0;
        foreach (var rate in request.Rates)
            changed += await session.ExecuteAsync(
                """
                INSERT INTO reports.cost_rates (rate, applies_to, value, updated_at, updated_by) VALUES (@Rate, @AppliesTo, @Value, @Now, @By)
                ON CONFLICT (rate, applies_to) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """, new { rate.Rate, rate.AppliesTo, rate.Value, Now = now, request.By }, cancellationToken);
        return changed;
    }
}
