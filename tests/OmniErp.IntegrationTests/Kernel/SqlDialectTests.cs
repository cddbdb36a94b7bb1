using OmniErp.Kernel.Data;

namespace OmniErp.IntegrationTests.Kernel;

public sealed class SqlDialectTests
{
    [Fact]
    public void Module_qualified_names_become_prefixed_names_on_SQLite_and_stay_on_PostgreSQL()
    {
        const string sql = "SELECT p.sku FROM catalog.products p JOIN inventory.stock s ON s.sku = p.sku WHERE p.status = 'active'";
        Assert.Equal("SELECT p.sku FROM catalog_products p JOIN inventory_stock s ON s.sku = p.sku WHERE p.status = 'active'", SqlDialect.Sqlite.Sql(sql));
        Assert.Equal(sql, SqlDialect.Postgres.Sql(sql));
    }

    [Fact]
    public void Column_references_through_aliases_are_left_alone() =>
        Assert.Equal("SELECT o.total FROM orders_orders o", SqlDialect.Sqlite.Sql("SELECT o.total FROM orders.orders o"));

    [Theory]
    [InlineData("DisplayName", "display_name")]
    [InlineData("VatRate", "vat_rate")]
    [InlineData("GTIN", "gtin")]
    [InlineData("HTMLBody", "html_body")]
    [InlineData("Price2024", "price2024")]
    [InlineData("sku", "sku")]
    public void Names_are_snake_case(string name, string expected) => Assert.Equal(expected, ModuleDbContext.SnakeCase(name));
}
