namespace OmniErp.Catalog.Categories;

/// <summary>A node of the category tree; <see cref="Path"/> holds the codes from the root ("thoi-trang/ao").</summary>
internal sealed class Category
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public long? ParentId { get; set; }
    public string Path { get; set; } = "";
}
