namespace AnSinh.Platform.Calendar;

/// <summary>
/// The public-holiday calendar loaded into an empty database: the holidays of Labour Code 2019
/// Art. 112(1) for 2024–2026 with the dates the Government set for the lunar holidays, the
/// compensatory days of Art. 112(3) and the swaps announced for civil servants. Later years, and
/// corrections, are added by an administrator (page /calendar, API, CLI) without a release.
/// A row marked provisional is a date not yet checked against that year's notice.
/// </summary>
public static class ShippedHolidays
{
    private const string Art112 = "Bộ luật Lao động 2019, Điều 112 khoản 1";
    private const string Art112Compensatory = "Bộ luật Lao động 2019, Điều 112 khoản 3 (nghỉ bù khi ngày lễ trùng ngày nghỉ hằng tuần)";

    public static IReadOnlyList<PublicHoliday> All =>
    [
        // 2024
        Row("2024-01-01", DayKind.Holiday, "Tết Dương lịch", Art112 + " điểm a"),
        .. Tet("2024", ["2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14"], "Tết Giáp Thìn 2024: nghỉ 08/02 – 14/02"),
        Row("2024-04-18", DayKind.Holiday, "Giỗ Tổ Hùng Vương (10/3 âm lịch)", Art112 + " điểm c"),
        Row("2024-04-29", DayKind.SwapOff, "Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 04/5/2024)", "Lịch nghỉ lễ 30/4 – 1/5/2024 cho công chức, viên chức (hoán đổi ngày làm việc)"),
        Row("2024-04-30", DayKind.Holiday, "Ngày Chiến thắng 30/4", Art112 + " điểm d"),
        Row("2024-05-01", DayKind.Holiday, "Ngày Quốc tế lao động 1/5", Art112 + " điểm đ"),
        Row("2024-05-04", DayKind.SwapWork, "Làm bù cho ngày nghỉ 29/4/2024", "Lịch nghỉ lễ 30/4 – 1/5/2024 cho công chức, viên chức (hoán đổi ngày làm việc)"),
        Row("2024-09-02", DayKind.Holiday, "Quốc khánh 2/9", Art112 + " điểm e"),
        Row("2024-09-03", DayKind.Holiday, "Quốc khánh (ngày liền kề)", Art112 + " điểm e; lịch nghỉ Quốc khánh 2024: 31/8 – 03/9"),

        // 2025
        Row("2025-01-01", DayKind.Holiday, "Tết Dương lịch", Art112 + " điểm a"),
        .. Tet("2025", ["2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"], "Tết Ất Tỵ 2025: nghỉ 25/01 – 02/02"),
        Row("2025-04-07", DayKind.Holiday, "Giỗ Tổ Hùng Vương (10/3 âm lịch)", Art112 + " điểm c"),
        Row("2025-04-26", DayKind.SwapWork, "Làm bù cho ngày nghỉ 02/5/2025", "Lịch nghỉ lễ 30/4 – 1/5/2025 cho công chức, viên chức (hoán đổi ngày làm việc)"),
        Row("2025-04-30", DayKind.Holiday, "Ngày Chiến thắng 30/4", Art112 + " điểm d"),
        Row("2025-05-01", DayKind.Holiday, "Ngày Quốc tế lao động 1/5", Art112 + " điểm đ"),
        Row("2025-05-02", DayKind.SwapOff, "Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 26/4/2025)", "Lịch nghỉ lễ 30/4 – 1/5/2025 cho công chức, viên chức (hoán đổi ngày làm việc)"),
        Row("2025-09-01", DayKind.Holiday, "Quốc khánh (ngày liền kề)", Art112 + " điểm e; lịch nghỉ Quốc khánh 2025: 30/8 – 02/9"),
        Row("2025-09-02", DayKind.Holiday, "Quốc khánh 2/9", Art112 + " điểm e"),

        // 2026
        Row("2026-01-01", DayKind.Holiday, "Tết Dương lịch", Art112 + " điểm a"),
        Row("2026-01-02", DayKind.SwapOff, "Nghỉ hoán đổi dịp Tết Dương lịch", "Phương án hoán đổi ngày làm việc dịp Tết Dương lịch 2026 (Bộ Nội vụ)", provisional: true),
        Row("2026-01-10", DayKind.SwapWork, "Làm bù cho ngày nghỉ 02/01/2026", "Phương án hoán đổi ngày làm việc dịp Tết Dương lịch 2026 (Bộ Nội vụ)", provisional: true),
        .. Tet("2026", ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"], "Tết Bính Ngọ 2026: nghỉ 14/02 – 22/02 (phương án đã chốt cho công chức, viên chức)"),
        Row("2026-04-26", DayKind.Holiday, "Giỗ Tổ Hùng Vương (10/3 âm lịch), trùng Chủ nhật", Art112 + " điểm c"),
        Row("2026-04-27", DayKind.Compensatory, "Nghỉ bù Giỗ Tổ Hùng Vương", Art112Compensatory),
        Row("2026-04-30", DayKind.Holiday, "Ngày Chiến thắng 30/4", Art112 + " điểm d"),
        Row("2026-05-01", DayKind.Holiday, "Ngày Quốc tế lao động 1/5", Art112 + " điểm đ"),
        Row("2026-09-01", DayKind.Holiday, "Quốc khánh (ngày liền kề)", Art112 + " điểm e; ngày liền kề do Thủ tướng quyết định, cần đối chiếu thông báo năm 2026", provisional: true),
        Row("2026-09-02", DayKind.Holiday, "Quốc khánh 2/9", Art112 + " điểm e"),
    ];

    private static PublicHoliday[] Tet(string year, string[] days, string note) =>
        [.. days.Select(d => Row(d, DayKind.Holiday, $"Tết Âm lịch {year}", $"{Art112} điểm b; {note}"))];

    private static PublicHoliday Row(string date, DayKind kind, string name, string source, bool provisional = false) => new()
    {
        Date = DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Kind = PublicHoliday.Code(kind),
        Name = name,
        Source = source,
        Provisional = provisional,
    };
}
