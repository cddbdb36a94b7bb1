using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace OmniErp.Reports.Dashboard;

/// <summary>
/// Charts drawn on the server as inline SVG (no JavaScript): a line per series over days, and horizontal bars.
/// Each chart has a title for screen readers; the page shows the same numbers as a table.
/// </summary>
internal static class SvgCharts
{
    private static readonly string[] Palette = ["#0f766e", "#b45309", "#4f46e5", "#be123c", "#0369a1", "#65a30d", "#9333ea"];
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Colour(int index) => Palette[index % Palette.Length];

    public static IHtmlContent Lines(string title, IReadOnlyList<string> days, IReadOnlyList<(string Name, IReadOnlyList<decimal> Values)> series, int width = 720, int height = 240)
    {
        const int left = 70, right = 12, top = 12, bottom = 28;
        var max = series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max();
        if (max <= 0) max = 1;
        var plotW = width - left - right;
        var plotH = height - top - bottom;
        double X(int i) => left + (days.Count <= 1 ? plotW / 2.0 : i * plotW / (double)(days.Count - 1));
        double Y(decimal v) => top + plotH - (double)(v / max) * plotH;

        var svg = Open(title, width, height);
        for (var g = 0; g <= 4; g++)
        {
            var v = max * g / 4;
            var y = Y(v);
            svg.Append(Inv, $"<line x1=\"{left}\" y1=\"{y:0.#}\" x2=\"{width - right}\" y2=\"{y:0.#}\" stroke=\"#e4e7ec\"/>");
            svg.Append(Inv, $"<text x=\"{left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"11\" fill=\"#667085\">{Short(v)}</text>");
        }
        for (var i = 0; i < days.Count; i += Math.Max(1, days.Count / 6))
            svg.Append(Inv, $"<text x=\"{X(i):0.#}\" y=\"{height - 8}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#667085\">{Enc(days[i][5..])}</text>");
        for (var s = 0; s < series.Count; s++)
        {
            var points = string.Join(" ", series[s].Values.Select((v, i) => string.Create(Inv, $"{X(i):0.#},{Y(v):0.#}")));
            svg.Append(Inv, $"<polyline fill=\"none\" stroke=\"{Colour(s)}\" stroke-width=\"2\" points=\"{points}\"><title>{Enc(series[s].Name)}</title></polyline>");
        }
        return Close(svg);
    }

    public static IHtmlContent Bars(string title, IReadOnlyList<(string Label, decimal Value)> bars, int width = 520)
    {
        const int labelW = 200, row = 24, valueW = 70;
        var height = Math.Max(1, bars.Count) * row + 8;
        var max = bars.Select(b => b.Value).DefaultIfEmpty(0).Max();
        if (max <= 0) max = 1;
        var svg = Open(title, width, height);
        for (var i = 0; i < bars.Count; i++)
        {
            var y = 4 + i * row;
            var w = (double)(bars[i].Value / max) * (width - labelW - valueW);
            svg.Append(Inv, $"<text x=\"{labelW - 6}\" y=\"{y + 15}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1d2330\">{Enc(Trim(bars[i].Label, 28))}</text>");
            svg.Append(Inv, $"<rect x=\"{labelW}\" y=\"{y + 3}\" width=\"{Math.Max(1, w):0.#}\" height=\"{row - 8}\" rx=\"3\" fill=\"{Colour(0)}\"><title>{Enc(bars[i].Label)}: {bars[i].Value:#,##0.##}</title></rect>");
            svg.Append(Inv, $"<text x=\"{labelW + w + 6:0.#}\" y=\"{y + 15}\" font-size=\"12\" fill=\"#667085\">{Short(bars[i].Value)}</text>");
        }
        return Close(svg);
    }

    /// <summary>A ring showing one share of a whole.</summary>
    public static IHtmlContent Share(string title, long part, long whole, int size = 140)
    {
        var ratio = whole <= 0 ? 0 : (double)part / whole;
        var r = size / 2.0 - 12;
        var c = 2 * Math.PI * r;
        var svg = Open(title, size, size);
        svg.Append(Inv, $"<circle cx=\"{size / 2}\" cy=\"{size / 2}\" r=\"{r:0.#}\" fill=\"none\" stroke=\"#e4e7ec\" stroke-width=\"16\"/>");
        svg.Append(Inv, $"<circle cx=\"{size / 2}\" cy=\"{size / 2}\" r=\"{r:0.#}\" fill=\"none\" stroke=\"{Colour(0)}\" stroke-width=\"16\" stroke-dasharray=\"{ratio * c:0.##} {c:0.##}\" transform=\"rotate(-90 {size / 2} {size / 2})\"/>");
        svg.Append(Inv, $"<text x=\"{size / 2}\" y=\"{size / 2 + 6}\" text-anchor=\"middle\" font-size=\"18\" font-weight=\"700\" fill=\"#1d2330\">{ratio:0%}</text>");
        return Close(svg);
    }

    private static StringBuilder Open(string title, int width, int height) =>
        new StringBuilder().Append(Inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"100%\" style=\"max-width:{width}px\" class=\"chart\"><title>{Enc(title)}</title>");

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static string Enc(string text) => WebUtility.HtmlEncode(text);

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    public static string Short(decimal v) => v switch
    {
        >= 1_000_000_000 => (v / 1_000_000_000).ToString("0.#", Inv) + " B",
        >= 1_000_000 => (v / 1_000_000).ToString("0.#", Inv) + " M",
        >= 10_000 => (v / 1_000).ToString("0.#", Inv) + " k",
        _ => v.ToString("#,##0.##", Inv),
    };
}
