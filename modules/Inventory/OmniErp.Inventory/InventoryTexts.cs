namespace OmniErp.Inventory;

internal static class InventoryTexts
{
    public static readonly IReadOnlyDictionary<string, string> Vietnamese = new Dictionary<string, string>
    {
        ["Inventory"] = "Tồn kho",
    };
}
