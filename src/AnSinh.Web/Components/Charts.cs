using System.Globalization;
using System.Net;
using System.Text;

namespace AnSinh.Web.Components;

/// <summary>Small SVG bar charts drawn on the server (no script): one or two series per category; numbers written in <c>numbers</c> (invariant by default).</summary>
internal static class Charts
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Bars(string id, string title, IReadOnlyList<(string Label, decimal A, decimal? B)> items, string nameA, string? nameB, string format = "N0", IFormatProvider? numbers = null)
    {
        var n = numbers ?? Inv;
        var sb = new StringBuilder();
        var max = items.Count == 0 ? 1 : Math.Max(1m, items.Max(i => Math.Max(i.A, i.B ?? 0)));
        var width = Math.Max(260, 90 * items.Count + 40);
        sb.Append(Inv, $"<figure class=\"chart\"><figcaption>{WebUtility.HtmlEncode(title)}</figcaption><svg id=\"{id}\" width=\"{width}\" height=\"230\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\">");
        for (var i = 0; i < items.Count; i++)
        {
            var (label, a, b) = items[i];
            var ha = (double)(a / max * 150);
            var x = 30 + i * 90;
            sb.Append(Inv, $"<rect x=\"{x}\" y=\"{180 - ha:0.#}\" width=\"30\" height=\"{ha:0.#}\" fill=\"#b23\"><title>{WebUtility.HtmlEncode(label)}: {a.ToString(format, n)}</title></rect>");
            sb.Append(Inv, $"<text x=\"{x}\" y=\"{175 - ha:0.#}\" font-size=\"10\">{a.ToString(format, n)}</text>");
            if (b is { } bv)
            {
                var hb = (double)(bv / max * 150);
                sb.Append(Inv, $"<rect x=\"{x + 32}\" y=\"{180 - hb:0.#}\" width=\"30\" height=\"{hb:0.#}\" fill=\"#e9a\"><title>{WebUtility.HtmlEncode(label)}: {bv.ToString(format, n)}</title></rect>");
                sb.Append(Inv, $"<text x=\"{x + 32}\" y=\"{175 - hb:0.#}\" font-size=\"10\">{bv.ToString(format, n)}</text>");
            }
            var shown = label.Length > 14 ? label[..13] + "…" : label;
            sb.Append(Inv, $"<text x=\"{x}\" y=\"198\" font-size=\"10\">{WebUtility.HtmlEncode(shown)}</text>");
        }
        sb.Append(Inv, $"<rect x=\"30\" y=\"212\" width=\"10\" height=\"10\" fill=\"#b23\"/><text x=\"44\" y=\"221\" font-size=\"10\">{WebUtility.HtmlEncode(nameA)}</text>");
        if (nameB is not null)
        {
            sb.Append(Inv, $"<rect x=\"160\" y=\"212\" width=\"10\" height=\"10\" fill=\"#e9a\"/><text x=\"174\" y=\"221\" font-size=\"10\">{WebUtility.HtmlEncode(nameB)}</text>");
        }
        return sb.Append("</svg></figure>").ToString();
    }
}
