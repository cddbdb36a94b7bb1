using MediatR;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Pricing.Contracts;

namespace OmniErp.Pricing.Promotions;

/// <summary>
/// Counts one use of each coupon for an order. Each count is one conditional UPDATE (used_count below the limit), so two
/// orders racing for the last use cannot both get it; redeeming the same order again counts nothing.
/// </summary>
internal sealed class RedeemCouponsHandler(DbSession session, TimeProvider clock) : IRequestHandler<RedeemCoupons, bool>
{
    public async Task<bool> Handle(RedeemCoupons request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var code in request.CouponCodes.Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct())
        {
            var inserted = await session.ExecuteAsync(
                """
                INSERT INTO pricing.coupon_redemptions (code, order_reference, redeemed_at)
                SELECT code, @order, @now FROM pricing.coupons WHERE code = @code
                ON CONFLICT DO NOTHING
                """, new { code, order = request.OrderReference, now }, ct);
            if (inserted == 0)
            {
                var known = await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pricing.coupons WHERE code = @code", new { code }, ct);
                if (known == 0) throw AppException.Invalid("CouponCodes", $"Coupon {code} does not exist.", "COUPON_UNKNOWN");
                continue; // already redeemed for this order
            }
            var counted = await session.ExecuteAsync(
                "UPDATE pricing.coupons SET used_count = used_count + 1 WHERE code = @code AND (usage_limit IS NULL OR used_count < usage_limit)",
                new { code }, ct);
            if (counted == 0) throw AppException.Conflict("COUPON_USED_UP", $"Coupon {code} has no uses left.");
        }
        return true;
    }
}
