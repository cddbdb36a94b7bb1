namespace OmniErp.Customers.Profiles;

/// <summary>
/// Vietnamese phone numbers in one canonical form, E.164 <c>+84…</c>, so that <c>0912 345 678</c>,
/// <c>+84 912 345 678</c>, <c>84912345678</c> and <c>0084-912-345-678</c> are one number. Eleven-digit mobile numbers
/// from before the 2018 renumbering (<c>0168 …</c>) become their ten-digit successors (<c>038 …</c>), so a customer
/// who still gives the old number is found too.
/// </summary>
internal static class PhoneNumber
{
    // 2018 renumbering of 11-digit mobile prefixes (national form without the leading 0): old → new.
    private static readonly Dictionary<string, string> Renumbered = new(StringComparer.Ordinal)
    {
        ["162"] = "32", ["163"] = "33", ["164"] = "34", ["165"] = "35", ["166"] = "36", ["167"] = "37", ["168"] = "38", ["169"] = "39",
        ["120"] = "70", ["121"] = "79", ["122"] = "77", ["126"] = "76", ["128"] = "78",
        ["123"] = "83", ["124"] = "84", ["125"] = "85", ["127"] = "81", ["129"] = "82",
        ["186"] = "56", ["188"] = "58", ["199"] = "59",
    };

    /// <summary>The canonical <c>+84…</c> form, or null when the text is not a Vietnamese mobile or landline number.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var digits = new System.Text.StringBuilder(text.Length);
        var plus = false;
        foreach (var c in text.Trim())
        {
            if (c is >= '0' and <= '9') digits.Append(c);
            else if (c == '+' && digits.Length == 0 && !plus) plus = true;
            else if (c is ' ' or '.' or '-' or '(' or ')' or '\u00A0') continue;
            else return null;
        }

        var d = digits.ToString();
        // International prefixes: +84, 0084, 84 (only when what follows is a whole national number).
        string national;
        if (plus)
        {
            if (!d.StartsWith("84", StringComparison.Ordinal)) return null;
            national = d[2..];
        }
        else if (d.StartsWith("0084", StringComparison.Ordinal)) national = d[4..];
        else if (d.StartsWith('0')) national = d;
        else if (d.StartsWith("84", StringComparison.Ordinal) && IsNationalSignificant(Renumber(d[2..].TrimStart('0')))) national = d[2..];
        else national = d;

        // "+84 (0) 912…" and "0912…": the trunk 0 is not part of the number.
        if (national.StartsWith('0')) national = national[1..];
        if (national.StartsWith('0')) return null;
        national = Renumber(national);
        return IsNationalSignificant(national) ? "+84" + national : null;
    }

    /// <summary>The national form people read and type, e.g. <c>0912 345 678</c>.</summary>
    public static string Display(string normalized)
    {
        if (!normalized.StartsWith("+84", StringComparison.Ordinal)) return normalized;
        var n = "0" + normalized[3..];
        return n.Length == 10 ? $"{n[..4]} {n[4..7]} {n[7..]}" : $"{n[..3]} {n[3..7]} {n[7..]}";
    }

    private static string Renumber(string national) =>
        national.Length == 10 && Renumbered.TryGetValue(national[..3], out var successor) ? successor + national[3..] : national;

    // Mobile: 9 digits after the country code, starting 3, 5, 7, 8 or 9. Landline: 10 digits starting 2 (02x area codes).
    private static bool IsNationalSignificant(string n) =>
        n.All(char.IsAsciiDigit) && ((n.Length == 9 && n[0] is '3' or '5' or '7' or '8' or '9') || (n.Length == 10 && n[0] == '2'));
}

internal static class EmailAddress
{
    /// <summary>Trimmed and lower-cased, or null when it cannot be an address.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var e = text.Trim().ToLowerInvariant();
        var at = e.IndexOf('@');
        if (at <= 0 || at != e.LastIndexOf('@') || at == e.Length - 1) return null;
        var domain = e[(at + 1)..];
        if (!domain.Contains('.') || domain.StartsWith('.') || domain.EndsWith('.')) return null;
        return e.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? null : e;
    }
}
