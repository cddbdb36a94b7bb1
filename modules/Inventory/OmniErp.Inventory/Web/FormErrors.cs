using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using OmniErp.Kernel.Errors;

namespace OmniErp.Inventory.Web;

internal static class FormErrors
{
    /// <summary>Shows a refusal on the form: field errors beside their field, the rest above the form.</summary>
    public static void AddErrors(this ModelStateDictionary state, AppException ex)
    {
        foreach (var e in ex.Errors) state.AddModelError(e.Field ?? "", e.Message);
    }
}

/// <summary>
/// Lines typed one per row, e.g. <c>AO-001 5</c> or, with a cost, <c>AO-001 5 185000</c>: the no-JavaScript way to
/// enter a multi-line receipt or transfer.
/// </summary>
internal static class LineText
{
    public static (List<(string Sku, int Quantity, decimal? Cost)> Lines, List<string> Errors) Parse(string? text, bool withCost)
    {
        var lines = new List<(string, int, decimal?)>();
        var errors = new List<string>();
        var number = 0;
        foreach (var raw in (text ?? "").Split('\n'))
        {
            number++;
            var parts = raw.Split([' ', '\t', ';', ','], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            if (parts.Length != (withCost ? 3 : 2)
                || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var quantity)
                || quantity <= 0)
            {
                errors.Add($"Line {number}: write “SKU quantity{(withCost ? " unit-cost" : "")}” with a positive quantity.");
                continue;
            }
            decimal? cost = null;
            if (withCost)
            {
                if (!decimal.TryParse(parts[2], NumberStyles.Number, CultureInfo.InvariantCulture, out var c) || c < 0)
                {
                    errors.Add($"Line {number}: the unit cost must be a number of at least 0.");
                    continue;
                }
                cost = c;
            }
            lines.Add((parts[0].Trim(), quantity, cost));
        }
        if (lines.Count == 0 && errors.Count == 0) errors.Add("Enter at least one line.");
        return (lines, errors);
    }
}
