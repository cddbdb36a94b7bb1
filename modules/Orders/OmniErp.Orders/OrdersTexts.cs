namespace OmniErp.Orders;

internal static class OrdersTexts
{
    public static readonly IReadOnlyDictionary<string, string> Vietnamese = new Dictionary<string, string>
    {
        ["Orders"] = "Đơn hàng",
    };
}
