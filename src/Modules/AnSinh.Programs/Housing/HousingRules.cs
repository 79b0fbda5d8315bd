namespace AnSinh.Programs.Housing;

/// <summary>The programmes, kinds of work and funding sources of housing works, and the order of their stages.</summary>
public static class HousingRules
{
    public const string NewBuild = "new_build";
    public const string Repair = "repair";

    public static readonly IReadOnlyList<(string Code, string Name)> Programmes =
    [
        ("great_unity", "Nhà Đại đoàn kết"),
        ("gratitude", "Nhà tình nghĩa"),
        ("temporary_house", "Xóa nhà tạm, nhà dột nát"),
    ];

    public static readonly string[] WorkKinds = [NewBuild, Repair];

    public static readonly IReadOnlyList<(string Code, string Name)> Sources =
    [
        ("fund", "Quỹ \"Vì người nghèo\" / quỹ cứu trợ"),
        ("state_budget", "Ngân sách nhà nước"),
        ("loan", "Vay vốn ưu đãi"),
        ("community", "Cộng đồng, dòng họ, nhà tài trợ"),
        ("labour_days", "Ngày công lao động"),
    ];

    public static string ProgrammeName(string code) => Programmes.FirstOrDefault(p => p.Code == code).Name ?? code;

    public static string WorkKindName(string code) => code == NewBuild ? "Xây mới" : "Sửa chữa";

    public static string SourceName(string code) => Sources.FirstOrDefault(p => p.Code == code).Name ?? code;

    public static string StageCode(HousingStage s) => s switch
    {
        HousingStage.Listed => "listed",
        HousingStage.Approved => "approved",
        HousingStage.Started => "started",
        HousingStage.Completed => "completed",
        _ => "handed_over",
    };

    public static string StageName(HousingStage s) => s switch
    {
        HousingStage.Listed => "Đã lập danh sách",
        HousingStage.Approved => "Đã phê duyệt",
        HousingStage.Started => "Đang thi công",
        HousingStage.Completed => "Đã hoàn thành",
        _ => "Đã bàn giao",
    };

    public static HousingStage? ParseStage(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "approved" => HousingStage.Approved,
        "started" => HousingStage.Started,
        "completed" => HousingStage.Completed,
        "handed_over" => HousingStage.HandedOver,
        _ => null,
    };

    /// <summary>
    /// A work moves one stage at a time, forward, on a date not before the previous stage's date
    /// and not in the future: listed → approved → started → completed → handed over. Null when allowed,
    /// else the reason in Vietnamese.
    /// </summary>
    public static string? CheckStep(HousingStage current, DateOnly currentDate, HousingStage next, DateOnly date, DateOnly today)
    {
        if (next <= current)
        {
            return $"Công trình đã ở bước \"{StageName(current)}\"; không thể quay lại hoặc ghi lại bước \"{StageName(next)}\".";
        }
        if (next != current + 1)
        {
            return $"Phải qua bước \"{StageName(current + 1)}\" trước khi ghi \"{StageName(next)}\".";
        }
        if (date > today)
        {
            return $"Ngày {date:dd/MM/yyyy} ở tương lai.";
        }
        if (date < currentDate)
        {
            return $"Ngày {date:dd/MM/yyyy} trước ngày của bước trước ({currentDate:dd/MM/yyyy}).";
        }
        return null;
    }
}
