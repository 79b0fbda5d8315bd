using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using AnSinh.Programs.Indicators;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Programs.Targets;

public sealed record TargetRequest(string? UnitCode, int? Year, string? Indicator, decimal? Value);

public sealed record AllocationItem(string? UnitCode, decimal? Value);

public sealed record AllocationRequest(string? UnitCode, int? Year, string? Indicator, List<AllocationItem>? Allocations);

public sealed record TargetView(Guid Id, string UnitCode, string UnitName, int Year, string Indicator, string IndicatorName, string Unit, decimal Value, Guid? ParentId);

public sealed record IndicatorResult(string Indicator, string Name, string Unit, string UnitCode, string UnitName, int Year, string Period, DateOnly AsOf,
    decimal? Target, decimal Actual, decimal? Percent, decimal? Gap, bool Provisional, string Source);

public sealed record ProgressRow(string UnitCode, string UnitName, decimal? Target, decimal Actual, decimal? Percent, decimal? Gap);

public sealed record AllocationView(TargetView Target, decimal Allocated, decimal Unallocated, IReadOnlyList<TargetView> Children);

/// <summary>Yearly targets per unit and indicator, allocated down to lower units; achievement, percent of plan and the gap per commune.</summary>
public sealed class Targets(AnSinhDbContext db, ScopeResolver scopes, IndicatorSummaries summaries)
{
    public static bool CanWrite(Role role) => role is Role.Administrator or Role.Officer or Role.Approver;

    public static ReportPeriod ParsePeriod(string? period) => period?.Trim().ToLowerInvariant() switch
    {
        null or "" or "year" or "fy" or "nam" => ReportPeriod.Year,
        "half" or "h1" or "6m" or "half_year" => ReportPeriod.HalfYear,
        _ => throw new InputValidationException("period", "Kỳ phải là \"year\" (cả năm) hoặc \"half\" (6 tháng đầu năm)."),
    };

    public static string PeriodCode(ReportPeriod p) => p == ReportPeriod.HalfYear ? "half" : "year";

    public static string PeriodName(ReportPeriod p, int year) => p == ReportPeriod.HalfYear ? $"6 tháng đầu năm {year}" : $"năm {year}";

    /// <summary>The unit with that code that existed in the year (the one in force at its end, or the last one that was).</summary>
    private async Task<AdminUnit> UnitOfYearAsync(string? code, int year, string field, CancellationToken ct)
    {
        var c = (code ?? "").Trim();
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        var units = await db.AdminUnits.AsNoTracking().Where(u => u.Code == c && (u.ValidFrom == null || u.ValidFrom <= end) && (u.ValidTo == null || u.ValidTo >= start)).ToListAsync(ct);
        return units.OrderByDescending(u => u.ValidTo ?? DateOnly.MaxValue).ThenBy(u => u.Level).FirstOrDefault()
            ?? throw new InputValidationException(field, $"Đơn vị hành chính mã \"{c}\" không tồn tại trong năm {year}.");
    }

    private async Task CheckWriteScopeAsync(AdminUnit unit, CancellationToken ct)
    {
        if (!CanWrite(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ cán bộ, lãnh đạo phê duyệt hoặc quản trị hệ thống được giao chỉ tiêu.");
        }
        var scope = await scopes.CurrentAsync(ct);
        var allowed = scope.Kind switch
        {
            ScopeKind.Nation => true,
            ScopeKind.Province => unit.CurrentProvinceCode == scope.ProvinceCode,
            ScopeKind.Commune => unit.Level == AdminLevel.Commune && scope.CommuneIds.Contains(unit.Id),
            _ => false,
        };
        if (!allowed)
        {
            await db.AuditDeniedAsync("target", null, unit.Code, ct);
            throw new InputValidationException("unitCode", $"{unit.FullName} ngoài phạm vi bạn phụ trách.");
        }
    }

    private static IndicatorDefinition Targetable(string? indicator)
    {
        var def = Catalogue.Find(indicator);
        if (def is null || !def.Targetable)
        {
            throw new InputValidationException("indicator", $"Chỉ tiêu \"{indicator}\" không có trong danh mục giao chỉ tiêu. Dùng một trong: {string.Join(", ", Catalogue.All.Where(d => d.Targetable).Select(d => d.Code))}.");
        }
        return def;
    }

    public async Task<TargetView> SetAsync(TargetRequest r, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        if (TargetRules.Check(r.Year, r.Value, db.Today().Year) is { } problem)
        {
            errors.Add(r.Year is null or < 2000 || r.Year > db.Today().Year + 5 ? "year" : "value", problem);
        }
        if (string.IsNullOrWhiteSpace(r.UnitCode))
        {
            errors.Add("unitCode", "Cần mã đơn vị hành chính.");
        }
        errors.ThrowIfAny();
        var def = Targetable(r.Indicator);
        var unit = await UnitOfYearAsync(r.UnitCode, r.Year!.Value, "unitCode", ct);
        await CheckWriteScopeAsync(unit, ct);
        var target = await UpsertAsync(unit, r.Year.Value, def.Code, r.Value!.Value, null, ct);
        await db.SaveChangesAsync(ct);
        return View(target);
    }

    private async Task<Target> UpsertAsync(AdminUnit unit, int year, string indicator, decimal value, Guid? parentId, CancellationToken ct)
    {
        var now = db.Now();
        var target = await db.Set<Target>().FirstOrDefaultAsync(t => t.UnitId == unit.Id && t.Year == year && t.Indicator == indicator, ct);
        if (target is null)
        {
            target = new Target
            {
                Id = Guid.CreateVersion7(),
                UnitId = unit.Id,
                UnitCode = unit.Code,
                UnitName = unit.FullName,
                Year = year,
                Indicator = indicator,
                Value = value,
                ParentId = parentId,
                CreatedAt = now,
                CreatedBy = db.Actor.UserName,
                ChangedAt = now,
            };
            db.Add(target);
            db.Audit("target.set", "target", target.Id.ToString(), unit.Code, after: new { year, indicator, value, parentId });
        }
        else
        {
            db.Audit("target.change", "target", target.Id.ToString(), unit.Code, before: new { target.Value, target.ParentId }, after: new { Value = value, ParentId = parentId ?? target.ParentId });
            target.Value = value;
            target.ParentId = parentId ?? target.ParentId;
            target.ChangedAt = now;
        }
        return target;
    }

    /// <summary>Allocates a unit's target to units below it (communes of a province, communes of an old district); each one's share stored as its own target.</summary>
    public async Task<AllocationView> AllocateAsync(AllocationRequest r, CancellationToken ct = default)
    {
        if (r.Year is null or < 2000 || r.Year > db.Today().Year + 5)
        {
            throw new InputValidationException("year", $"Năm chỉ tiêu phải từ 2000 đến {db.Today().Year + 5}.");
        }
        var def = Targetable(r.Indicator);
        var year = r.Year.Value;
        var parent = await UnitOfYearAsync(r.UnitCode, year, "unitCode", ct);
        await CheckWriteScopeAsync(parent, ct);
        var parentTarget = await db.Set<Target>().FirstOrDefaultAsync(t => t.UnitId == parent.Id && t.Year == year && t.Indicator == def.Code, ct)
            ?? throw new RuleViolationException($"{parent.FullName} chưa có chỉ tiêu \"{def.Name}\" năm {year}; giao chỉ tiêu cho đơn vị trước khi phân bổ.");
        var items = r.Allocations ?? [];
        if (items.Count == 0)
        {
            throw new InputValidationException("allocations", "Cần ít nhất một đơn vị cấp dưới được phân bổ.");
        }
        var errors = new ValidationErrors();
        var children = new List<(AdminUnit Unit, decimal Value)>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (TargetRules.Check(year, item.Value, db.Today().Year) is { } problem)
            {
                errors.Add($"allocations[{i}].value", problem);
                continue;
            }
            AdminUnit child;
            try
            {
                child = await UnitOfYearAsync(item.UnitCode, year, $"allocations[{i}].unitCode", ct);
            }
            catch (InputValidationException e)
            {
                errors.Add($"allocations[{i}].unitCode", e.Errors.SelectMany(x => x.Value).First());
                continue;
            }
            var below = child.Level > parent.Level && (child.ParentId == parent.Id || (parent.Level == AdminLevel.Province && child.ProvinceCode == parent.Code));
            if (!below)
            {
                errors.Add($"allocations[{i}].unitCode", $"{child.FullName} không thuộc {parent.FullName} trong năm {year}.");
                continue;
            }
            if (children.Any(c => c.Unit.Id == child.Id))
            {
                errors.Add($"allocations[{i}].unitCode", $"{child.FullName} được phân bổ hai lần.");
                continue;
            }
            children.Add((child, item.Value!.Value));
        }
        errors.ThrowIfAny();
        foreach (var (unit, value) in children)
        {
            await UpsertAsync(unit, year, def.Code, value, parentTarget.Id, ct);
        }
        await db.SaveChangesAsync(ct);
        return await AllocationAsync(parentTarget.Id, ct);
    }

    public async Task<AllocationView> AllocationAsync(Guid id, CancellationToken ct = default)
    {
        var target = await db.Set<Target>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy chỉ tiêu.");
        var children = await db.Set<Target>().AsNoTracking().Where(t => t.ParentId == id).OrderBy(t => t.UnitCode).ToListAsync(ct);
        var allocated = children.Sum(c => c.Value);
        return new AllocationView(View(target), allocated, target.Value - allocated, children.Select(View).ToList());
    }

    public async Task<List<TargetView>> ListAsync(string? unitCode, int? year, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        var q = db.Set<Target>().AsNoTracking();
        if (year is { } y)
        {
            q = q.Where(t => t.Year == y);
        }
        if (!string.IsNullOrWhiteSpace(unitCode))
        {
            var code = unitCode.Trim();
            q = q.Where(t => t.UnitCode == code);
        }
        // The scope is applied in the query, before the limit, so no row of the user's own area is cut off.
        var rows = from t in q join u in db.AdminUnits.AsNoTracking() on t.UnitId equals u.Id select new { t, u.CurrentProvinceCode };
        rows = scope.Kind switch
        {
            ScopeKind.Nation => rows,
            ScopeKind.Province => rows.Where(x => x.CurrentProvinceCode == scope.ProvinceCode),
            ScopeKind.Commune => rows.Where(x => scope.CommuneIds.Contains(x.t.UnitId)),
            _ => rows.Where(_ => false),
        };
        return (await rows.OrderBy(x => x.t.Year).ThenBy(x => x.t.UnitCode).ThenBy(x => x.t.Indicator).Select(x => x.t).Take(5000).ToListAsync(ct)).Select(View).ToList();
    }

    /// <summary>Target, achievement, percent of plan (2 decimals) and gap of one unit, year and indicator.</summary>
    public async Task<IndicatorResult> IndicatorAsync(string? unitCode, int? year, string? indicator, string? period, string? map, CancellationToken ct = default)
    {
        var def = Catalogue.Find(indicator) ?? throw new InputValidationException("indicator", $"Không có chỉ số \"{indicator}\". Xem danh mục: GET /api/indicators/catalogue.");
        if (year is null)
        {
            throw new InputValidationException("year", "Cần năm (year=YYYY).");
        }
        var p = ParsePeriod(period);
        var set = await summaries.ResolveAsync(unitCode, year.Value, p, map?.Trim().ToLowerInvariant() == "today", ct);
        var values = await summaries.ReadAsync(set, year.Value, p, checkScope: true, ct);
        var actual = values.Get(def.Code);
        var target = await db.Set<Target>().AsNoTracking().Where(t => t.UnitCode == set.Unit.Code && t.Year == year && t.Indicator == def.Code)
            .OrderByDescending(t => t.ChangedAt).Select(t => (decimal?)t.Value).FirstOrDefaultAsync(ct);
        return new IndicatorResult(def.Code, def.Name, def.Unit, set.Unit.Code, set.Unit.FullName, year.Value, PeriodCode(p), values.AsOf,
            target, actual, TargetRules.PercentOfPlan(target, actual), TargetRules.Gap(target, actual), values.AsOf < IndicatorEngine.PeriodEnd(year.Value, p), def.Source);
    }

    /// <summary>Each commune (or district) under the unit: its target, achievement, percent and gap.</summary>
    public async Task<List<ProgressRow>> ProgressAsync(string? unitCode, int? year, string? indicator, CancellationToken ct = default)
    {
        var def = Catalogue.Find(indicator) ?? throw new InputValidationException("indicator", $"Không có chỉ số \"{indicator}\".");
        if (year is null)
        {
            throw new InputValidationException("year", "Cần năm (year=YYYY).");
        }
        var set = await summaries.ResolveAsync(unitCode, year.Value, ReportPeriod.Year, false, ct);
        await summaries.ReadAsync(set, year.Value, ReportPeriod.Year, checkScope: true, ct);
        var children = await summaries.ReadChildrenAsync(set, year.Value, ReportPeriod.Year, ct);
        var codes = children.Select(c => c.Code).ToList();
        var targets = await db.Set<Target>().AsNoTracking().Where(t => t.Year == year && t.Indicator == def.Code && codes.Contains(t.UnitCode))
            .Select(t => new { t.UnitCode, t.Value }).ToListAsync(ct);
        return children.Select(c =>
        {
            var target = targets.Where(t => t.UnitCode == c.Code).Select(t => (decimal?)t.Value).FirstOrDefault();
            var actual = c.Values.GetValueOrDefault(def.Code);
            return new ProgressRow(c.Code, c.Name, target, actual, TargetRules.PercentOfPlan(target, actual), TargetRules.Gap(target, actual));
        }).ToList();
    }

    private static TargetView View(Target t)
    {
        var def = Catalogue.Find(t.Indicator);
        return new TargetView(t.Id, t.UnitCode, t.UnitName, t.Year, t.Indicator, def?.Name ?? t.Indicator, def?.Unit ?? "", t.Value, t.ParentId);
    }
}
