using FsCheck;
using FsCheck.Fluent;
using OmniErp.Customers;
using OmniErp.Customers.Loyalty;
using Xunit;

namespace OmniErp.IntegrationTests.Customers;

public sealed class LoyaltyRulesTests
{
    private static readonly LoyaltyOptions Options = new();

    [Theory]
    [InlineData(0, 0)]
    [InlineData(9_999, 0)]
    [InlineData(10_000, 1)]
    [InlineData(259_000, 25)]
    [InlineData(1_000_000, 100)]
    public void Points_are_whole_points_per_ten_thousand_dong_paid(decimal paid, int points) =>
        Assert.Equal(points, LoyaltyRules.PointsFor(paid, Options));

    [Theory]
    [InlineData(0, "Member")]
    [InlineData(4_999_999, "Member")]
    [InlineData(5_000_000, "Silver")]
    [InlineData(15_000_000, "Gold")]
    [InlineData(40_000_000, "Platinum")]
    public void The_tier_follows_twelve_month_spend(decimal spend, string tier) =>
        Assert.Equal(tier, LoyaltyRules.TierFor(spend, Options));

    [Fact]
    public void A_full_refund_takes_back_every_point_of_the_order_and_partial_refunds_never_take_more()
    {
        var gen =
            from amount in Gen.Choose(10_000, 50_000_000)
            from cuts in Gen.ListOf(Gen.Choose(1, 100))
            select (Amount: (decimal)amount, Cuts: cuts.ToList());
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var earned = LoyaltyRules.PointsFor(c.Amount, Options);
            var weights = c.Cuts.Count == 0 ? [100] : c.Cuts;
            var total = weights.Sum();
            decimal refunded = 0m;
            var reversed = 0;
            for (var i = 0; i < weights.Count; i++)
            {
                var refund = i == weights.Count - 1 ? c.Amount - refunded : decimal.Floor(c.Amount * weights[i] / total);
                var take = LoyaltyRules.PointsToReverse(earned, reversed, c.Amount, refunded, refund);
                if (take < 0) return false;
                reversed += take;
                refunded += refund;
                if (reversed > earned) return false;
            }
            return reversed == earned;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(100, 0, 100, 100)]
    [InlineData(100, 30, 70, 70)]
    [InlineData(100, 150, 50, 0)]
    [InlineData(100, 0, 40, 40)]
    [InlineData(0, 0, 50, 0)]
    public void Expiry_takes_the_oldest_points_first_and_never_more_than_the_balance(long earnedBefore, long debited, long balance, long expected) =>
        Assert.Equal(expected, LoyaltyRules.PointsToExpire(earnedBefore, debited, balance));
}
