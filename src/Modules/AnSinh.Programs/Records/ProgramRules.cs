using AnSinh.Programs.Indicators;

namespace AnSinh.Programs.Records;

/// <summary>The kinds of programme records, the loan programmes of the Bank for Social Policies, and the indicator each record counts in.</summary>
public static class ProgramRules
{
    public const string Job = "job";
    public const string Training = "training";
    public const string LabourExport = "labour_export";
    public const string Loan = "loan";

    public static readonly string[] JobKinds = [Job, Training, LabourExport];

    /// <summary>Lending programmes of the Bank for Social Policies (Decree 78/2002/NĐ-CP and the decisions on each programme).</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> LoanProgrammes =
    [
        ("poor_household", "Cho vay hộ nghèo"),
        ("near_poor_household", "Cho vay hộ cận nghèo"),
        ("escaped_poverty", "Cho vay hộ mới thoát nghèo"),
        ("job_creation", "Cho vay giải quyết việc làm"),
        ("student", "Cho vay học sinh, sinh viên"),
        ("clean_water", "Cho vay nước sạch và vệ sinh môi trường nông thôn"),
        ("housing", "Cho vay nhà ở xã hội, nhà ở hộ nghèo"),
        ("labour_export", "Cho vay người lao động đi làm việc ở nước ngoài"),
        ("difficult_area", "Cho vay hộ sản xuất kinh doanh vùng khó khăn"),
        ("ethnic_minority", "Cho vay đồng bào dân tộc thiểu số"),
    ];

    public static string KindName(string kind) => kind switch
    {
        Job => "Tạo việc làm",
        Training => "Đào tạo nghề",
        LabourExport => "Xuất khẩu lao động",
        Loan => "Vay vốn ưu đãi",
        _ => kind,
    };

    public static string IndicatorOf(string kind) => kind switch
    {
        Job => Catalogue.JobsCreated,
        Training => Catalogue.TrainedWorkers,
        LabourExport => Catalogue.LabourExport,
        _ => Catalogue.Loans,
    };

    public static string? LoanProgrammeName(string? code) => LoanProgrammes.FirstOrDefault(p => p.Code == code).Name;

    /// <summary>A loan's amount and term are plausible: above zero and at most 10 billion đồng; 1 to 240 months.</summary>
    public static string? CheckLoan(long? amount, int? termMonths) =>
        amount is null or <= 0 ? "Số tiền vay phải lớn hơn 0."
        : amount > 10_000_000_000 ? "Số tiền vay vượt quá 10 tỷ đồng — kiểm tra lại."
        : termMonths is < 1 or > 240 ? "Thời hạn vay phải từ 1 đến 240 tháng."
        : null;
}
