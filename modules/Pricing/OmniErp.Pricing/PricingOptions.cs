namespace OmniErp.Pricing;

/// <summary>Bound from the <c>Pricing</c> section: the store currency (ISO 4217) every price is kept in.</summary>
internal sealed class PricingOptions
{
    public const string Section = "Pricing";
    public string Currency { get; set; } = "VND";
}
