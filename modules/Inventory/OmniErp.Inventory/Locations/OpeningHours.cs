using System.Globalization;

namespace OmniErp.Inventory.Locations;

/// <summary>
/// Weekly opening hours written as <c>Mo-Fr 08:00-21:30; Sa-Su 08:00-22:00</c> (days Mo Tu We Th Fr Sa Su, a range or
/// a comma list, then local open-close). Stores are in Vietnam (UTC+7, no daylight saving), so local time is fixed.
/// </summary>
internal sealed class OpeningHours
{
    public static readonly TimeSpan LocalOffset = TimeSpan.FromHours(7);
    private static readonly string[] Days = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
    private readonly (TimeOnly Open, TimeOnly Close)?[] _byDay = new (TimeOnly, TimeOnly)?[7];

    private OpeningHours()
    {
    }

    /// <summary>Null when the text does not follow the notation.</summary>
    public static OpeningHours? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var hours = new OpeningHours();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (pieces.Length != 2) return null;
            var times = pieces[1].Split('-');
            if (times.Length != 2
                || !TimeOnly.TryParseExact(times[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var open)
                || !TimeOnly.TryParseExact(times[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var close)
                || close <= open) return null;
            foreach (var dayGroup in pieces[0].Split(','))
            {
                var range = dayGroup.Split('-');
                var first = Array.IndexOf(Days, range[0]);
                var last = range.Length == 2 ? Array.IndexOf(Days, range[1]) : first;
                if (range.Length > 2 || first < 0 || last < first) return null;
                for (var d = first; d <= last; d++) hours._byDay[d] = (open, close);
            }
        }
        return hours;
    }

    public static bool IsValid(string? text) => string.IsNullOrWhiteSpace(text) || TryParse(text) is not null;

    /// <summary>The hours on the local day of <paramref name="utcNow"/>, or null when closed all day.</summary>
    public (TimeOnly Open, TimeOnly Close)? On(DateTimeOffset utcNow)
    {
        var local = utcNow.ToOffset(LocalOffset);
        var index = ((int)local.DayOfWeek + 6) % 7; // Monday first
        return _byDay[index];
    }

    public bool IsOpen(DateTimeOffset utcNow) =>
        On(utcNow) is { } h && TimeOnly.FromTimeSpan(utcNow.ToOffset(LocalOffset).TimeOfDay) is var t && t >= h.Open && t < h.Close;

    /// <summary>Open today and not yet closed: a pickup ordered now can still be collected today.</summary>
    public bool StillOpenToday(DateTimeOffset utcNow) =>
        On(utcNow) is { } h && TimeOnly.FromTimeSpan(utcNow.ToOffset(LocalOffset).TimeOfDay) < h.Close;

    public static string? Describe((TimeOnly Open, TimeOnly Close)? hours) =>
        hours is { } h ? $"{h.Open:HH\\:mm}-{h.Close:HH\\:mm}" : null;
}
