using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OmniErp.Catalog.Products;

/// <summary>The catalog's small pure rules: GTIN check digits, slugs, search text, attribute lists. One place each.</summary>
internal static partial class CatalogRules
{
    public static readonly IReadOnlyList<int> VatRates = [0, 5, 8, 10];

    /// <summary>
    /// True for a GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13) or GTIN-14 whose last digit is the GS1 mod-10 check digit
    /// of the others (weights 3 and 1 alternating from the right).
    /// </summary>
    public static bool IsValidGtin(string? code)
    {
        if (code is null || code.Length is not (8 or 12 or 13 or 14) || !code.All(char.IsAsciiDigit)) return false;
        return GtinCheckDigit(code.AsSpan(0, code.Length - 1)) == code[^1] - '0';
    }

    /// <summary>The GS1 check digit for the digits before it.</summary>
    public static int GtinCheckDigit(ReadOnlySpan<char> body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var digit = body[body.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? digit * 3 : digit;
        }
        return (10 - sum % 10) % 10;
    }

    /// <summary>Lower-case ASCII without Vietnamese accents ("Áo thun Đỏ" → "ao thun do").</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c switch { 'đ' => 'd', 'Đ' => 'd', _ => char.ToLowerInvariant(c) });
        }
        return sb.ToString();
    }

    /// <summary>A URL slug from a name: "Áo thun cổ tròn" → "ao-thun-co-tron".</summary>
    public static string Slugify(string text)
    {
        var slug = NonSlug().Replace(Fold(text), "-").Trim('-');
        return slug.Length > 180 ? slug[..180].Trim('-') : slug;
    }

    public static bool IsSlug(string? slug) => slug is { Length: > 0 and <= 200 } && SlugPattern().IsMatch(slug);
    public static bool IsSku(string? sku) => sku is { Length: >= 2 and <= 64 } && SkuPattern().IsMatch(sku);
    public static bool IsProductCode(string? code) => code is { Length: >= 1 and <= 64 } && SkuPattern().IsMatch(code);
    public static bool IsAttributeName(string? name) => name is { Length: >= 1 and <= 32 } && AttributeName().IsMatch(name);

    public static string SearchText(string sku, string name, string? brand, string? barcode) =>
        Fold($"{sku} {name} {brand} {barcode}").Trim();

    /// <summary>Reads "size=M; color=Đỏ" into ordered pairs; null when the text is malformed (the message says why).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>>? ParseAttributes(string? text, out string? error)
    {
        error = null;
        var list = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrWhiteSpace(text)) return list;
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0 || eq == part.Length - 1) { error = $"'{part}' is not name=value."; return null; }
            var name = part[..eq].Trim().ToLowerInvariant();
            var value = part[(eq + 1)..].Trim();
            if (!IsAttributeName(name)) { error = $"'{name}' is not an attribute name (a-z, 0-9, _)."; return null; }
            if (value.Length is 0 or > 100) { error = $"The value of '{name}' must have 1 to 100 characters."; return null; }
            if (list.Any(p => p.Key == name)) { error = $"'{name}' is given twice."; return null; }
            list.Add(new(name, value));
        }
        return list;
    }

    public static string FormatAttributes(IEnumerable<KeyValuePair<string, string>> attributes) =>
        string.Join("; ", attributes.Select(a => $"{a.Key}={a.Value}"));

    public static IReadOnlyList<string> SplitList(string? text, char separator) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Z0-9][A-Z0-9._-]*$")]
    private static partial Regex SkuPattern();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex AttributeName();
}
