using AnSinh.Funds.Ledger;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Funds.Funds;

public sealed record CreateFundRequest(string? UnitCode, string? Kind, string? Name, DateOnly? ValidOn);

public sealed record FundView(Guid Id, string UnitCode, string UnitName, string Level, string Kind, string KindName, string Name,
    long Balance, long Cash, long Bank, long Goods, long Entries, DateOnly? ClosedThrough);

/// <summary>A user who may approve a spending of a fund (người duyệt chi).</summary>
public sealed record SpendingApprover(Guid Id, string UserName, string? DisplayName, string Role)
{
    public string Label => DisplayName is { Length: > 0 } d ? $"{d} ({UserName})" : UserName;
}

/// <summary>The funds of each unit, found and created within the user's place scope.</summary>
public sealed class FundDirectory(AnSinhDbContext db, ScopeResolver scopes)
{
    /// <summary>Who keeps the books: the fund board and administrators; everyone else reads.</summary>
    public static bool CanManage(Role role) => role is Role.Administrator or Role.FundBoard;

    public static FundView ToView(Fund f) => new(f.Id, f.UnitCode, f.UnitName, LevelCode(f.UnitLevel), LedgerRules.KindCode(f.Kind), LedgerRules.KindName(f.Kind), f.Name,
        f.Balance, f.CashBalance, f.BankBalance, f.GoodsBalance, f.EntryCount, f.ClosedThrough);

    public static string LevelCode(AdminLevel l) => l switch
    {
        AdminLevel.Province => "province",
        AdminLevel.District => "district",
        _ => "commune",
    };

    /// <summary>Who may approve a spending: the chairperson (approver), the fund board and administrators, within their place scope.</summary>
    public static bool CanApproveSpending(Role role) => role is Role.Administrator or Role.Approver or Role.FundBoard;

    /// <summary>
    /// The users who may approve a spending of the fund: of a role that approves, with a place scope
    /// holding the fund's unit. The one who records the spending is not among them for their own spending.
    /// </summary>
    public async Task<List<SpendingApprover>> SpendingApproversAsync(Fund fund, CancellationToken ct = default)
    {
        // The scopes that can hold the unit: the nation, its province, the unit itself and the communes it went into.
        var codes = await db.AdminUnitLinks.AsNoTracking().Where(l => l.OldUnitId == fund.UnitId).Join(db.AdminUnits, l => l.NewUnitId, u => u.Id, (l, u) => u.Code).ToListAsync(ct);
        codes.Add(fund.UnitCode);
        codes.Add(fund.CurrentProvinceCode);
        var roles = new[] { Role.Administrator, Role.Approver, Role.FundBoard };
        var users = await db.Users.AsNoTracking().Where(u => roles.Contains(u.Role) && (u.ScopeUnitCode == null || codes.Contains(u.ScopeUnitCode)))
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Role, u.ScopeUnitCode, u.LockoutEnd }).ToListAsync(ct);
        var allowed = new Dictionary<string, bool>(StringComparer.Ordinal);
        var result = new List<SpendingApprover>();
        var now = db.Now();
        foreach (var u in users.OrderBy(u => u.UserName, StringComparer.Ordinal))
        {
            if (u.LockoutEnd is { } end && end.UtcDateTime > now)
            {
                continue;
            }
            var code = u.ScopeUnitCode ?? "";
            if (!allowed.TryGetValue(code, out var ok))
            {
                ok = allowed[code] = Allows(await scopes.ResolveAsync(u.ScopeUnitCode, ct), fund.UnitId, fund.CurrentProvinceCode);
            }
            if (ok)
            {
                result.Add(new SpendingApprover(u.Id, u.UserName!, u.DisplayName, Roles.Code(u.Role)));
            }
        }
        return result;
    }

    /// <summary>The approvers of a fund in the user's scope, less the user (who does not approve their own spending).</summary>
    public async Task<List<SpendingApprover>> SpendingApproversAsync(Guid fundId, CancellationToken ct = default)
    {
        var fund = await GetAsync(fundId, ct);
        return (await SpendingApproversAsync(fund, ct)).Where(a => !SeparationOfDuties.SamePerson(a.UserName, db.Actor.UserName)).ToList();
    }

    /// <summary>
    /// The approver named for a spending (a user name, or a user id), checked: a user who may approve
    /// in the fund's unit (400 otherwise) and not the one recording it (409). Null when none is named.
    /// </summary>
    public async Task<SpendingApprover?> SpendingApproverAsync(Fund fund, string? approvedBy, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(approvedBy))
        {
            return null;
        }
        var named = approvedBy.Trim();
        var normalized = named.ToUpperInvariant();
        var byId = Guid.TryParse(named, out var id) ? id : (Guid?)null;
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized || u.Id == byId)
            .Select(u => new { u.Id, u.UserName }).FirstOrDefaultAsync(ct)
            ?? throw new InputValidationException("approvedBy", $"Người duyệt chi \"{(named.Length > 100 ? named[..100] + "…" : named)}\" không phải là người dùng của hệ thống; hãy chọn người duyệt chi trong danh sách người dùng có quyền duyệt.");
        if (SeparationOfDuties.SamePerson(user.UserName, db.Actor.UserName))
        {
            throw new RuleViolationException(SeparationOfDuties.Message("Khoản chi này", "ghi", db.Actor.UserName));
        }
        return (await SpendingApproversAsync(fund, ct)).FirstOrDefault(a => a.Id == user.Id)
            ?? throw new InputValidationException("approvedBy", $"Người dùng {user.UserName} không có quyền duyệt chi của {fund.UnitName}: cần vai trò lãnh đạo phê duyệt, Ban vận động Quỹ hoặc quản trị hệ thống, với phạm vi gồm đơn vị của quỹ.");
    }

    public void RequireManager()
    {
        if (!CanManage(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ Ban vận động Quỹ (hoặc quản trị hệ thống) được ghi sổ quỹ.");
        }
    }

    public async Task<Fund> CreateAsync(CreateFundRequest r, CancellationToken ct = default)
    {
        RequireManager();
        var errors = new ValidationErrors();
        var kind = LedgerRules.ParseKind(r.Kind);
        if (kind is null)
        {
            errors.Add("kind", "Loại quỹ phải là \"for_the_poor\" (Quỹ Vì người nghèo), \"relief\" (quỹ cứu trợ) hoặc \"special\" (quỹ đặc biệt).");
        }
        var name = r.Name?.Trim() ?? "";
        if (kind == FundKind.Special && name.Length == 0)
        {
            errors.Add("name", "Quỹ đặc biệt cần có tên (ví dụ: Quỹ phòng, chống dịch COVID-19).");
        }
        if (name.Length > 200)
        {
            errors.Add("name", "Tên quỹ dài quá 200 ký tự.");
        }
        if (string.IsNullOrWhiteSpace(r.UnitCode))
        {
            errors.Add("unitCode", "Thiếu mã đơn vị hành chính.");
        }
        errors.ThrowIfAny();
        var unit = await FindUnitAsync(r.UnitCode!, r.ValidOn, ct)
            ?? throw new InputValidationException("unitCode", $"Không có đơn vị hành chính mã \"{r.UnitCode?.Trim()}\".");
        var scope = await scopes.CurrentAsync(ct);
        if (!Allows(scope, unit.Id, unit.CurrentProvinceCode))
        {
            await db.AuditDeniedAsync("admin_unit", unit.Code, unit.Code, ct);
            throw new InputValidationException("unitCode", $"Đơn vị {unit.Code} nằm ngoài phạm vi của bạn.");
        }
        if (name.Length == 0)
        {
            name = $"{LedgerRules.KindName(kind!.Value)} {unit.FullName}";
        }
        if (await db.Set<Fund>().AnyAsync(f => f.UnitId == unit.Id && f.Kind == kind && f.Name == name, ct))
        {
            throw new RuleViolationException($"{unit.FullName} đã có quỹ \"{name}\".");
        }
        var fund = new Fund
        {
            Id = Guid.CreateVersion7(),
            UnitId = unit.Id,
            UnitCode = unit.Code,
            UnitName = unit.FullName,
            UnitLevel = unit.Level,
            CurrentProvinceCode = unit.CurrentProvinceCode,
            Kind = kind!.Value,
            Name = name,
            CreatedAt = db.Now(),
            CreatedBy = db.Actor.UserName,
        };
        db.Add(fund);
        db.Audit("fund.create", "fund", fund.Id.ToString(), fund.UnitCode, after: new { fund.Name, kind = LedgerRules.KindCode(fund.Kind), fund.UnitCode, fund.UnitName });
        await db.SaveChangesAsync(ct);
        return fund;
    }

    /// <summary>The unit with the code: today's if it is in force, else the latest that had the code (a district before July 2025).</summary>
    public async Task<AdminUnit?> FindUnitAsync(string code, DateOnly? validOn, CancellationToken ct)
    {
        code = code.Trim();
        var units = await db.AdminUnits.AsNoTracking().Where(u => u.Code == code).ToListAsync(ct);
        var date = validOn ?? db.Today();
        return units.Where(u => u.IsValidOn(date)).OrderBy(u => u.Level).FirstOrDefault()
            ?? (validOn is null ? units.OrderByDescending(u => u.ValidTo ?? DateOnly.MaxValue).ThenBy(u => u.Level).FirstOrDefault() : null);
    }

    public static bool Allows(UserScope scope, int unitId, string currentProvinceCode) => scope.Allows(unitId, currentProvinceCode);

    /// <summary>The fund if it exists and lies in the user's scope; otherwise 404 (and the attempt is audited).</summary>
    public async Task<Fund> GetAsync(Guid id, CancellationToken ct = default)
    {
        var fund = await db.Set<Fund>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy quỹ.");
        var scope = await scopes.CurrentAsync(ct);
        if (!Allows(scope, fund.UnitId, fund.CurrentProvinceCode))
        {
            await db.AuditDeniedAsync("fund", id.ToString(), fund.UnitCode, ct);
            throw new NotFoundException("Không tìm thấy quỹ.");
        }
        return fund;
    }

    public async Task<List<Fund>> ListAsync(string? unitCode, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        var q = db.Set<Fund>().AsNoTracking();
        q = scope.Kind switch
        {
            ScopeKind.Nation => q,
            ScopeKind.Province => q.Where(f => f.CurrentProvinceCode == scope.ProvinceCode),
            ScopeKind.Commune => q.Where(f => scope.CommuneIds.Contains(f.UnitId)),
            _ => q.Where(f => false),
        };
        if (!string.IsNullOrWhiteSpace(unitCode))
        {
            var code = unitCode.Trim();
            q = q.Where(f => f.UnitCode == code);
        }
        return await q.OrderBy(f => f.UnitLevel).ThenBy(f => f.UnitCode).ThenBy(f => f.Kind).ThenBy(f => f.Name).Take(2000).ToListAsync(ct);
    }

    /// <summary>The units whose funds make up a unit's subtree: the unit and the units below it.</summary>
    public async Task<List<int>> SubtreeUnitIdsAsync(AdminUnit unit, CancellationToken ct)
    {
        var today = db.Today();
        if (unit.Level == AdminLevel.Province && unit.IsValidOn(today))
        {
            // Today's province: every unit of either map whose area lies in it (re-aggregation under today's map).
            return await db.AdminUnits.AsNoTracking().Where(u => u.CurrentProvinceCode == unit.Code).Select(u => u.Id).ToListAsync(ct);
        }
        var ids = new List<int> { unit.Id };
        var level = new List<int> { unit.Id };
        for (var depth = 0; depth < 2 && level.Count > 0; depth++)
        {
            var parents = level;
            level = await db.AdminUnits.AsNoTracking().Where(u => u.ParentId != null && parents.Contains(u.ParentId.Value)).Select(u => u.Id).ToListAsync(ct);
            ids.AddRange(level);
        }
        return ids;
    }

    /// <summary>Is <paramref name="lower"/> strictly below <paramref name="upper"/> on the map?</summary>
    public async Task<bool> IsBelowAsync(int upper, int lower, CancellationToken ct)
    {
        var upperUnit = await db.AdminUnits.AsNoTracking().FirstAsync(u => u.Id == upper, ct);
        var lowerUnit = await db.AdminUnits.AsNoTracking().FirstAsync(u => u.Id == lower, ct);
        if (upper == lower)
        {
            return false;
        }
        if (upperUnit.Level == AdminLevel.Province && upperUnit.IsValidOn(db.Today()))
        {
            return lowerUnit.CurrentProvinceCode == upperUnit.Code && lowerUnit.Level != AdminLevel.Province;
        }
        var current = lowerUnit;
        for (var depth = 0; depth < 3 && current.ParentId is { } parent; depth++)
        {
            if (parent == upper)
            {
                return true;
            }
            current = await db.AdminUnits.AsNoTracking().FirstAsync(u => u.Id == parent, ct);
        }
        return false;
    }
}
