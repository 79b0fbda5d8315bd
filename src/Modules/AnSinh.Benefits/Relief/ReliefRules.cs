using System.Globalization;

namespace AnSinh.Benefits.Relief;

public sealed record ReliefInput(string Kind, DateOnly Date, int People, int RiceMonths, int Injured, int Deaths, string HouseDamage);

public sealed record ReliefAward(int RiceMonths, decimal RiceKg, long Cash, string Explanation);

/// <summary>The figures of emergency relief valid on a date, and the base level they multiply.</summary>
public sealed record ReliefParameters(IReadOnlyList<ReliefRate> Rates, long BaseLevel, string BaseLevelSource);

/// <summary>
/// Emergency relief (RULES.md §2; Decree 20/2021, Chapter III) as a pure function: rice at 15 kg per
/// person per month — one month for Tết hunger, up to three after a disaster — and cash for the
/// seriously injured and the dead (multiples of the base level) and for a house collapsed, moved
/// in an emergency or heavily damaged. Every figure is read from the dated rates.
/// </summary>
public static class ReliefRules
{
    public static readonly string[] Kinds = ["storm", "flood", "landslide", "fire", "drought", "tet_hunger", "other"];

    public static readonly string[] HouseDamages = ["none", "collapsed", "relocation", "heavily_damaged"];

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static string KindName(string kind) => kind switch
    {
        "storm" => "bão",
        "flood" => "lũ, lụt",
        "landslide" => "sạt lở đất",
        "fire" => "hỏa hoạn",
        "drought" => "hạn hán",
        "tet_hunger" => "thiếu đói dịp Tết",
        _ => "thiên tai, sự cố khác",
    };

    public static decimal? Rate(IReadOnlyList<ReliefRate> rates, string code, DateOnly date) =>
        rates.Where(r => r.Code == code && r.ValidFrom <= date && (r.ValidTo is null || r.ValidTo >= date)).MaxBy(r => r.ValidFrom)?.Value;

    private static decimal Need(IReadOnlyList<ReliefRate> rates, string code, DateOnly date) =>
        Rate(rates, code, date) ?? throw new ReliefRuleException("date", $"Chưa có mức trợ giúp khẩn cấp \"{code}\" áp dụng ngày {date:dd/MM/yyyy}.");

    /// <summary>What a household gets; refuses (with the field and a Vietnamese reason) what the rules do not allow.</summary>
    public static ReliefAward Compute(ReliefInput i, ReliefParameters p)
    {
        if (i.People < 1)
        {
            throw new ReliefRuleException("householdId", "Hộ không còn nhân khẩu nào đang cư trú.");
        }
        if (i.Injured < 0 || i.Deaths < 0 || i.Injured + i.Deaths > i.People)
        {
            throw new ReliefRuleException("injured", $"Số người bị thương, người chết phải từ 0 và cộng lại không quá {i.People} nhân khẩu của hộ.");
        }
        if (!HouseDamages.Contains(i.HouseDamage))
        {
            throw new ReliefRuleException("houseDamage", "Thiệt hại nhà ở phải là none, collapsed (sập, cháy), relocation (di dời khẩn cấp) hoặc heavily_damaged (hư hỏng nặng).");
        }
        var tet = i.Kind == "tet_hunger";
        var maxMonths = (int)Need(p.Rates, tet ? "rice_months_tet_hunger" : "rice_months_disaster_max", i.Date);
        if (i.RiceMonths < 0 || i.RiceMonths > maxMonths)
        {
            throw new ReliefRuleException("riceMonths", tet
                ? $"Thiếu đói dịp Tết được hỗ trợ gạo {maxMonths} tháng."
                : $"Sau thiên tai được hỗ trợ gạo tối đa {maxMonths} tháng.");
        }
        if (tet && (i.Injured > 0 || i.Deaths > 0 || i.HouseDamage != "none"))
        {
            throw new ReliefRuleException("kind", "Đợt thiếu đói dịp Tết chỉ hỗ trợ gạo; thương vong, nhà ở ghi trong đợt thiên tai, sự cố.");
        }
        var parts = new List<string>();
        var kgPerMonth = Need(p.Rates, "rice_kg_per_person_month", i.Date);
        var rice = i.People * kgPerMonth * i.RiceMonths;
        if (i.RiceMonths > 0)
        {
            parts.Add($"gạo {i.People} người × {kgPerMonth.ToString("0.##", Vi)} kg × {i.RiceMonths} tháng = {rice.ToString("0.##", Vi)} kg");
        }
        long cash = 0;
        if (i.Injured > 0)
        {
            var k = Need(p.Rates, "injured_base_multiple", i.Date);
            var amount = (long)Math.Round(i.Injured * k * p.BaseLevel, MidpointRounding.AwayFromZero);
            cash += amount;
            parts.Add($"{i.Injured} người bị thương nặng × {k.ToString("0.##", Vi)} × mức chuẩn {p.BaseLevel.ToString("N0", Vi)} = {amount.ToString("N0", Vi)} đồng");
        }
        if (i.Deaths > 0)
        {
            var k = Need(p.Rates, "death_base_multiple", i.Date);
            var amount = (long)Math.Round(i.Deaths * k * p.BaseLevel, MidpointRounding.AwayFromZero);
            cash += amount;
            parts.Add($"mai táng {i.Deaths} người × {k.ToString("0.##", Vi)} × mức chuẩn {p.BaseLevel.ToString("N0", Vi)} = {amount.ToString("N0", Vi)} đồng");
        }
        if (i.HouseDamage != "none")
        {
            var code = "house_" + i.HouseDamage;
            var amount = (long)Need(p.Rates, code, i.Date);
            cash += amount;
            parts.Add($"nhà ở {(i.HouseDamage switch { "collapsed" => "bị sập, đổ, cháy", "relocation" => "phải di dời khẩn cấp", _ => "hư hỏng nặng" })}: {amount.ToString("N0", Vi)} đồng");
        }
        if (parts.Count == 0)
        {
            throw new ReliefRuleException("riceMonths", "Chưa có khoản hỗ trợ nào: ghi số tháng gạo, người bị thương, người chết hoặc thiệt hại nhà ở.");
        }
        var sources = p.Rates.Where(r => r.ValidFrom <= i.Date && (r.ValidTo is null || r.ValidTo >= i.Date)).Select(r => r.Source).Distinct().Order(StringComparer.Ordinal);
        return new ReliefAward(i.RiceMonths, rice, cash, $"{string.Join("; ", parts)}. Mức tối thiểu theo {string.Join(", ", sources)}" + (cash > 0 ? $"; mức chuẩn: {p.BaseLevelSource}." : "."));
    }
}

public sealed class ReliefRuleException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
