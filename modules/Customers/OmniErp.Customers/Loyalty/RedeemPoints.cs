using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using OmniErp.Customers.Contracts;
using OmniErp.Customers.Profiles;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;

namespace OmniErp.Customers.Loyalty;

internal sealed class RedeemPointsValidator : AbstractValidator<RedeemPoints>
{
    public RedeemPointsValidator()
    {
        RuleFor(r => r.Points).GreaterThan(0);
        RuleFor(r => r.Reference).NotEmpty().MaximumLength(100);
    }
}

/// <summary>Debits points for a discount on any channel: one conditional UPDATE, so two redemptions never spend the same points.</summary>
internal sealed class RedeemPointsHandler(DbSession session, IOptions<CustomersOptions> options, TimeProvider clock) : IRequestHandler<RedeemPoints, PointsRedemption>
{
    public async Task<PointsRedemption> Handle(RedeemPoints request, CancellationToken cancellationToken)
    {
        var loyalty = options.Value.Loyalty;
        var customerId = await CustomerDirectory.LiveIdAsync(session, request.CustomerId, cancellationToken)
            ?? throw AppException.NotFound("Customer", request.CustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var reference = "redeem:" + request.Reference;
        var balance = await PointsLedger.DebitAsync(session, customerId, PointKinds.Redeem, request.Points, reference, null, clock.GetUtcNow(), cancellationToken);
        switch (balance)
        {
            case null:
                throw AppException.Conflict("POINTS_INSUFFICIENT", $"The customer has fewer than {request.Points} points.");
            case -1:
                // Already redeemed under this reference: answer as the first time did, if it was the same redemption.
                var earlier = await session.QuerySingleOrDefaultAsync<EarlierRow>(
                    "SELECT customer_id AS CustomerId, -points AS Points FROM customers.points_ledger WHERE reference = @reference", new { reference }, cancellationToken);
                if (earlier is null || earlier.CustomerId != customerId || earlier.Points != request.Points)
                    throw AppException.Conflict("REFERENCE_USED", $"Reference '{request.Reference}' was used for another redemption.");
                var now = await session.ExecuteScalarAsync<long>("SELECT points_balance FROM customers.customers WHERE id = @customerId", new { customerId }, cancellationToken);
                return new PointsRedemption(request.Reference, request.Points, LoyaltyRules.ValueOf(request.Points, loyalty), loyalty.Currency, now);
            default:
                return new PointsRedemption(request.Reference, request.Points, LoyaltyRules.ValueOf(request.Points, loyalty), loyalty.Currency, balance.Value);
        }
    }

    private sealed class EarlierRow
    {
        public long CustomerId { get; init; }
        public int Points { get; init; }
    }
}

/// <summary>Gives back a redemption's points (order cancelled); once per reference.</summary>
internal sealed class RestoreRedeemedPointsHandler(DbSession session, TimeProvider clock) : IRequestHandler<RestoreRedeemedPoints, int>
{
    public async Task<int> Handle(RestoreRedeemedPoints request, CancellationToken cancellationToken)
    {
        var redeemed = await session.QuerySingleOrDefaultAsync<RedeemedRow>(
            "SELECT customer_id AS CustomerId, -points AS Points FROM customers.points_ledger WHERE reference = @reference",
            new { reference = "redeem:" + request.Reference }, cancellationToken);
        if (redeemed is null) return 0;
        var customerId = await CustomerDirectory.LiveIdAsync(session, redeemed.CustomerId, cancellationToken) ?? redeemed.CustomerId;
        var credited = await PointsLedger.CreditAsync(session, customerId, PointKinds.Restore, redeemed.Points, "restore:" + request.Reference, null, clock.GetUtcNow(), cancellationToken);
        return credited ? redeemed.Points : 0;
    }

    private sealed class RedeemedRow
    {
        public long CustomerId { get; init; }
        public int Points { get; init; }
    }
}
