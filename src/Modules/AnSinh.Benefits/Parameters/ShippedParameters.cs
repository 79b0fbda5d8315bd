using System.Globalization;
using System.Reflection;

namespace AnSinh.Benefits.Parameters;

/// <summary>
/// The parameters AnSinh ships (RULES.md §2–§4). Figures confirmed from the legal text are final;
/// figures known only from a secondary source are provisional until an administrator confirms them.
/// </summary>
public static class ShippedParameters
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    public static IReadOnlyList<BaseLevel> BaseLevels =>
    [
        // Mức chuẩn trợ giúp xã hội.
        new() { Scheme = Scheme.SocialAssistance, Amount = 270_000, ValidFrom = D(2014, 1, 1), ValidTo = D(2021, 6, 30), Source = "Nghị định 136/2013/NĐ-CP, Điều 4" },
        new() { Scheme = Scheme.SocialAssistance, Amount = 360_000, ValidFrom = D(2021, 7, 1), ValidTo = D(2024, 6, 30), Source = "Nghị định 20/2021/NĐ-CP, Điều 4" },
        new() { Scheme = Scheme.SocialAssistance, Amount = 500_000, ValidFrom = D(2024, 7, 1), ValidTo = D(2026, 6, 30), Source = "Nghị định 76/2024/NĐ-CP (sửa Điều 4 Nghị định 20/2021)" },
        new() { Scheme = Scheme.SocialAssistance, Amount = 540_000, ValidFrom = D(2026, 7, 1), Source = "Nghị định 335/2026/NĐ-CP (nguồn thứ cấp, chờ xác nhận)", Provisional = true },
        // Mức chuẩn trợ cấp ưu đãi người có công.
        new() { Scheme = Scheme.Merit, Amount = 1_624_000, ValidFrom = D(2021, 9, 15), ValidTo = D(2023, 6, 30), Source = "Nghị định 75/2021/NĐ-CP, Điều 3" },
        new() { Scheme = Scheme.Merit, Amount = 2_055_000, ValidFrom = D(2023, 7, 1), ValidTo = D(2024, 6, 30), Source = "Nghị định 55/2023/NĐ-CP" },
        new() { Scheme = Scheme.Merit, Amount = 2_789_000, ValidFrom = D(2024, 7, 1), ValidTo = D(2026, 6, 30), Source = "Nghị định 77/2024/NĐ-CP" },
        new() { Scheme = Scheme.Merit, Amount = 3_012_000, ValidFrom = D(2026, 7, 1), Source = "Nghị định 321/2026/NĐ-CP (nguồn thứ cấp, chờ xác nhận)", Provisional = true },
        // Trợ cấp hưu trí xã hội.
        new() { Scheme = Scheme.SocialPension, Amount = 500_000, ValidFrom = D(2025, 7, 1), ValidTo = D(2026, 6, 30), Source = "Nghị định 176/2025/NĐ-CP" },
        new() { Scheme = Scheme.SocialPension, Amount = 540_000, ValidFrom = D(2026, 7, 1), Source = "Nghị định 176/2025/NĐ-CP (mức từ 01/7/2026 theo nguồn thứ cấp, chờ xác nhận văn bản)", Provisional = true },
        // Mức lương cơ sở (phí bảo hiểm y tế 4,5 %).
        new() { Scheme = Scheme.BaseSalary, Amount = 1_800_000, ValidFrom = D(2023, 7, 1), ValidTo = D(2024, 6, 30), Source = "Nghị định 24/2023/NĐ-CP" },
        new() { Scheme = Scheme.BaseSalary, Amount = 2_340_000, ValidFrom = D(2024, 7, 1), ValidTo = D(2026, 6, 30), Source = "Nghị định 73/2024/NĐ-CP" },
        new() { Scheme = Scheme.BaseSalary, Amount = 2_530_000, ValidFrom = D(2026, 7, 1), Source = "Nghị định 161/2026/NĐ-CP" },
    ];

    private const string Decree20 = "Nghị định 20/2021/NĐ-CP, Điều 6 (sửa bởi Nghị định 76/2024/NĐ-CP)";

    /// <summary>Coefficients of Article 5 clauses (ages in whole years, [from, to)).</summary>
    public static IReadOnlyList<AssistanceCoefficient> Coefficients =>
    [
        C("5.1", 0, 4, 2.5m), C("5.1", 4, 16, 1.5m),
        C("5.2", 16, 23, 1.5m),
        C("5.3", 0, 4, 2.5m), C("5.3", 4, 16, 2.0m),
        C("5.4", 0, null, 1.0m, perChild: true),
        C("5.5a", 60, 80, 1.5m), C("5.5a", 80, null, 2.0m),
        C("5.5b", 75, 80, 1.0m),
        C("5.5c", 80, null, 1.0m),
        C("5.5d", 60, null, 3.0m),
        // Disabled: a child (under 16) or an elderly person (60 and over) has the higher coefficient.
        C("5.6", 0, 16, 2.0m, "severe"), C("5.6", 16, 60, 1.5m, "severe"), C("5.6", 60, null, 2.0m, "severe"),
        C("5.6", 0, 16, 2.5m, "particularly_severe"), C("5.6", 16, 60, 2.0m, "particularly_severe"), C("5.6", 60, null, 2.5m, "particularly_severe"),
        C("5.7", 0, 3, 1.5m),
        C("5.8", 0, null, 1.5m),
        // Not an Article 5 clause: the funeral support when a recipient dies, as a multiple of the base level.
        new() { Clause = "funeral", MinAge = 0, Coefficient = 20m, ValidFrom = D(2021, 7, 1), Source = "Nghị định 20/2021/NĐ-CP, Điều 11 (hỗ trợ chi phí mai táng)" },
        // Not clauses either: the deadlines of the dossier procedure, in working days.
        new() { Clause = "dossier_review_days", MinAge = 0, Coefficient = 7m, ValidFrom = D(2021, 7, 1), Source = "Nghị định 20/2021/NĐ-CP, Điều 8 (xem xét hồ sơ trong 7 ngày làm việc)" },
        new() { Clause = "dossier_posting_days", MinAge = 0, Coefficient = 2m, ValidFrom = D(2021, 7, 1), Source = "Nghị định 20/2021/NĐ-CP, Điều 8 (niêm yết công khai 2 ngày làm việc)" },
        new() { Clause = "dossier_complaint_days", MinAge = 0, Coefficient = 10m, ValidFrom = D(2021, 7, 1), Source = "Nghị định 20/2021/NĐ-CP, Điều 8 (trả lời khiếu nại trong 10 ngày làm việc)" },
    ];

    private static AssistanceCoefficient C(string clause, int min, int? max, decimal k, string? disability = null, bool perChild = false) => new()
    {
        Clause = clause,
        MinAge = min,
        MaxAge = max,
        Coefficient = k,
        Disability = disability,
        PerChild = perChild,
        ValidFrom = D(2021, 7, 1),
        Source = Decree20,
    };

    private const string HiLaw = "Luật Bảo hiểm y tế 2008 (sửa 2014, 2024)";

    /// <summary>
    /// The groups of state-supported health-insurance cards (RULES.md §4). Who qualifies is [C];
    /// the premium rate is 4.5 % of the base salary (Decree 146/2018/NĐ-CP, Art. 7) [C]; the
    /// near-poor state share is at least 70 % from 1/7/2025 [C]. The card letters, benefit digits
    /// and benefit percentages are taken from the insurance agency's card code list and are
    /// provisional until an administrator confirms them.
    /// </summary>
    public static IReadOnlyList<HealthCards.CardGroup> CardGroups =>
    [
        G("merit_person", "người có công với cách mạng", "CC", 1, 100, 100, 1, null, $"{HiLaw}, Điều 12 khoản 3, Điều 22 khoản 1 điểm a", D(2021, 1, 1)),
        G("child_under_6", "trẻ em dưới 6 tuổi", "TE", 1, 100, 100, 2, 6, $"{HiLaw}, Điều 12 khoản 3, Điều 22 khoản 1 điểm a", D(2021, 1, 1)),
        G("social_allowance", "người hưởng trợ cấp xã hội hằng tháng", "BT", 2, 100, 100, 3, null, $"{HiLaw}, Điều 12 khoản 3; Nghị định 20/2021/NĐ-CP, Điều 9; Nghị định 176/2025/NĐ-CP", D(2021, 1, 1)),
        G("poor_household", "thành viên hộ nghèo", "HN", 2, 100, 100, 4, null, $"{HiLaw}, Điều 12 khoản 3, Điều 22 khoản 1 điểm b", D(2021, 1, 1)),
        G("martyr_relative", "thân nhân liệt sĩ", "TQ", 3, 95, 100, 5, null, $"{HiLaw}, Điều 12 khoản 3, Điều 22 khoản 1 điểm c", D(2021, 1, 1)),
        G("near_poor", "thành viên hộ cận nghèo", "CN", 3, 95, 70, 6, null, $"{HiLaw}, Điều 12 khoản 4; ngân sách hỗ trợ tối thiểu 70 % từ 01/7/2025", D(2025, 7, 1)),
    ];

    private static HealthCards.CardGroup G(string code, string name, string prefix, int benefitCode, int benefit, int state, int rank, int? maxAge, string source, DateOnly from) => new()
    {
        Code = code,
        Name = name,
        CardPrefix = prefix,
        BenefitCode = benefitCode,
        BenefitPercent = benefit,
        StatePercent = state,
        PremiumRate = 0.045m,
        MaxAgeYears = maxAge,
        Rank = rank,
        ValidFrom = from,
        Source = source + "; mức đóng 4,5 % lương cơ sở (Nghị định 146/2018/NĐ-CP, Điều 7)",
        Provisional = true,
    };

    private const string GiftDecisions = "Quyết định tặng quà của Chủ tịch nước nhân dịp 27/7 (2023, 2024) và Tết Nguyên đán 2026";

    /// <summary>The President's gift levels (RULES.md §3) [C]: 600,000 for the highest groups, 300,000 for the others.</summary>
    public static IReadOnlyList<PresidentGifts.GiftLevel> GiftLevels =>
    [
        L("revolutionary", "Người hoạt động cách mạng trước 01/01/1945 và từ 01/01/1945 đến Tổng khởi nghĩa", 600_000),
        L("heroic_mother", "Bà mẹ Việt Nam anh hùng", 600_000),
        L("hero", "Anh hùng lực lượng vũ trang, Anh hùng lao động trong kháng chiến", 600_000),
        L("injury_81_or_more", "Thương binh, bệnh binh, người nhiễm chất độc hóa học suy giảm từ 81 %", 600_000),
        L("martyr_relatives_2_or_more", "Thân nhân của hai liệt sĩ trở lên", 600_000),
        L("injury_80_or_less", "Thương binh, bệnh binh, người nhiễm chất độc hóa học suy giảm đến 80 %", 300_000),
        L("martyr_representative", "Đại diện thân nhân liệt sĩ", 300_000),
    ];

    private static PresidentGifts.GiftLevel L(string row, string name, long amount) => new() { Row = row, Name = name, Amount = amount, ValidFrom = D(2023, 1, 1), Source = GiftDecisions };

    private const string Decree20Relief = "Nghị định 20/2021/NĐ-CP, Chương III (trợ giúp xã hội khẩn cấp)";

    /// <summary>The figures of emergency relief (RULES.md §2) [C]: minimums a province may raise.</summary>
    public static IReadOnlyList<Relief.ReliefRate> ReliefRates =>
    [
        R("rice_kg_per_person_month", 15m), R("rice_months_tet_hunger", 1m), R("rice_months_disaster_max", 3m),
        R("injured_base_multiple", 10m), R("death_base_multiple", 50m),
        R("house_collapsed", 40_000_000m), R("house_relocation", 30_000_000m), R("house_heavily_damaged", 20_000_000m),
    ];

    private static Relief.ReliefRate R(string code, decimal value) => new() { Code = code, Value = value, ValidFrom = D(2021, 7, 1), Source = Decree20Relief };

    /// <summary>The merit tables of Decree 77/2024 (Appendix I extract, Appendix II whole), read from the CSVs shipped with the module.</summary>
    public static IReadOnlyList<MeritRate> MeritRates()
    {
        var rates = new List<MeritRate>();
        foreach (var line in Lines("war-invalids-2024-07-01.csv").Skip(1))
        {
            var f = line.Split(',');
            rates.Add(new MeritRate
            {
                Table = "war_invalid",
                Row = f[0],
                Allowance = long.Parse(f[1], CultureInfo.InvariantCulture),
                ValidFrom = DateOnly.ParseExact(f[2], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Source = f[3].Replace("ND-CP", "NĐ-CP", StringComparison.Ordinal),
            });
        }
        foreach (var line in Lines("merit-2024-07-01.csv").Skip(1))
        {
            var f = line.Split(',');
            var supplement = f[2].Split(' ')[0];
            rates.Add(new MeritRate
            {
                Table = "merit",
                Row = f[0],
                Allowance = f[1].Length == 0 ? null : long.Parse(f[1], CultureInfo.InvariantCulture),
                Supplement = supplement.Length == 0 ? null : long.Parse(supplement, CultureInfo.InvariantCulture),
                SupplementPerYear = f[2].Contains("per year", StringComparison.Ordinal),
                ValidFrom = DateOnly.ParseExact(f[3], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Source = f[4].Replace("ND-CP", "NĐ-CP", StringComparison.Ordinal),
            });
        }
        return rates;
    }

    private static IEnumerable<string> Lines(string file)
    {
        var assembly = typeof(ShippedParameters).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(file, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }
}
