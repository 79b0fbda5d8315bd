using System.Globalization;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Poverty.Standards;

/// <summary>A row of a form-B table as loaded: points by region code ("northern_mountains" … "urban"); null = not loaded.</summary>
public sealed record ScoreRowInput(string? Question, string? QuestionText, string? Answer, string? AnswerText, Dictionary<string, int?>? Points);

public sealed record ScoreTableInput(string? Source, List<ScoreRowInput>? Rows);

public sealed record ScoreTableView(string StandardCode, bool Loaded, IReadOnlyList<string> RegionsLoaded, IReadOnlyList<string> RegionsMissing, string Message,
    IReadOnlyList<ScoreRowView> Rows);

public sealed record ScoreRowView(string Question, string QuestionText, string Answer, string AnswerText, IReadOnlyDictionary<string, int?> Points, string Source);

/// <summary>
/// The form-B point tables as data: an administrator loads (replaces) the table of a standard
/// from the official text, as JSON or CSV; the table says which regions are loaded. Audited.
/// </summary>
public sealed class ManageScoreTables(AnSinhDbContext db)
{
    public const string CsvHeader = "question,question_text,answer,answer_text,northern_mountains,red_river_delta,central_coast,central_highlands,southeast,mekong_delta,urban";

    public async Task<ScoreTableView> GetAsync(string standardCode, CancellationToken ct = default)
    {
        await RequireStandardAsync(standardCode, ct);
        var rows = await db.Set<ScorePoint>().AsNoTracking().Where(p => p.StandardCode == standardCode).OrderBy(p => p.Question).ThenBy(p => p.Answer).ToListAsync(ct);
        return View(standardCode, rows);
    }

    public async Task<IReadOnlyList<ScorePoint>> TableAsync(string standardCode, CancellationToken ct = default) =>
        await db.Set<ScorePoint>().AsNoTracking().Where(p => p.StandardCode == standardCode).ToListAsync(ct);

    public async Task<ScoreTableView> LoadAsync(string standardCode, ScoreTableInput input, CancellationToken ct = default)
    {
        if (db.Actor.Role != Role.Administrator)
        {
            throw new RuleViolationException("Chỉ quản trị hệ thống được nạp bảng điểm phiếu B.");
        }
        await RequireStandardAsync(standardCode, ct);
        var errors = new ValidationErrors();
        var source = input.Source?.Trim();
        if (string.IsNullOrEmpty(source) || source.Length > 300)
        {
            errors.Add("source", "Cần ghi văn bản pháp lý của bảng điểm (tối đa 300 ký tự), ví dụ \"Thông tư 07/2021/TT-BLĐTBXH, Phụ lục III\".");
        }
        var rows = input.Rows ?? [];
        if (rows.Count == 0 || rows.Count > 2000)
        {
            errors.Add("rows", "Bảng điểm cần từ 1 đến 2.000 dòng (mỗi dòng một phương án trả lời).");
        }
        var points = new List<ScorePoint>();
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var key = $"rows[{i}]";
            var question = r.Question?.Trim() ?? "";
            var answer = r.Answer?.Trim() ?? "";
            if (question.Length is 0 or > 50 || answer.Length is 0 or > 50)
            {
                errors.Add(key, $"Dòng {i + 1}: cần mã câu hỏi và mã phương án (tối đa 50 ký tự).");
                continue;
            }
            if (!seen.Add((question, answer)))
            {
                errors.Add(key, $"Dòng {i + 1}: câu {question} phương án {answer} lặp lại.");
                continue;
            }
            var p = new ScorePoint
            {
                StandardCode = standardCode,
                Question = question,
                QuestionText = Clip(r.QuestionText, question),
                Answer = answer,
                AnswerText = Clip(r.AnswerText, answer),
                Source = source ?? "",
            };
            foreach (var (region, value) in r.Points ?? [])
            {
                if (ScoreTables.Parse(region) is not { } reg)
                {
                    errors.Add(key, $"Dòng {i + 1}: vùng \"{region}\" không có; dùng {string.Join(", ", ScoreTables.Regions.Select(ScoreTables.Code))}.");
                }
                else if (value is < -1000 or > 1000)
                {
                    errors.Add(key, $"Dòng {i + 1}: điểm {value} ngoài khoảng -1.000 đến 1.000.");
                }
                else
                {
                    p.SetPoints(reg, value);
                }
            }
            points.Add(p);
        }
        errors.ThrowIfAny();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.BeginWriteAsync(ct);
            var old = await db.Set<ScorePoint>().Where(p => p.StandardCode == standardCode).ToListAsync(ct);
            db.RemoveRange(old);
            await db.SaveChangesAsync(ct);
            db.AddRange(points);
            db.Audit("poverty_score_table.loaded", "poverty_standard", standardCode, null, after: new { source, rows = points.Count, replaced = old.Count });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
        return await GetAsync(standardCode, ct);
    }

    /// <summary>Reads the CSV layout of <see cref="CsvHeader"/> (comma-separated, UTF-8; an empty cell = not loaded).</summary>
    public static List<ScoreRowInput> ParseCsv(string text)
    {
        var lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Where(l => l.Trim().Length > 0).ToList();
        if (lines.Count == 0 || !string.Equals(lines[0].Trim().TrimStart('\uFEFF'), CsvHeader, StringComparison.OrdinalIgnoreCase))
        {
            throw new InputValidationException("file", $"Dòng đầu của tệp CSV phải là: {CsvHeader}");
        }
        var rows = new List<ScoreRowInput>();
        var errors = new ValidationErrors();
        for (var i = 1; i < lines.Count; i++)
        {
            var cells = SplitCsv(lines[i]);
            if (cells.Count != 11)
            {
                errors.Add($"line{i + 1}", $"Dòng {i + 1}: cần 11 cột, có {cells.Count}.");
                continue;
            }
            var points = new Dictionary<string, int?>(StringComparer.Ordinal);
            for (var c = 0; c < 7; c++)
            {
                var cell = cells[4 + c].Trim();
                if (cell.Length == 0)
                {
                    points[ScoreTables.Code(ScoreTables.Regions[c])] = null;
                }
                else if (int.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
                {
                    points[ScoreTables.Code(ScoreTables.Regions[c])] = v;
                }
                else
                {
                    errors.Add($"line{i + 1}", $"Dòng {i + 1}, cột {c + 5}: \"{cell}\" không phải số điểm nguyên.");
                }
            }
            rows.Add(new ScoreRowInput(cells[0], cells[1], cells[2], cells[3], points));
        }
        errors.ThrowIfAny();
        return rows;
    }

    /// <summary>
    /// The form-B column of a commune: urban for a ward or town; otherwise the region of its province,
    /// or for a commune of the 2025 map, of the old province its predecessor communes were in.
    /// </summary>
    public async Task<ScoreRegion?> RegionOfCommuneAsync(int communeUnitId, bool urban, CancellationToken ct = default)
    {
        if (urban)
        {
            return ScoreRegion.Urban;
        }
        var unit = await db.AdminUnits.AsNoTracking().FirstAsync(u => u.Id == communeUnitId, ct);
        if (ScoreTables.RegionOfOldProvince(unit.ProvinceCode) is { } direct && unit.ValidTo is not null)
        {
            return direct;
        }
        var oldProvinces = await db.AdminUnitLinks.AsNoTracking().Where(l => l.NewUnitId == communeUnitId && l.Level == AdminLevel.Commune)
            .Join(db.AdminUnits, l => l.OldUnitId, u => u.Id, (l, u) => u.ProvinceCode).Distinct().ToListAsync(ct);
        var regions = oldProvinces.Select(ScoreTables.RegionOfOldProvince).Where(r => r is not null).Distinct().ToList();
        return regions.Count == 1 ? regions[0] : ScoreTables.RegionOfOldProvince(unit.ProvinceCode);
    }

    private static ScoreTableView View(string standardCode, List<ScorePoint> rows)
    {
        var loaded = ScoreTables.Regions.Where(r => rows.Count > 0 && rows.All(p => p.PointsFor(r) is not null)).Select(ScoreTables.Code).ToList();
        var missing = ScoreTables.Regions.Select(ScoreTables.Code).Except(loaded).ToList();
        var message = rows.Count == 0
            ? $"Bảng điểm phiếu B của chuẩn {standardCode} chưa được nạp: hệ thống không tự tính điểm A; cán bộ nhập thu nhập hoặc điểm A đã chấm trên phiếu."
            : missing.Count == 0
                ? $"Đã nạp đủ điểm của 7 cột vùng ({rows.Count} phương án)."
                : $"Chưa nạp điểm cho: {string.Join(", ", missing.Select(m => ScoreTables.VietnameseName(ScoreTables.Parse(m)!.Value)))}.";
        return new ScoreTableView(standardCode, rows.Count > 0, loaded, missing, message,
            rows.Select(p => new ScoreRowView(p.Question, p.QuestionText, p.Answer, p.AnswerText,
                ScoreTables.Regions.ToDictionary(ScoreTables.Code, p.PointsFor, StringComparer.Ordinal), p.Source)).ToList());
    }

    private async Task RequireStandardAsync(string code, CancellationToken ct)
    {
        if (!await db.Set<PovertyStandard>().AnyAsync(s => s.Code == code, ct))
        {
            throw new NotFoundException($"Không có chuẩn nghèo {code}.");
        }
    }

    private static string Clip(string? text, string fallback)
    {
        var t = string.IsNullOrWhiteSpace(text) ? fallback : text.Trim();
        return t.Length > 300 ? t[..300] : t;
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(ch);
            }
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
