using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Poverty.Standards;

/// <summary>Figures an administrator sets; null leaves a figure as it is.</summary>
public sealed record StandardInput
{
    public string? Code { get; init; }
    public DateOnly? ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
    public long? RuralIncomeLine { get; init; }
    public long? UrbanIncomeLine { get; init; }
    public long? RuralAverageUpper { get; init; }
    public long? UrbanAverageUpper { get; init; }
    public int? PoorMinDeprivations { get; init; }
    public int? RuralScoreThreshold { get; init; }
    public int? UrbanScoreThreshold { get; init; }
    public List<string>? Indicators { get; init; }
    public string? LegalSource { get; init; }

    /// <summary>Fields whose provisional mark is lifted (checked against the legal text).</summary>
    public List<string>? Confirm { get; init; }
}

/// <summary>
/// Poverty standards change by decree, not by release: an administrator corrects a provisional
/// figure, confirms it, or adds the next standard. Every change is audited (the entity is audited).
/// </summary>
public sealed class ManageStandards(AnSinhDbContext db)
{
    /// <summary>Every indicator code AnSinh knows (RULES.md §1).</summary>
    public static readonly IReadOnlySet<string> KnownIndicators = new HashSet<string>(
        ShippedStandards.Indicators2022.Split(',').Concat(ShippedStandards.Indicators2027.Split(',')), StringComparer.Ordinal);

    private static readonly string[] Fields =
        ["ValidFrom", "ValidTo", "RuralIncomeLine", "UrbanIncomeLine", "RuralAverageUpper", "UrbanAverageUpper", "PoorMinDeprivations", "RuralScoreThreshold", "UrbanScoreThreshold", "Indicators", "LegalSource"];

    public async Task<PovertyStandard> UpdateAsync(string code, StandardInput input, CancellationToken ct = default)
    {
        RequireAdministrator();
        var s = await db.Set<PovertyStandard>().FirstOrDefaultAsync(x => x.Code == code, ct) ?? throw new NotFoundException($"Không có chuẩn nghèo {code}.");
        Apply(s, input);
        var confirm = input.Confirm ?? [];
        var unknown = confirm.Where(f => !Fields.Contains(f)).ToList();
        var errors = Validate(s);
        if (unknown.Count > 0)
        {
            errors.Add("confirm", $"Không có trường {string.Join(", ", unknown)}.");
        }
        await CheckOverlapAsync(s, errors, ct);
        errors.ThrowIfAny();
        s.ProvisionalFields = string.Join(",", s.ProvisionalFields.Split(',', StringSplitOptions.RemoveEmptyEntries).Where(f => !confirm.Contains(f)));
        await db.SaveChangesAsync(ct);
        return s;
    }

    public async Task<PovertyStandard> AddAsync(StandardInput input, CancellationToken ct = default)
    {
        RequireAdministrator();
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(input.Code) || input.Code.Length > 20)
        {
            errors.Add("code", "Cần mã chuẩn (tối đa 20 ký tự), ví dụ \"2031-2035\".");
        }
        else if (await db.Set<PovertyStandard>().AnyAsync(x => x.Code == input.Code, ct))
        {
            errors.Add("code", $"Đã có chuẩn {input.Code}.");
        }
        errors.ThrowIfAny();
        var s = new PovertyStandard
        {
            Code = input.Code!.Trim(),
            Indicators = "",
            LegalSource = "",
            PoorMinDeprivations = 3,
            // A new standard starts provisional until an administrator confirms its figures.
            ProvisionalFields = string.Join(",", Fields.Where(f => !(input.Confirm ?? []).Contains(f))),
        };
        Apply(s, input);
        errors = Validate(s);
        await CheckOverlapAsync(s, errors, ct);
        errors.ThrowIfAny();
        db.Add(s);
        await db.SaveChangesAsync(ct);
        return s;
    }

    private static void Apply(PovertyStandard s, StandardInput i)
    {
        s.ValidFrom = i.ValidFrom ?? s.ValidFrom;
        s.ValidTo = i.ValidTo ?? s.ValidTo;
        s.RuralIncomeLine = i.RuralIncomeLine ?? s.RuralIncomeLine;
        s.UrbanIncomeLine = i.UrbanIncomeLine ?? s.UrbanIncomeLine;
        s.RuralAverageUpper = i.RuralAverageUpper ?? s.RuralAverageUpper;
        s.UrbanAverageUpper = i.UrbanAverageUpper ?? s.UrbanAverageUpper;
        s.PoorMinDeprivations = i.PoorMinDeprivations ?? s.PoorMinDeprivations;
        s.RuralScoreThreshold = i.RuralScoreThreshold ?? s.RuralScoreThreshold;
        s.UrbanScoreThreshold = i.UrbanScoreThreshold ?? s.UrbanScoreThreshold;
        s.Indicators = i.Indicators is null ? s.Indicators : string.Join(",", i.Indicators.Select(x => x.Trim()));
        s.LegalSource = i.LegalSource?.Trim() ?? s.LegalSource;
    }

    private static ValidationErrors Validate(PovertyStandard s)
    {
        var e = new ValidationErrors();
        if (s.ValidFrom == default || s.ValidTo == default || s.ValidFrom > s.ValidTo)
        {
            e.Add("validTo", "Ngày hiệu lực không hợp lệ: cần từ ngày và đến ngày, từ ngày không sau đến ngày.");
        }
        if (s.RuralIncomeLine <= 0 || s.UrbanIncomeLine <= 0 || s.RuralIncomeLine > 100_000_000 || s.UrbanIncomeLine > 100_000_000)
        {
            e.Add("ruralIncomeLine", "Chuẩn thu nhập phải lớn hơn 0 và không quá 100 triệu đồng/người/tháng.");
        }
        if (s.RuralAverageUpper is { } ru && ru <= s.RuralIncomeLine || s.UrbanAverageUpper is { } uu && uu <= s.UrbanIncomeLine)
        {
            e.Add("ruralAverageUpper", "Mức trên của hộ có mức sống trung bình phải cao hơn chuẩn thu nhập.");
        }
        if (s.PoorMinDeprivations is < 1 or > 13)
        {
            e.Add("poorMinDeprivations", "Số chỉ số thiếu hụt để là hộ nghèo phải từ 1 đến 13.");
        }
        var unknown = s.IndicatorList.Where(x => !KnownIndicators.Contains(x)).ToList();
        if (s.IndicatorList.Count == 0 || unknown.Count > 0)
        {
            e.Add("indicators", unknown.Count > 0 ? $"Chỉ số không có trong danh mục: {string.Join(", ", unknown)}." : "Cần danh sách chỉ số thiếu hụt.");
        }
        if (string.IsNullOrWhiteSpace(s.LegalSource))
        {
            e.Add("legalSource", "Cần văn bản pháp lý làm căn cứ.");
        }
        return e;
    }

    private async Task CheckOverlapAsync(PovertyStandard s, ValidationErrors errors, CancellationToken ct)
    {
        var others = await db.Set<PovertyStandard>().AsNoTracking().Where(x => x.Code != s.Code).ToListAsync(ct);
        var clash = others.FirstOrDefault(o => o.ValidFrom <= s.ValidTo && s.ValidFrom <= o.ValidTo);
        if (clash is not null)
        {
            errors.Add("validFrom", $"Thời gian hiệu lực trùng với chuẩn {clash.Code} ({clash.ValidFrom:dd/MM/yyyy}–{clash.ValidTo:dd/MM/yyyy}).");
        }
    }

    private void RequireAdministrator()
    {
        if (db.Actor.Role != Role.Administrator)
        {
            throw new RuleViolationException("Chỉ quản trị hệ thống được sửa chuẩn nghèo.");
        }
    }
}
