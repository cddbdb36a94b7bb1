using OmniErp.Catalog.ProductImport;
using OmniErp.Catalog.Products;

namespace OmniErp.IntegrationTests.Catalog;

public sealed class CatalogRulesTests
{
    [Theory]
    [InlineData("8934563138165", true)]
    [InlineData("8934563138166", false)]
    [InlineData("96385074", true)]
    [InlineData("036000291452", true)]
    [InlineData("10012345678902", true)]
    [InlineData("893456313816", false)]
    [InlineData("89345631381a5", false)]
    [InlineData("", false)]
    public void A_gtin_is_valid_only_with_its_check_digit(string code, bool valid) =>
        Assert.Equal(valid, CatalogRules.IsValidGtin(code));

    [Fact]
    public void Slugs_and_search_text_fold_vietnamese_accents()
    {
        Assert.Equal("ao-thun-co-tron-do", CatalogRules.Slugify("Áo thun cổ tròn, Đỏ!"));
        Assert.Equal("at1 ao thun do", CatalogRules.SearchText("AT1", "Áo thun Đỏ", null, null));
    }

    [Fact]
    public void Csv_reads_quoted_fields_with_commas_quotes_and_line_breaks()
    {
        var records = Csv.Read(new StringReader("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"));
        Assert.Equal(2, records.Count);
        Assert.Equal(["x, y", "say \"hi\"", "two\nlines"], records[1]);
        var writer = new StringWriter();
        Csv.WriteRecord(writer, records[1]);
        Assert.Equal(records[1], Csv.Read(new StringReader(writer.ToString()))[0]);
    }
}
