namespace AnSinh.Programs.Reports;

/// <summary>What the public portal may show (RULES.md §6): counts of households below the threshold are shown as "&lt; 5", and the rates worked out from them are hidden too.</summary>
public static class PublicRules
{
    public const int SmallCount = 5;

    /// <summary>The count as shown to the public: the figure itself from 5 up, "&lt; 5" below (0 included, so an empty cell does not tell either).</summary>
    public static string Count(long count) => count < SmallCount ? $"< {SmallCount}" : count.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));

    /// <summary>A rate is shown only when both the part and the whole are at least the threshold; a rate of a suppressed count would tell it.</summary>
    public static string Rate(long part, long whole, decimal rate) =>
        part < SmallCount || whole < SmallCount ? "—" : rate.ToString("0.00", System.Globalization.CultureInfo.GetCultureInfo("vi-VN")) + " %";
}
