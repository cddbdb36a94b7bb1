using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using OmniErp.Kernel.Money;

namespace OmniErp.IntegrationTests.Kernel;

public sealed class MoneyTests
{
    [Fact]
    public void Amounts_in_different_currencies_are_never_added()
    {
        var vnd = Money.Of(100_000m, "VND");
        var usd = Money.Of(4m, "USD");
        Assert.Throws<InvalidOperationException>(() => vnd + usd);
    }

    [Theory]
    [InlineData(149_949, 149_900)]
    [InlineData(149_950, 150_000)]
    [InlineData(99, 100)]
    [InlineData(0, 0)]
    public void A_VND_shelf_price_rounds_to_the_nearest_100_dong(decimal raw, decimal expected) =>
        Assert.Equal(expected, Currency.VND.RoundPrice(raw));

    [Fact]
    public void A_USD_price_rounds_to_the_cent_half_away_from_zero() =>
        Assert.Equal(10.13m, Currency.USD.RoundPrice(10.125m));

    [Theory]
    [InlineData(110_000, 10, 10_000)]
    [InlineData(108_000, 8, 8_000)]
    [InlineData(105_000, 5, 5_000)]
    [InlineData(99_000, 0, 0)]
    public void The_VAT_part_of_a_VAT_inclusive_price_is_taken_out_at_its_rate(decimal gross, decimal rate, decimal vat) =>
        Assert.Equal(vat, Money.Of(gross, "VND").VatPart(rate).Amount);

    [Fact]
    public void Vietnamese_users_see_dots_for_thousands_and_the_dong_sign()
    {
        var vi = CultureInfo.GetCultureInfo("vi-VN");
        Assert.Equal("1.234.567 ₫", Money.Of(1_234_567m, "VND").ToString(vi));
        Assert.Equal("25/11/2026", new DateTime(2026, 11, 25).ToString("d", vi));
        Assert.Equal("1,234,567 ₫", Money.Of(1_234_567m, "VND").ToString(CultureInfo.GetCultureInfo("en-US")));
    }

    [Fact]
    public void An_allocation_always_sums_exactly_to_the_whole() =>
        Prop.ForAll(
                Gen.Choose(0, 50_000_000).ToArbitrary(),
                Gen.ListOf(Gen.Choose(1, 1000)).Where(l => l.Count is > 0 and < 20).ToArbitrary(),
                (amount, weights) =>
                {
                    var parts = Money.Of(amount, "VND").Allocate(weights.Select(w => (decimal)w).ToList());
                    return parts.Sum(p => p.Amount) == amount && parts.All(p => p.Amount >= 0 && p.Amount == decimal.Round(p.Amount));
                })
            .QuickCheckThrowOnFailure();
}
