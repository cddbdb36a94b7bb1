namespace OmniErp.Pricing;

internal static class PricingTexts
{
    public static readonly IReadOnlyDictionary<string, string> Vietnamese = new Dictionary<string, string>
    {
        ["Pricing"] = "Giá bán",
    };
}
