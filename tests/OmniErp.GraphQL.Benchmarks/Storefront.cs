namespace OmniErp.GraphQL.Benchmarks;

public sealed record ProductRow(string Sku, string Name, string Description, string Category);
public sealed record Money(decimal Amount, string Currency);
public sealed record Availability(int Available, bool InStock);

/// <summary>A storefront-like schema over in-memory data: 24 products, price and availability via DataLoaders.</summary>
public static class Storefront
{
    public const string Query = "{ products(first: 24) { sku name description category price { amount currency } availability { available inStock } } }";

    public static readonly ProductRow[] Products = Enumerable.Range(1, 48)
        .Select(i => new ProductRow($"SKU-{i:D4}", $"Product {i}", $"A fine product number {i}", i % 2 == 0 ? "shoes" : "shirts")).ToArray();
    public static readonly Dictionary<string, Money> Prices = Products.Select((p, i) => (p, i)).ToDictionary(x => x.p.Sku, x => new Money(10m + x.i % 50 / 4m, "EUR"));
    public static readonly Dictionary<string, Availability> Stock = Products.ToDictionary(p => p.Sku, p => new Availability(int.Parse(p.Sku[4..]) % 7, int.Parse(p.Sku[4..]) % 7 > 0));

    public static Schema Build()
    {
        var b = new SchemaBuilder();
        b.Scalar("Decimal", "Decimal number", v => v, v => v is decimal d ? d : Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture));
        b.Object("Money", null, t => { t.Field("amount", "Decimal!", c => c.Parent<Money>().Amount); t.Field("currency", "String!", c => c.Parent<Money>().Currency); });
        b.Object("Availability", null, t => { t.Field("available", "Int!", c => c.Parent<Availability>().Available); t.Field("inStock", "Boolean!", c => c.Parent<Availability>().InStock); });
        b.Object("Product", null, t =>
        {
            t.Field("sku", "String!", c => c.Parent<ProductRow>().Sku);
            t.Field("name", "String!", c => c.Parent<ProductRow>().Name);
            t.Field("description", "String", c => c.Parent<ProductRow>().Description);
            t.Field("category", "String!", c => c.Parent<ProductRow>().Category);
        });
        // "Pricing" and "Inventory" modules extend Product by name.
        b.Extend("Product", t => t.Field("price", "Money", c =>
            c.DataLoader<string, Money>("prices", (keys, _) => Task.FromResult<IReadOnlyDictionary<string, Money>>(keys.ToDictionary(k => k, k => Prices[k])))
             .LoadAsync(c.Parent<ProductRow>().Sku)));
        b.Extend("Product", t => t.Field("availability", "Availability", c =>
            c.DataLoader<string, Availability>("stock", (keys, _) => Task.FromResult<IReadOnlyDictionary<string, Availability>>(keys.ToDictionary(k => k, k => Stock[k])))
             .LoadAsync(c.Parent<ProductRow>().Sku)));
        b.Query(q => q.Field("products", "[Product!]!", c => Products.Take(c.ArgumentOrDefault("first", 24)))
            .Argument("first", "Int", defaultValue: 24));
        return b.Build();
    }
}
