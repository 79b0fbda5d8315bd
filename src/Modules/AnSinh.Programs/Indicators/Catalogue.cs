namespace AnSinh.Programs.Indicators;

/// <summary>How an indicator adds up over a period and over units.</summary>
public enum IndicatorKind
{
    /// <summary>Counted or summed over the period (jobs created, đồng spent); units add up.</summary>
    Flow = 1,

    /// <summary>Counted on the last day of the period (households, poor households); units add up.</summary>
    Stock = 2,

    /// <summary>A percentage worked out from two stocks after adding up the units (poor rate).</summary>
    Rate = 3,
}

public sealed record IndicatorDefinition(string Code, string Name, string EnglishName, string Unit, IndicatorKind Kind, string Source, bool Targetable = true);

/// <summary>
/// The catalogue of indicators AnSinh computes from its own records (issue #6, item 5). Each one
/// names the module and records it is counted from; the summaries, the targets, the reports and
/// the public portal all use these codes.
/// </summary>
public static class Catalogue
{
    public const string Households = "households";
    public const string PoorHouseholds = "poor_households";
    public const string NearPoorHouseholds = "near_poor_households";
    public const string PoorRate = "poor_rate";
    public const string NearPoorRate = "near_poor_rate";
    public const string PoorRateReduction = "poor_rate_reduction";
    public const string PoorHouseholdsStart = "poor_households_start";
    public const string HouseholdsStart = "households_start";
    public const string EscapedPoverty = "escaped_poverty";
    public const string NewlyPoor = "newly_poor";
    public const string MeritPeople = "merit_people";
    public const string SocialAssistancePeople = "social_assistance_people";
    public const string SocialPensionPeople = "social_pension_people";
    public const string BenefitsPaid = "benefits_paid";
    public const string CardsIssued = "cards_issued";
    public const string ReliefHouseholds = "relief_households";
    public const string ReliefRiceKg = "relief_rice_kg";
    public const string ReliefCash = "relief_cash";
    public const string FundReceipts = "fund_receipts";
    public const string FundSpending = "fund_spending";
    public const string HousesBuilt = "houses_built";
    public const string HousesRepaired = "houses_repaired";
    public const string HousesInProgress = "houses_in_progress";
    public const string JobsCreated = "jobs_created";
    public const string TrainedWorkers = "trained_workers";
    public const string LabourExport = "labour_export";
    public const string Loans = "loans";
    public const string LoanAmount = "loan_amount";
    public const string HelpedHouseholds = "helped_households";

    /// <summary>Fund spending by category: "fund_spending_" and the ledger's category code.</summary>
    public const string FundSpendingPrefix = "fund_spending_";

    public static readonly IReadOnlyList<(string Category, string Name)> SpendingCategories =
    [
        ("new_house", "xây nhà mới"), ("house_repair", "sửa chữa nhà"), ("production", "hỗ trợ sản xuất"), ("study", "hỗ trợ học tập"),
        ("medical", "hỗ trợ khám chữa bệnh"), ("hardship_gift", "thăm hỏi, tặng quà"), ("relief", "cứu trợ"), ("entrusted_loan", "cho vay ủy thác"), ("other", "khác"),
    ];

    public static readonly IReadOnlyList<IndicatorDefinition> All = Build();

    private static readonly Dictionary<string, IndicatorDefinition> ByCode = All.ToDictionary(d => d.Code, StringComparer.Ordinal);

    public static IndicatorDefinition? Find(string? code) => code is not null && ByCode.TryGetValue(code.Trim().ToLowerInvariant(), out var d) ? d : null;

    private static List<IndicatorDefinition> Build()
    {
        const string register = "Sổ hộ (phân hệ Hộ gia đình)";
        const string review = "Kết quả rà soát hộ nghèo đã phê duyệt (Quyết định 24/2021/QĐ-TTg)";
        var list = new List<IndicatorDefinition>
        {
            new(Households, "Tổng số hộ", "Households", "hộ", IndicatorKind.Stock, register, Targetable: false),
            new(PoorHouseholds, "Số hộ nghèo", "Poor households", "hộ", IndicatorKind.Stock, review),
            new(NearPoorHouseholds, "Số hộ cận nghèo", "Near-poor households", "hộ", IndicatorKind.Stock, review),
            new(PoorRate, "Tỷ lệ hộ nghèo", "Poor household rate", "%", IndicatorKind.Rate, review),
            new(NearPoorRate, "Tỷ lệ hộ cận nghèo", "Near-poor household rate", "%", IndicatorKind.Rate, review),
            new(PoorRateReduction, "Mức giảm tỷ lệ hộ nghèo trong năm", "Reduction of the poor rate in the year", "điểm %", IndicatorKind.Rate, review),
            new(HouseholdsStart, "Tổng số hộ đầu năm", "Households at the start of the year", "hộ", IndicatorKind.Stock, register, Targetable: false),
            new(PoorHouseholdsStart, "Số hộ nghèo đầu năm", "Poor households at the start of the year", "hộ", IndicatorKind.Stock, review, Targetable: false),
            new(EscapedPoverty, "Số hộ thoát nghèo", "Households that escaped poverty", "hộ", IndicatorKind.Flow, review),
            new(NewlyPoor, "Số hộ nghèo phát sinh", "Newly poor households", "hộ", IndicatorKind.Flow, review, Targetable: false),
            new(MeritPeople, "Người có công hưởng trợ cấp hằng tháng", "Merit people paid monthly", "người", IndicatorKind.Stock, "Danh sách người có công (phân hệ Chính sách)", Targetable: false),
            new(SocialAssistancePeople, "Đối tượng bảo trợ xã hội hưởng trợ cấp hằng tháng", "Social-assistance beneficiaries", "người", IndicatorKind.Stock, "Danh sách đối tượng bảo trợ xã hội (Nghị định 20/2021/NĐ-CP)", Targetable: false),
            new(SocialPensionPeople, "Người hưởng trợ cấp hưu trí xã hội", "Social-pension recipients", "người", IndicatorKind.Stock, "Danh sách hưởng trợ cấp hưu trí xã hội", Targetable: false),
            new(BenefitsPaid, "Kinh phí chi trả trợ cấp hằng tháng", "Monthly allowances paid", "đồng", IndicatorKind.Flow, "Bảng chi trả đã duyệt (kể cả truy lĩnh, truy thu)"),
            new(CardsIssued, "Thẻ BHYT đã cấp", "Health-insurance cards issued", "thẻ", IndicatorKind.Flow, "Các đợt cấp thẻ BHYT"),
            new(ReliefHouseholds, "Hộ được trợ giúp khẩn cấp", "Households given emergency relief", "hộ", IndicatorKind.Flow, "Quyết định trợ giúp khẩn cấp (Nghị định 20/2021/NĐ-CP, Chương III)", Targetable: false),
            new(ReliefRiceKg, "Gạo trợ giúp khẩn cấp", "Relief rice", "kg", IndicatorKind.Flow, "Quyết định trợ giúp khẩn cấp (Nghị định 20/2021/NĐ-CP, Chương III)", Targetable: false),
            new(ReliefCash, "Tiền trợ giúp khẩn cấp", "Relief cash", "đồng", IndicatorKind.Flow, "Quyết định trợ giúp khẩn cấp (Nghị định 20/2021/NĐ-CP, Chương III)", Targetable: false),
            new(FundReceipts, "Quỹ: tiền, hàng tiếp nhận", "Fund receipts", "đồng", IndicatorKind.Flow, "Sổ quỹ \"Vì người nghèo\", cứu trợ (phân hệ Quỹ)"),
            new(FundSpending, "Quỹ: đã chi", "Fund spending", "đồng", IndicatorKind.Flow, "Sổ quỹ \"Vì người nghèo\", cứu trợ (phân hệ Quỹ)"),
            new(HousesBuilt, "Nhà xây mới đã bàn giao", "New houses handed over", "căn", IndicatorKind.Flow, "Công trình nhà ở (phân hệ Chương trình)"),
            new(HousesRepaired, "Nhà sửa chữa đã bàn giao", "Repaired houses handed over", "căn", IndicatorKind.Flow, "Công trình nhà ở (phân hệ Chương trình)"),
            new(HousesInProgress, "Nhà đang thi công cuối kỳ", "Houses under construction at the end of the period", "căn", IndicatorKind.Stock, "Công trình nhà ở (phân hệ Chương trình)", Targetable: false),
            new(JobsCreated, "Lao động được tạo việc làm", "Jobs created", "người", IndicatorKind.Flow, "Sổ theo dõi việc làm (phân hệ Chương trình)"),
            new(TrainedWorkers, "Lao động được đào tạo nghề", "Workers trained", "người", IndicatorKind.Flow, "Sổ theo dõi đào tạo nghề (phân hệ Chương trình)"),
            new(LabourExport, "Lao động đi làm việc ở nước ngoài", "Workers gone abroad under contract", "người", IndicatorKind.Flow, "Sổ theo dõi xuất khẩu lao động (phân hệ Chương trình)"),
            new(Loans, "Lượt vay vốn ưu đãi", "Preferential loans", "lượt", IndicatorKind.Flow, "Ngân hàng Chính sách xã hội (phân hệ Chương trình)"),
            new(LoanAmount, "Dư nợ cho vay mới trong kỳ", "Preferential loans disbursed", "đồng", IndicatorKind.Flow, "Ngân hàng Chính sách xã hội (phân hệ Chương trình)"),
            new(HelpedHouseholds, "Hộ nghèo được phân công giúp đỡ", "Poor households with a helper", "hộ", IndicatorKind.Stock, "Phân công giúp đỡ hộ nghèo (phân hệ Chương trình)"),
        };
        list.AddRange(SpendingCategories.Select(c => new IndicatorDefinition(FundSpendingPrefix + c.Category, $"Quỹ: chi {c.Name}", $"Fund spending: {c.Category.Replace('_', ' ')}",
            "đồng", IndicatorKind.Flow, "Sổ quỹ (phân hệ Quỹ), chi theo loại", Targetable: false)));
        return list;
    }
}
