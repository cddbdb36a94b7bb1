using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace OmniErp.Orders.Orders;

/// <summary>
/// Orders store why they were sourced where they were (and a few timeline notes) as the English sentence placing
/// wrote, in old rows and new alike. A page shows such a sentence in its own language by recognising which template
/// it was written from and translating that template with the same values (each value in turn as a sentence or through
/// the localizer, so a payment method reads in the page's language). A sentence no template matches is shown as stored.
/// </summary>
internal static class StoredSentences
{
    /// <summary>The sentences Placing/Sourcing.cs, PlaceOrder.cs and the demo seed write: keep in step with them (PageTests pin each).</summary>
    private static readonly string[] Templates =
    [
        "POS sale at store {0}.",
        "Click-and-collect: the customer chose store {0}.",
        "Delivery: warehouse {0} has every line (warehouse first).",
        "Delivery: no warehouse serves this channel; store {0} has every line.",
        "Delivery: warehouse {0} is short of {1}; store {2} has every line.",
        "Paid by {0} at the counter.",
        "{0} {1} loyalty points redeemed.",
    ];

    private static readonly (string Template, Regex Pattern)[] Patterns =
        [.. Templates.Select(t => (t, new Regex("^" + Regex.Replace(Regex.Escape(t), @"\\\{\d}", "(.+)") + "$", RegexOptions.CultureInvariant)))];

    public static string Show(string? stored, IStringLocalizer localizer)
    {
        if (string.IsNullOrEmpty(stored)) return stored ?? "";
        foreach (var (template, pattern) in Patterns)
        {
            var match = pattern.Match(stored);
            if (!match.Success) continue;
            var values = match.Groups.Cast<Group>().Skip(1).Select(g => (object)Value(g.Value, localizer)).ToArray();
            return localizer[template, values].Value;
        }
        return stored;
    }

    /// <summary>A value is itself a sentence (the reason before "N loyalty points redeemed."), a word the texts know (cash), or a code.</summary>
    private static string Value(string value, IStringLocalizer localizer)
    {
        var shown = Show(value, localizer);
        return !ReferenceEquals(shown, value) ? shown : localizer[value].Value;
    }
}
