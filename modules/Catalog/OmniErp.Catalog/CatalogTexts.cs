namespace OmniErp.Catalog;

internal static class CatalogTexts
{
    public static readonly IReadOnlyDictionary<string, string> Vietnamese = new Dictionary<string, string>
    {
        ["Catalog"] = "Danh mục hàng",
    };
}
