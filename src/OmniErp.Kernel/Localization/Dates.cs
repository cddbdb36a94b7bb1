using System.Globalization;

namespace OmniErp.Kernel.Localization;

/// <summary>
/// The one place that writes a date or a moment for people on a page: in the shops' time (Vietnam, UTC+7 all
/// year) and the way the request's culture writes it — <c>dd/MM/yyyy HH:mm</c> in Vietnamese, <c>yyyy-MM-dd HH:mm</c>
/// otherwise. Form inputs (<c>type=date</c>) and files keep ISO dates; they are for machines.
/// </summary>
public static class Dates
{
    public static readonly TimeSpan ShopOffset = TimeSpan.FromHours(7);

    /// <summary>A moment, to the minute, in shop time.</summary>
    public static string At(DateTimeOffset at) => at.ToOffset(ShopOffset).ToString(IsVietnamese ? "dd/MM/yyyy HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A moment that may not have happened yet: empty when it has not.</summary>
    public static string At(DateTimeOffset? at) => at is { } value ? At(value) : "";

    private static bool IsVietnamese => CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "vi";
}
