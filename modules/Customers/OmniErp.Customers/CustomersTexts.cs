namespace OmniErp.Customers;

internal static class CustomersTexts
{
    public static readonly IReadOnlyDictionary<string, string> Vietnamese = new Dictionary<string, string>
    {
        ["Customers"] = "Khách hàng",
    };
}
