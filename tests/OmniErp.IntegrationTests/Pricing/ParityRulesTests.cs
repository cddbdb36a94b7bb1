using OmniErp.Pricing.Engine;

namespace OmniErp.IntegrationTests.Pricing;

public sealed class ParityRulesTests
{
    private static readonly ChannelPolicy Shopee = new("shopee", 5m, 0m);

    [Fact]
    public void A_key_item_refuses_any_channel_price_other_than_its_base_price_naming_the_rule()
    {
        var error = ParityRules.CheckChannelPrice("AT1", keyItem: true, 100_000m, "shopee", 101_000m, Shopee, "VND");
        Assert.NotNull(error);
        Assert.Equal("KEY_ITEM_PARITY", error.Code);
        Assert.Contains("KEY_ITEM_PARITY", error.Message);
        Assert.Null(ParityRules.CheckChannelPrice("AT1", keyItem: true, 100_000m, "shopee", 100_000m, Shopee, "VND"));
    }

    [Theory]
    [InlineData(105_000, true)]
    [InlineData(105_100, false)]
    [InlineData(99_900, false)]
    [InlineData(100_000, true)]
    public void Other_skus_stay_within_the_channel_band(int price, bool allowed)
    {
        var error = ParityRules.CheckChannelPrice("AT1", keyItem: false, 100_000m, "shopee", price, Shopee, "VND");
        Assert.Equal(allowed, error is null);
        if (!allowed) Assert.Equal("CHANNEL_DEVIATION", error!.Code);
    }

    [Fact]
    public void A_parity_channel_allows_only_the_base_price()
    {
        Assert.NotNull(ParityRules.CheckChannelPrice("AT1", false, 100_000m, "web", 99_000m, ChannelPolicy.Parity("web"), "VND"));
        Assert.Null(ParityRules.CheckChannelPrice("AT1", false, 100_000m, "web", 100_000m, ChannelPolicy.Parity("web"), "VND"));
    }
}
