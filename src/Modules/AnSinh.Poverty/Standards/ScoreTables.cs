using AnSinh.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Poverty.Standards;

/// <summary>
/// The seven point columns of the form-B income-score tables (Circular 07/2021/TT-BLĐTBXH): the
/// six socio-economic regions for rural households, and urban households.
/// </summary>
public enum ScoreRegion
{
    NorthernMountains = 1,
    RedRiverDelta = 2,
    CentralCoast = 3,
    CentralHighlands = 4,
    Southeast = 5,
    MekongDelta = 6,
    Urban = 7,
}

/// <summary>
/// One answer of one form-B question with its points in each region column. A column left empty
/// (null) is not loaded: the score is then not computed, never guessed.
/// </summary>
public sealed class ScorePoint : IAudited
{
    public int Id { get; set; }
    public required string StandardCode { get; set; }
    public required string Question { get; set; }
    public required string QuestionText { get; set; }
    public required string Answer { get; set; }
    public required string AnswerText { get; set; }
    public int? NorthernMountains { get; set; }
    public int? RedRiverDelta { get; set; }
    public int? CentralCoast { get; set; }
    public int? CentralHighlands { get; set; }
    public int? Southeast { get; set; }
    public int? MekongDelta { get; set; }
    public int? Urban { get; set; }

    /// <summary>The legal text the figures were copied from.</summary>
    public required string Source { get; set; }

    public int? PointsFor(ScoreRegion region) => region switch
    {
        ScoreRegion.NorthernMountains => NorthernMountains,
        ScoreRegion.RedRiverDelta => RedRiverDelta,
        ScoreRegion.CentralCoast => CentralCoast,
        ScoreRegion.CentralHighlands => CentralHighlands,
        ScoreRegion.Southeast => Southeast,
        ScoreRegion.MekongDelta => MekongDelta,
        _ => Urban,
    };

    public void SetPoints(ScoreRegion region, int? points)
    {
        switch (region)
        {
            case ScoreRegion.NorthernMountains: NorthernMountains = points; break;
            case ScoreRegion.RedRiverDelta: RedRiverDelta = points; break;
            case ScoreRegion.CentralCoast: CentralCoast = points; break;
            case ScoreRegion.CentralHighlands: CentralHighlands = points; break;
            case ScoreRegion.Southeast: Southeast = points; break;
            case ScoreRegion.MekongDelta: MekongDelta = points; break;
            default: Urban = points; break;
        }
    }

    string IAudited.AuditEntityType => "poverty_score_point";
    string IAudited.AuditEntityId => $"{StandardCode}/{Question}/{Answer}";
    string? IAudited.AuditUnitCode => null;
}

internal sealed class ScorePointConfiguration : IEntityTypeConfiguration<ScorePoint>
{
    public void Configure(EntityTypeBuilder<ScorePoint> b)
    {
        b.ToTable("poverty_score_points");
        b.Property(x => x.StandardCode).HasMaxLength(20);
        b.Property(x => x.Question).HasMaxLength(50);
        b.Property(x => x.QuestionText).HasMaxLength(300);
        b.Property(x => x.Answer).HasMaxLength(50);
        b.Property(x => x.AnswerText).HasMaxLength(300);
        b.Property(x => x.Source).HasMaxLength(300);
        b.HasIndex(x => new { x.StandardCode, x.Question, x.Answer }).IsUnique();
    }
}

/// <summary>Regions and the income score from a household's form-B answers (pure).</summary>
public static class ScoreTables
{
    public static readonly IReadOnlyList<ScoreRegion> Regions = Enum.GetValues<ScoreRegion>();

    public static string Code(ScoreRegion r) => r switch
    {
        ScoreRegion.NorthernMountains => "northern_mountains",
        ScoreRegion.RedRiverDelta => "red_river_delta",
        ScoreRegion.CentralCoast => "central_coast",
        ScoreRegion.CentralHighlands => "central_highlands",
        ScoreRegion.Southeast => "southeast",
        ScoreRegion.MekongDelta => "mekong_delta",
        _ => "urban",
    };

    public static string VietnameseName(ScoreRegion r) => r switch
    {
        ScoreRegion.NorthernMountains => "Trung du và miền núi phía Bắc",
        ScoreRegion.RedRiverDelta => "Đồng bằng sông Hồng",
        ScoreRegion.CentralCoast => "Bắc Trung Bộ và Duyên hải miền Trung",
        ScoreRegion.CentralHighlands => "Tây Nguyên",
        ScoreRegion.Southeast => "Đông Nam Bộ",
        ScoreRegion.MekongDelta => "Đồng bằng sông Cửu Long",
        _ => "Thành thị",
    };

    public static ScoreRegion? Parse(string? code) => Regions.Cast<ScoreRegion?>().FirstOrDefault(r => Code(r!.Value) == code?.Trim());

    /// <summary>
    /// The socio-economic region of a province of the 63-province map (General Statistics Office
    /// classification used by the form-B tables). A province of the 2025 map is placed through the
    /// old province its commune came from.
    /// </summary>
    public static ScoreRegion? RegionOfOldProvince(string provinceCode) => provinceCode switch
    {
        "02" or "04" or "06" or "08" or "10" or "11" or "12" or "14" or "15" or "17" or "19" or "20" or "24" or "25" => ScoreRegion.NorthernMountains,
        "01" or "22" or "26" or "27" or "30" or "31" or "33" or "34" or "35" or "36" or "37" => ScoreRegion.RedRiverDelta,
        "38" or "40" or "42" or "44" or "45" or "46" or "48" or "49" or "51" or "52" or "54" or "56" or "58" or "60" => ScoreRegion.CentralCoast,
        "62" or "64" or "66" or "67" or "68" => ScoreRegion.CentralHighlands,
        "70" or "72" or "74" or "75" or "77" or "79" => ScoreRegion.Southeast,
        "80" or "82" or "83" or "84" or "86" or "87" or "89" or "91" or "92" or "93" or "94" or "95" or "96" => ScoreRegion.MekongDelta,
        _ => null,
    };

    public sealed record ScoreOutcome(int? Score, IReadOnlyList<string> Problems);

    /// <summary>
    /// Score A = the sum of the points of the household's answers in its region's column. Every
    /// question of the table must be answered with one of its answers; a question whose points are
    /// not loaded for the region gives no score and says so.
    /// </summary>
    public static ScoreOutcome Score(IReadOnlyList<ScorePoint> table, string standardCode, ScoreRegion region, IReadOnlyDictionary<string, string> answers)
    {
        var problems = new List<string>();
        if (table.Count == 0)
        {
            problems.Add($"Bảng điểm phiếu B của chuẩn {standardCode} chưa được nạp vào hệ thống; không tính được điểm A. Hãy nhập thu nhập bình quân hoặc điểm A đã chấm trên phiếu.");
            return new ScoreOutcome(null, problems);
        }
        var questions = table.GroupBy(p => p.Question, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var q in answers.Keys.Where(k => !questions.ContainsKey(k)))
        {
            problems.Add($"Câu \"{q}\" không có trong bảng điểm phiếu B của chuẩn {standardCode}.");
        }
        var total = 0;
        var notLoaded = new List<string>();
        foreach (var (question, rows) in questions.OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            if (!answers.TryGetValue(question, out var answer) || string.IsNullOrWhiteSpace(answer))
            {
                problems.Add($"Chưa trả lời câu \"{rows[0].QuestionText}\" ({question}).");
                continue;
            }
            var row = rows.FirstOrDefault(r => r.Answer == answer.Trim());
            if (row is null)
            {
                problems.Add($"Câu {question}: phương án \"{answer}\" không có; chọn một trong {string.Join(", ", rows.Select(r => r.Answer))}.");
                continue;
            }
            if (row.PointsFor(region) is { } points)
            {
                total += points;
            }
            else
            {
                notLoaded.Add(question);
            }
        }
        if (notLoaded.Count > 0)
        {
            problems.Add($"Điểm của vùng \"{VietnameseName(region)}\" chưa được nạp cho câu {string.Join(", ", notLoaded)}; không tính được điểm A. Hãy nhập điểm A đã chấm trên phiếu.");
        }
        return problems.Count > 0 ? new ScoreOutcome(null, problems) : new ScoreOutcome(total, problems);
    }
}
