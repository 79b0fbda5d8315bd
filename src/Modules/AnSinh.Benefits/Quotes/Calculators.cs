using AnSinh.Benefits.Parameters;

namespace AnSinh.Benefits.Quotes;

public sealed record QuotePart(string Clause, decimal? Coefficient, long Amount, string Label);

public sealed record Quote(long MonthlyAmount, long BaseLevel, bool BaseLevelProvisional, IReadOnlyList<QuotePart> Parts, string Explanation);

/// <summary>A quote that cannot be given: the input or the parameters do not allow it (the message is Vietnamese).</summary>
public sealed class QuoteException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>The dated parameters a quote reads; loaded once, passed to the pure calculators.</summary>
public sealed record ParameterSet(IReadOnlyList<BaseLevel> BaseLevels, IReadOnlyList<AssistanceCoefficient> Coefficients, IReadOnlyList<MeritRate> MeritRates)
{
    /// <summary>The base level on the date: the province's own where it is higher than the national one.</summary>
    public BaseLevel? BaseLevelOn(Scheme scheme, DateOnly date, string? provinceCode = null)
    {
        BaseLevel? Valid(string? province) => BaseLevels.Where(b => b.Scheme == scheme && b.ProvinceCode == province && b.ValidFrom <= date && (b.ValidTo is null || b.ValidTo >= date))
            .OrderByDescending(b => b.ValidFrom).FirstOrDefault();
        var national = Valid(null);
        var local = provinceCode is null ? null : Valid(provinceCode);
        return local is not null && (national is null || local.Amount > national.Amount) ? local : national;
    }
}

public sealed record AssistanceInput(DateOnly Date, DateOnly BirthDate, IReadOnlyList<string> Clauses, string? Disability, int Children, string? ProvinceCode = null);

/// <summary>
/// Social assistance (Decree 20/2021, Art. 5–6): base level × coefficient per clause, then only the
/// highest clause is paid — except that a single parent (5.4) also entitled under 5.5*, 5.6 or 5.8
/// gets both. Ages are whole years on the date, so a child turning 4 or a person turning 80 moves
/// to the next coefficient by itself.
/// </summary>
public static class AssistanceCalculator
{
    private static readonly string[] WithSingleParent = ["5.5a", "5.5b", "5.5c", "5.5d", "5.6", "5.8"];

    public static int AgeOn(DateOnly birth, DateOnly date)
    {
        var age = date.Year - birth.Year;
        return date < birth.AddYears(age) ? age - 1 : age;
    }

    public static Quote Quote(AssistanceInput input, ParameterSet p)
    {
        if (input.BirthDate > input.Date)
        {
            throw new QuoteException("birthDate", "Ngày sinh sau ngày tính trợ cấp.");
        }
        if (input.Clauses.Count == 0)
        {
            throw new QuoteException("clauses", "Cần ít nhất một khoản của Điều 5 Nghị định 20/2021/NĐ-CP (ví dụ \"5.5a\").");
        }
        var baseLevel = p.BaseLevelOn(Scheme.SocialAssistance, input.Date, input.ProvinceCode)
            ?? throw new QuoteException("date", $"Chưa có mức chuẩn trợ giúp xã hội áp dụng ngày {input.Date:dd/MM/yyyy}.");
        var age = AgeOn(input.BirthDate, input.Date);
        var parts = new List<QuotePart>();
        foreach (var clause in input.Clauses.Select(c => c.Trim()).Distinct())
        {
            // Only Article 5 clauses are monthly allowances (the table also holds the funeral multiple).
            var rows = !clause.StartsWith("5.", StringComparison.Ordinal) ? []
                : p.Coefficients.Where(c => c.Clause == clause && c.ValidFrom <= input.Date && (c.ValidTo is null || c.ValidTo >= input.Date)).ToList();
            if (rows.Count == 0)
            {
                throw new QuoteException("clauses", $"Khoản \"{clause}\" không có trong Điều 5 Nghị định 20/2021/NĐ-CP áp dụng ngày {input.Date:dd/MM/yyyy}.");
            }
            if (clause == "5.6" && input.Disability is not ("severe" or "particularly_severe"))
            {
                throw new QuoteException("disability", "Khoản 5.6 (người khuyết tật) cần mức độ khuyết tật: severe (nặng) hoặc particularly_severe (đặc biệt nặng).");
            }
            var row = rows.FirstOrDefault(c => (c.Disability is null || c.Disability == input.Disability) && age >= c.MinAge && (c.MaxAge is null || age < c.MaxAge))
                ?? throw new QuoteException("birthDate", $"Người {age} tuổi không thuộc khoản {clause} ngày {input.Date:dd/MM/yyyy} (độ tuổi của khoản: {Ages(rows)}).");
            var count = 1;
            if (row.PerChild)
            {
                if (input.Children is < 1 or > 20)
                {
                    throw new QuoteException("children", "Khoản 5.4 cần số con đang nuôi (từ 1).");
                }
                count = input.Children;
            }
            var amount = (long)Math.Round(baseLevel.Amount * row.Coefficient * count, MidpointRounding.AwayFromZero);
            parts.Add(new QuotePart(clause, row.Coefficient * count, amount,
                row.PerChild ? $"khoản {clause}: hệ số {row.Coefficient:0.##} × {count} con" : $"khoản {clause}: hệ số {row.Coefficient:0.##}"));
        }
        var best = parts.MaxBy(x => x.Amount)!;
        var paid = new List<QuotePart> { best };
        var note = parts.Count > 1 ? $"; chỉ hưởng mức cao nhất ({best.Clause})" : "";
        if (parts.FirstOrDefault(x => x.Clause == "5.4") is { } single && parts.Where(x => WithSingleParent.Contains(x.Clause)).MaxBy(x => x.Amount) is { } other
            && single.Amount + other.Amount > best.Amount)
        {
            paid = [single, other];
            note = $"; người đơn thân nuôi con (5.4) được hưởng thêm khoản {other.Clause}";
        }
        var total = paid.Sum(x => x.Amount);
        var explanation = $"Mức chuẩn {baseLevel.Amount:N0} đồng ({baseLevel.Source}{(baseLevel.ProvinceCode is null ? "" : ", mức của tỉnh")}{(baseLevel.Provisional ? ", tạm tính" : "")}); "
            + $"{age} tuổi ngày {input.Date:dd/MM/yyyy}; " + string.Join("; ", parts.Select(x => $"{x.Label} = {x.Amount:N0}")) + note + $". Mỗi tháng {total:N0} đồng.";
        return new Quote(total, baseLevel.Amount, baseLevel.Provisional, paid, explanation);
    }

    /// <summary>
    /// The monthly amount alone, without the explanation and without allocating: the payroll's
    /// path. It applies the same rules as <see cref="Quote"/> and gives the same amount (a test
    /// checks both on many inputs); input it cannot price is refused the same way.
    /// </summary>
    public static long MonthlyAmount(DateOnly date, DateOnly birth, ReadOnlySpan<string> clauses, string? disability, int children, ParameterIndex index)
    {
        var baseLevel = index.AssistanceBase(date);
        if (baseLevel < 0 || birth > date || clauses.Length == 0)
        {
            throw new QuoteException("date", "Không tính được trợ cấp với dữ liệu này; xem chi tiết bằng cách tính từng người.");
        }
        var age = AgeOn(birth, date);
        long best = 0, single = 0, other = 0;
        foreach (var clause in clauses)
        {
            if (clause == "5.6" && disability is not ("severe" or "particularly_severe"))
            {
                throw new QuoteException("disability", "Khoản 5.6 cần mức độ khuyết tật.");
            }
            var row = index.Coefficient(clause, date, age, disability) ?? throw new QuoteException("clauses", $"Khoản {clause} không áp dụng cho người {age} tuổi ngày {date:dd/MM/yyyy}.");
            var count = 1;
            if (row.PerChild)
            {
                if (children is < 1 or > 20)
                {
                    throw new QuoteException("children", "Khoản 5.4 cần số con đang nuôi (từ 1).");
                }
                count = children;
            }
            var amount = (long)Math.Round(baseLevel * row.Coefficient * count, MidpointRounding.AwayFromZero);
            best = Math.Max(best, amount);
            if (clause == "5.4")
            {
                single = amount;
            }
            else if (Array.IndexOf(WithSingleParent, clause) >= 0)
            {
                other = Math.Max(other, amount);
            }
        }
        return single > 0 && other > 0 && single + other > best ? single + other : best;
    }

    private static string Ages(List<AssistanceCoefficient> rows) =>
        string.Join(", ", rows.Select(r => r.MaxAge is null ? $"từ {r.MinAge}" : $"{r.MinAge}–{r.MaxAge - 1}").Distinct());
}

public sealed record MeritInput(DateOnly Date, string Category, int Martyrs = 0, int? InjuryPercent = null, bool ParticularlySevere = false, int SeniorityYears = 0);

/// <summary>
/// Merit allowances (Ordinance on preferential treatment; tables of Decree 77/2024 and successors):
/// the row of the table valid on the date, plus its supplements, each rounded to 1,000 đồng. A
/// period whose decree tables are not loaded gets a refusal naming it, never a scaled guess.
/// </summary>
public static class MeritCalculator
{
    public static readonly string[] Categories =
    [
        "martyr_relative", "heroic_mother", "war_invalid", "agent_orange", "sick_soldier", "revolutionary_before_1945_fulltime",
        "revolutionary_before_1945_not_fulltime", "revolutionary_1945_to_august_revolution", "hero", "imprisoned_by_enemy", "resistance_order_holder",
    ];

    public static long RoundToThousand(decimal amount) => (long)Math.Round(amount / 1000m, MidpointRounding.AwayFromZero) * 1000;

    public static Quote Quote(MeritInput input, ParameterSet p)
    {
        var baseLevel = p.BaseLevelOn(Scheme.Merit, input.Date)
            ?? throw new QuoteException("date", $"Chưa có mức chuẩn trợ cấp ưu đãi áp dụng ngày {input.Date:dd/MM/yyyy}.");
        var sources = new SortedSet<string>(StringComparer.Ordinal);
        MeritRate Row(string table, string row)
        {
            var rate = p.MeritRates.Where(r => r.Table == table && r.Row == row && r.ValidFrom <= input.Date && (r.ValidTo is null || r.ValidTo >= input.Date))
                .OrderByDescending(r => r.ValidFrom).FirstOrDefault();
            if (rate is null || p.MeritRates.Any(r => r.Table == table && r.ValidFrom > rate.ValidFrom && r.ValidFrom <= input.Date) || rate.ValidFrom < baseLevel.ValidFrom)
            {
                throw new QuoteException("date", $"Chưa nạp bảng mức trợ cấp người có công áp dụng ngày {input.Date:dd/MM/yyyy} (mức chuẩn {baseLevel.Amount:N0} đồng từ {baseLevel.ValidFrom:dd/MM/yyyy}, {baseLevel.Source}); không tự suy ra từ bảng cũ.");
            }
            sources.Add(rate.Source);
            return rate;
        }
        var parts = new List<QuotePart>();
        void Add(string code, long? amount, string label)
        {
            if (amount is { } a)
            {
                parts.Add(new QuotePart(code, null, RoundToThousand(a), label));
            }
        }
        switch (input.Category)
        {
            case "martyr_relative":
                {
                    if (input.Martyrs < 1)
                    {
                        throw new QuoteException("martyrs", "Thân nhân liệt sĩ cần số liệt sĩ (từ 1).");
                    }
                    var row = input.Martyrs switch { 1 => "martyr_relative_1", 2 => "martyr_relative_2", _ => "martyr_relative_3_or_more" };
                    var r = Row("merit", row);
                    Add(row, r.Allowance, $"trợ cấp tuất thân nhân của {input.Martyrs} liệt sĩ");
                    break;
                }
            case "heroic_mother":
                {
                    var r = Row("merit", "heroic_mother");
                    Add("heroic_mother", r.Allowance, "trợ cấp Bà mẹ Việt Nam anh hùng");
                    Add("heroic_mother_supplement", r.Supplement, "phụ cấp hằng tháng");
                    break;
                }
            case "war_invalid":
                {
                    if (input.InjuryPercent is not (>= 21 and <= 100))
                    {
                        throw new QuoteException("injuryPercent", "Thương binh cần tỷ lệ tổn thương cơ thể từ 21 % đến 100 %.");
                    }
                    var r = Row("war_invalid", input.InjuryPercent.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    Add("war_invalid", r.Allowance, $"trợ cấp thương binh tỷ lệ {input.InjuryPercent} %");
                    if (input.InjuryPercent >= 81)
                    {
                        var s = Row("merit", input.ParticularlySevere ? "war_invalid_81_or_more_particularly_severe_supplement" : "war_invalid_81_or_more_supplement");
                        Add(s.Row, s.Supplement, input.ParticularlySevere ? "phụ cấp thương binh từ 81 % có vết thương đặc biệt nặng" : "phụ cấp thương binh từ 81 %");
                    }
                    break;
                }
            case "agent_orange" or "sick_soldier":
                {
                    if (input.InjuryPercent is not (>= 21 and <= 100))
                    {
                        throw new QuoteException("injuryPercent", "Cần tỷ lệ suy giảm khả năng lao động (%).");
                    }
                    var pct = input.InjuryPercent.Value;
                    var row = input.Category == "agent_orange"
                        ? pct switch { <= 40 => "agent_orange_21_40", <= 60 => "agent_orange_41_60", <= 80 => "agent_orange_61_80", _ => "agent_orange_81_or_more" }
                        : pct switch
                        {
                            < 41 => throw new QuoteException("injuryPercent", "Bệnh binh có tỷ lệ suy giảm khả năng lao động từ 41 %."),
                            <= 50 => "sick_soldier_41_50",
                            <= 60 => "sick_soldier_51_60",
                            <= 70 => "sick_soldier_61_70",
                            <= 80 => "sick_soldier_71_80",
                            <= 90 => "sick_soldier_81_90",
                            _ => "sick_soldier_91_100",
                        };
                    var r = Row("merit", row);
                    Add(row, r.Allowance, $"trợ cấp {(input.Category == "agent_orange" ? "người hoạt động kháng chiến nhiễm chất độc hóa học" : "bệnh binh")} {pct} %");
                    break;
                }
            case "revolutionary_before_1945_fulltime":
                {
                    var r = Row("merit", "revolutionary_before_1945_fulltime");
                    Add(r.Row, r.Allowance, "trợ cấp cán bộ lão thành cách mạng (thoát ly)");
                    if (r.Supplement is { } perYear && input.SeniorityYears > 0)
                    {
                        Add("seniority_supplement", perYear * input.SeniorityYears, $"phụ cấp {input.SeniorityYears} năm hoạt động trước 1945");
                    }
                    break;
                }
            case "revolutionary_before_1945_not_fulltime" or "revolutionary_1945_to_august_revolution" or "imprisoned_by_enemy" or "resistance_order_holder":
                {
                    var r = Row("merit", input.Category);
                    Add(r.Row, r.Allowance, "trợ cấp hằng tháng");
                    break;
                }
            case "hero":
                {
                    var r = Row("merit", "hero_armed_forces_or_labour_wartime");
                    Add(r.Row, r.Allowance, "phụ cấp Anh hùng lực lượng vũ trang, Anh hùng lao động trong kháng chiến");
                    break;
                }
            default:
                throw new QuoteException("category", $"Đối tượng \"{input.Category}\" chưa có; dùng một trong: {string.Join(", ", Categories)}.");
        }
        var total = parts.Sum(x => x.Amount);
        var explanation = $"Mức chuẩn trợ cấp ưu đãi {baseLevel.Amount:N0} đồng ({baseLevel.Source}{(baseLevel.Provisional ? ", tạm tính" : "")}); "
            + string.Join("; ", parts.Select(x => $"{x.Label} {x.Amount:N0}")) + $" (theo {string.Join(", ", sources)}). Mỗi tháng {total:N0} đồng, làm tròn đến 1.000 đồng.";
        return new Quote(total, baseLevel.Amount, baseLevel.Provisional, parts, explanation);
    }
}
