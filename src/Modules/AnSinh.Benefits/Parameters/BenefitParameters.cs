using AnSinh.Benefits.Quotes;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Benefits.Parameters;

public sealed record BaseLevelView(int Id, string Scheme, string? ProvinceCode, long Amount, DateOnly ValidFrom, DateOnly? ValidTo, string Source, bool Provisional,
    string? ConfirmedBy);

public sealed record BaseLevelRequest(string? Scheme, string? ProvinceCode, long? Amount, DateOnly? ValidFrom, string? Source, bool? Provisional);

public sealed record ConfirmRequest(long? Amount, string? Source);

public sealed record MeritRowRequest(string? Row, long? Allowance, long? Supplement, bool? SupplementPerYear);

/// <summary>A new edition of a merit allowance table (a decree's appendix) from a date: every row of it.</summary>
public sealed record MeritTableRequest(string? Table, DateOnly? ValidFrom, string? Source, List<MeritRowRequest>? Rows);

public sealed record AssistanceQuoteRequest(DateOnly? Date, DateOnly? BirthDate, List<string>? Clauses, string? Disability, int? Children, string? ProvinceCode);

public sealed record MeritQuoteRequest(DateOnly? Date, string? Category, int? Martyrs, int? InjuryPercent, bool? ParticularlySevere, int? SeniorityYears);

/// <summary>
/// The dated parameters of the benefit schemes (base levels, coefficients, merit tables): read for
/// a date, added and confirmed by an administrator without a release, every change audited.
/// </summary>
public sealed class BenefitParameters(AnSinhDbContext db)
{
    public static string SchemeCode(Scheme s) => s switch
    {
        Scheme.SocialAssistance => "social_assistance",
        Scheme.Merit => "merit",
        Scheme.SocialPension => "social_pension",
        _ => "base_salary",
    };

    public static Scheme? ParseScheme(string? code) =>
        Enum.GetValues<Scheme>().Select(s => (Scheme?)s).FirstOrDefault(s => SchemeCode(s!.Value) == code?.Trim().ToLowerInvariant());

    public static BaseLevelView ToView(BaseLevel b) => new(b.Id, SchemeCode(b.Scheme), b.ProvinceCode, b.Amount, b.ValidFrom, b.ValidTo, b.Source, b.Provisional, b.ConfirmedBy);

    public async Task<ParameterSet> LoadAsync(CancellationToken ct = default) => new(
        await db.Set<BaseLevel>().AsNoTracking().ToListAsync(ct),
        await db.Set<AssistanceCoefficient>().AsNoTracking().ToListAsync(ct),
        await db.Set<MeritRate>().AsNoTracking().ToListAsync(ct));

    public async Task<List<BaseLevelView>> ListAsync(CancellationToken ct = default) =>
        (await db.Set<BaseLevel>().AsNoTracking().OrderBy(b => b.Scheme).ThenBy(b => b.ProvinceCode).ThenBy(b => b.ValidFrom).ToListAsync(ct)).Select(ToView).ToList();

    public async Task<BaseLevelView> OnAsync(string? scheme, DateOnly? date, string? provinceCode, CancellationToken ct = default)
    {
        var s = ParseScheme(scheme) ?? throw new InputValidationException("scheme", "Chế độ phải là social_assistance, merit, social_pension hoặc base_salary.");
        var on = date ?? db.Today();
        var set = await LoadAsync(ct);
        var level = set.BaseLevelOn(s, on, string.IsNullOrWhiteSpace(provinceCode) ? null : provinceCode.Trim())
            ?? throw new NotFoundException($"Chưa có mức chuẩn {SchemeName(s)} áp dụng ngày {on:dd/MM/yyyy}.");
        return ToView(level);
    }

    public static string SchemeName(Scheme s) => s switch
    {
        Scheme.SocialAssistance => "trợ giúp xã hội",
        Scheme.Merit => "trợ cấp ưu đãi người có công",
        Scheme.SocialPension => "trợ cấp hưu trí xã hội",
        _ => "lương cơ sở",
    };

    private void RequireAdministrator()
    {
        if (db.Actor.Role != Role.Administrator)
        {
            throw new RuleViolationException("Chỉ quản trị hệ thống được thay đổi tham số chế độ.");
        }
    }

    /// <summary>A new base level from a date (a decree published, a province's higher local level); the level it follows is closed the day before.</summary>
    public async Task<BaseLevelView> AddAsync(BaseLevelRequest r, CancellationToken ct = default)
    {
        RequireAdministrator();
        var errors = new ValidationErrors();
        var scheme = ParseScheme(r.Scheme);
        if (scheme is null)
        {
            errors.Add("scheme", "Chế độ phải là social_assistance, merit, social_pension hoặc base_salary.");
        }
        if (r.Amount is not (> 0 and <= 1_000_000_000))
        {
            errors.Add("amount", "Mức chuẩn phải lớn hơn 0 đồng.");
        }
        if (r.ValidFrom is null)
        {
            errors.Add("validFrom", "Cần ngày áp dụng.");
        }
        if (string.IsNullOrWhiteSpace(r.Source) || r.Source.Length > 300)
        {
            errors.Add("source", "Cần văn bản quy định (số hiệu nghị định, điều) — tối đa 300 ký tự.");
        }
        var province = string.IsNullOrWhiteSpace(r.ProvinceCode) ? null : r.ProvinceCode.Trim();
        if (province is not null && !await db.AdminUnits.AnyAsync(u => u.Code == province && u.Level == AdminLevel.Province, ct))
        {
            errors.Add("provinceCode", $"Không có tỉnh mã \"{province}\".");
        }
        errors.ThrowIfAny();
        var rows = await db.Set<BaseLevel>().Where(b => b.Scheme == scheme && b.ProvinceCode == province).ToListAsync(ct);
        if (rows.Any(b => b.ValidFrom >= r.ValidFrom))
        {
            throw new RuleViolationException($"Đã có mức chuẩn {SchemeName(scheme!.Value)} áp dụng từ ngày {r.ValidFrom:dd/MM/yyyy} trở về sau; hãy xác nhận hoặc sửa mức đó thay vì thêm mức mới.");
        }
        var previous = rows.OrderByDescending(b => b.ValidFrom).FirstOrDefault();
        if (previous is not null && (previous.ValidTo is null || previous.ValidTo >= r.ValidFrom))
        {
            previous.ValidTo = r.ValidFrom!.Value.AddDays(-1);
        }
        var level = new BaseLevel
        {
            Scheme = scheme!.Value,
            ProvinceCode = province,
            Amount = r.Amount!.Value,
            ValidFrom = r.ValidFrom!.Value,
            Source = r.Source!.Trim(),
            Provisional = r.Provisional ?? false,
        };
        db.Add(level);
        db.Audit("benefit_base_level.add", "benefit_base_level", null, province, after: new { scheme = SchemeCode(level.Scheme), level.Amount, level.ValidFrom, level.Source, level.Provisional, closedPrevious = previous?.Id });
        await db.SaveChangesAsync(ct);
        return ToView(level);
    }

    /// <summary>
    /// Loads a new edition of a merit table (Appendix I "merit" or Appendix II "war_invalid" of the
    /// decree in force) from its date, without a release; the rows of the edition it follows are
    /// closed the day before. The calculator never scales an old table, so a decree's whole table
    /// is loaded at once.
    /// </summary>
    public async Task<int> AddMeritTableAsync(MeritTableRequest r, CancellationToken ct = default)
    {
        RequireAdministrator();
        var errors = new ValidationErrors();
        var table = r.Table?.Trim();
        if (table is not ("merit" or "war_invalid"))
        {
            errors.Add("table", "Bảng phải là merit (Phụ lục I) hoặc war_invalid (Phụ lục II, theo tỷ lệ tổn thương).");
        }
        if (r.ValidFrom is null)
        {
            errors.Add("validFrom", "Cần ngày áp dụng.");
        }
        if (string.IsNullOrWhiteSpace(r.Source) || r.Source.Length > 300)
        {
            errors.Add("source", "Cần văn bản quy định (số hiệu nghị định, phụ lục) — tối đa 300 ký tự.");
        }
        var rows = r.Rows ?? [];
        if (rows.Count is 0 or > 1_000)
        {
            errors.Add("rows", "Cần các dòng của bảng (1 đến 1.000 dòng).");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (string.IsNullOrWhiteSpace(row.Row) || row.Row.Length > 80 || !seen.Add(row.Row.Trim()))
            {
                errors.Add($"rows[{i}].row", "Mỗi dòng cần mã dòng riêng (tối đa 80 ký tự), không trùng.");
            }
            if (row.Allowance is null && row.Supplement is null)
            {
                errors.Add($"rows[{i}].allowance", "Dòng cần mức trợ cấp hoặc phụ cấp.");
            }
            if (row.Allowance is < 0 or > 1_000_000_000 || row.Supplement is < 0 or > 1_000_000_000)
            {
                errors.Add($"rows[{i}].allowance", "Số tiền phải từ 0 đến 1 tỷ đồng.");
            }
            if (table == "war_invalid" && !(int.TryParse(row.Row, System.Globalization.CultureInfo.InvariantCulture, out var pct) && pct is >= 21 and <= 100))
            {
                errors.Add($"rows[{i}].row", "Bảng thương binh: mã dòng là tỷ lệ tổn thương từ 21 đến 100.");
            }
        }
        errors.ThrowIfAny();
        await using var tx = await db.BeginWriteAsync(ct);
        var existing = await db.Set<MeritRate>().Where(x => x.Table == table).ToListAsync(ct);
        if (existing.Any(x => x.ValidFrom >= r.ValidFrom))
        {
            throw new RuleViolationException($"Bảng {table} đã có bản áp dụng từ ngày {r.ValidFrom:dd/MM/yyyy} trở về sau.");
        }
        foreach (var old in existing.Where(x => x.ValidTo is null || x.ValidTo >= r.ValidFrom))
        {
            old.ValidTo = r.ValidFrom!.Value.AddDays(-1);
        }
        var source = r.Source!.Trim();
        db.AddRange(rows.Select(x => new MeritRate
        {
            Table = table!,
            Row = x.Row!.Trim(),
            Allowance = x.Allowance,
            Supplement = x.Supplement,
            SupplementPerYear = x.SupplementPerYear ?? false,
            ValidFrom = r.ValidFrom!.Value,
            Source = source,
        }));
        db.Audit("benefit_merit_table.add", "benefit_merit_rate", table, null, after: new { table, r.ValidFrom, source, rows = rows.Count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return rows.Count;
    }

    /// <summary>Confirms a provisional level, correcting its amount or source when the legal text differs.</summary>
    public async Task<BaseLevelView> ConfirmAsync(int id, ConfirmRequest r, CancellationToken ct = default)
    {
        RequireAdministrator();
        var level = await db.Set<BaseLevel>().FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy mức chuẩn.");
        if (!level.Provisional)
        {
            throw new RuleViolationException("Mức chuẩn này đã được xác nhận; một mức mới được thêm từ ngày áp dụng của nó.");
        }
        if (r.Amount is not null and not (> 0 and <= 1_000_000_000))
        {
            throw new InputValidationException("amount", "Mức chuẩn phải lớn hơn 0 đồng.");
        }
        var before = new { level.Amount, level.Source, level.Provisional };
        level.Amount = r.Amount ?? level.Amount;
        level.Source = string.IsNullOrWhiteSpace(r.Source) ? level.Source.Replace(" (nguồn thứ cấp, chờ xác nhận)", "", StringComparison.Ordinal) : r.Source.Trim();
        level.Provisional = false;
        level.ConfirmedBy = db.Actor.UserName;
        level.ConfirmedAt = db.Now();
        db.Audit("benefit_base_level.confirm", "benefit_base_level", id.ToString(System.Globalization.CultureInfo.InvariantCulture), level.ProvinceCode,
            before: before, after: new { level.Amount, level.Source, level.Provisional });
        await db.SaveChangesAsync(ct);
        return ToView(level);
    }

    public async Task<Quote> QuoteAssistanceAsync(AssistanceQuoteRequest r, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        if (r.Date is null)
        {
            errors.Add("date", "Cần ngày tính trợ cấp.");
        }
        if (r.BirthDate is null)
        {
            errors.Add("birthDate", "Cần ngày sinh.");
        }
        if (r.Disability is not (null or "severe" or "particularly_severe"))
        {
            errors.Add("disability", "Mức độ khuyết tật phải là severe (nặng) hoặc particularly_severe (đặc biệt nặng).");
        }
        errors.ThrowIfAny();
        var set = await LoadAsync(ct);
        try
        {
            return AssistanceCalculator.Quote(new AssistanceInput(r.Date!.Value, r.BirthDate!.Value, r.Clauses ?? [], r.Disability, r.Children ?? 0,
                string.IsNullOrWhiteSpace(r.ProvinceCode) ? null : r.ProvinceCode.Trim()), set);
        }
        catch (QuoteException ex)
        {
            throw new InputValidationException(ex.Field, ex.Message);
        }
    }

    public async Task<Quote> QuoteMeritAsync(MeritQuoteRequest r, CancellationToken ct = default)
    {
        if (r.Date is null)
        {
            throw new InputValidationException("date", "Cần ngày tính trợ cấp.");
        }
        var set = await LoadAsync(ct);
        try
        {
            return MeritCalculator.Quote(new MeritInput(r.Date.Value, r.Category?.Trim() ?? "", r.Martyrs ?? 0, r.InjuryPercent, r.ParticularlySevere ?? false, r.SeniorityYears ?? 0), set);
        }
        catch (QuoteException ex)
        {
            throw new InputValidationException(ex.Field, ex.Message);
        }
    }
}
