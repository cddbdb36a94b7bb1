using System.Globalization;
using Microsoft.Extensions.Localization;

namespace OmniErp.Kernel.Localization;

/// <summary>
/// UI text in English or Vietnamese. English text is the key; each module adds its Vietnamese translations.
/// A missing translation shows the English text rather than a key.
/// </summary>
public sealed class TextLocalizer(IReadOnlyDictionary<string, string> vietnamese) : IStringLocalizer
{
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    public static readonly IReadOnlyList<CultureInfo> Supported = [English, Vietnamese];

    public LocalizedString this[string name] => Translate(name, []);

    public LocalizedString this[string name, params object[] arguments] => Translate(name, arguments);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        vietnamese.Select(p => new LocalizedString(p.Key, IsVietnamese ? p.Value : p.Key));

    private static bool IsVietnamese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi";

    private LocalizedString Translate(string name, object[] arguments)
    {
        var found = vietnamese.TryGetValue(name, out var vi);
        var format = IsVietnamese && found ? vi! : name;
        var value = arguments.Length == 0 ? format : string.Format(CultureInfo.CurrentCulture, format, arguments);
        return new LocalizedString(name, value, resourceNotFound: IsVietnamese && !found);
    }
}
