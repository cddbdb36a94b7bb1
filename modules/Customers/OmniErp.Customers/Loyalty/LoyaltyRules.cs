namespace OmniErp.Customers.Loyalty;

internal static class Tiers
{
    public const string Member = "Member";
    public const string Silver = "Silver";
    public const string Gold = "Gold";
    public const string Platinum = "Platinum";

    public static readonly IReadOnlyList<string> All = [Member, Silver, Gold, Platinum];
}

/// <summary>The loyalty arithmetic, free of storage so it can be tested exhaustively.</summary>
internal static class LoyaltyRules
{
    /// <summary>Whole points earned for an amount paid; fractions are dropped, never rounded up.</summary>
    public static int PointsFor(decimal amountPaid, LoyaltyOptions options) =>
        amountPaid <= 0m || options.AmountPerPoint <= 0m ? 0 : (int)Math.Min(int.MaxValue, decimal.Floor(amountPaid / options.AmountPerPoint));

    /// <summary>The money value of points (VAT-inclusive discount, in the loyalty currency).</summary>
    public static decimal ValueOf(long points, LoyaltyOptions options) => points * options.PointValue;

    /// <summary>
    /// Points earned for an order that a refund takes back: in proportion to the refunded share of the amount paid,
    /// rounded up so a full refund takes back every point, and never more than is left of that order's points.
    /// </summary>
    public static int PointsToReverse(int pointsEarned, int pointsReversedBefore, decimal amountPaid, decimal refundedBefore, decimal refundNow)
    {
        if (pointsEarned <= 0 || amountPaid <= 0m || refundNow <= 0m) return 0;
        var refundedTotal = Math.Min(amountPaid, refundedBefore + refundNow);
        var dueTotal = (int)decimal.Ceiling(pointsEarned * refundedTotal / amountPaid);
        return Math.Clamp(dueTotal - pointsReversedBefore, 0, pointsEarned - pointsReversedBefore);
    }

    public static string TierFor(decimal spend12Months, LoyaltyOptions options) =>
        spend12Months >= options.PlatinumFrom ? Tiers.Platinum
        : spend12Months >= options.GoldFrom ? Tiers.Gold
        : spend12Months >= options.SilverFrom ? Tiers.Silver
        : Tiers.Member;

    /// <summary>
    /// Points that lapse now, first in first out: every debit (redeem, expire, reverse) used the oldest points first, so
    /// what has lapsed is what was earned before the cut-off less everything debited so far, and never more than the
    /// balance.
    /// </summary>
    public static long PointsToExpire(long earnedBeforeCutoff, long debitedSoFar, long balance) =>
        Math.Max(0, Math.Min(balance, earnedBeforeCutoff - debitedSoFar));
}
