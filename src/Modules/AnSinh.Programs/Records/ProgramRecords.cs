using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using AnSinh.Programs.Indicators;
using AnSinh.Programs.Reports;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Programs.Records;

public sealed record JobRequest(string? CommuneCode, DateOnly? Date, string? Kind, Guid? PersonId, string? Programme = null, string? Note = null);

/// <summary>A loan; the household by its id, or by its code, which is looked up in the loan's commune only (codes repeat from commune to commune).</summary>
public sealed record LoanRequest(string? CommuneCode, DateOnly? Date, string? Programme, long? Amount, int? TermMonths, string? Purpose, Guid? HouseholdId, Guid? PersonId,
    string? HouseholdCode = null);

public sealed record ProgramRecordView(Guid Id, string Kind, string KindName, string CommuneCode, DateOnly Date, Guid? PersonId, Guid? HouseholdId, string? PersonName,
    string? Programme, string? ProgrammeName, long Amount, int? TermMonths, string? Purpose, DateTime CreatedAt, string CreatedBy);

/// <summary>Jobs created, vocational training, labour export and preferential loans, each linked to a person or household of the register where known.</summary>
public sealed class ProgramRecords(AnSinhDbContext db, ScopeResolver scopes, IndicatorSummaries summaries)
{
    public static bool CanWrite(Role role) => role is Role.Administrator or Role.Officer;

    public static bool CanRead(Role role) => role is not Role.FundBoard;

    private async Task<AdminUnit> CommuneAsync(string? code, DateOnly? date, ValidationErrors errors, CancellationToken ct)
    {
        if (!CanWrite(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ cán bộ xã (hoặc quản trị hệ thống) được ghi sổ theo dõi việc làm, đào tạo, vay vốn.");
        }
        if (date is null)
        {
            errors.Add("date", "Cần ngày.");
        }
        else if (date > db.Today())
        {
            errors.Add("date", $"Ngày {date:dd/MM/yyyy} ở tương lai.");
        }
        else if (date < new DateOnly(2000, 1, 1))
        {
            errors.Add("date", "Ngày phải từ năm 2000.");
        }
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Add("communeCode", "Cần mã xã (phường).");
        }
        errors.ThrowIfAny();
        var commune = await db.FindCommuneAsync(code, date!.Value, ct)
            ?? throw new InputValidationException("communeCode", $"Không có xã (phường) mã \"{code!.Trim()}\" vào ngày {date:dd/MM/yyyy}.");
        var scope = await scopes.CurrentAsync(ct);
        if (!scope.Allows(commune.Id, commune.CurrentProvinceCode))
        {
            await db.AuditDeniedAsync("program_record", null, commune.Code, ct);
            throw new InputValidationException("communeCode", $"{commune.FullName} ngoài địa bàn bạn phụ trách.");
        }
        await ReportLocks.EnsureOpenAsync(db, commune, date.Value, ct);
        return commune;
    }

    private async Task<(Guid? PersonId, Guid? HouseholdId, string? Name)> LinkAsync(Guid? personId, Guid? householdId, AdminUnit commune, CancellationToken ct)
    {
        var scope = await scopes.CurrentAsync(ct);
        if (personId is { } pid)
        {
            var p = await db.Set<Person>().AsNoTracking().Where(x => x.Id == pid).Select(x => new { x.Id, x.HouseholdId, x.FullName, x.CommuneUnitId, x.ProvinceCode }).FirstOrDefaultAsync(ct);
            if (p is null || !scope.Allows(p.CommuneUnitId, p.ProvinceCode))
            {
                throw new InputValidationException("personId", "Không tìm thấy người này trong sổ hộ thuộc phạm vi của bạn.");
            }
            return (p.Id, p.HouseholdId, p.FullName);
        }
        if (householdId is { } hid)
        {
            var h = await db.Set<Household>().AsNoTracking().Where(x => x.Id == hid).Select(x => new { x.Id, x.HeadName, x.CommuneUnitId, x.ProvinceCode }).FirstOrDefaultAsync(ct);
            if (h is null || !scope.Allows(h.CommuneUnitId, h.ProvinceCode))
            {
                throw new InputValidationException("householdId", "Không tìm thấy hộ này trong sổ hộ thuộc phạm vi của bạn.");
            }
            return (null, h.Id, h.HeadName);
        }
        return (null, null, null);
    }

    /// <summary>
    /// A household of the record's commune (and of the communes merged into it) named by its code, in the user's scope,
    /// through the registry's one look-up: a code is unique only within a commune, an ambiguous one is refused.
    /// </summary>
    private async Task<Guid> HouseholdByCodeAsync(string code, AdminUnit commune, CancellationToken ct)
    {
        var scope = await scopes.CurrentAsync(ct);
        var unitIds = await db.AdminUnitLinks.AsNoTracking().Where(l => l.NewUnitId == commune.Id).Select(l => l.OldUnitId).ToListAsync(ct);
        unitIds.Add(commune.Id);
        var household = await db.Set<Household>().AsNoTracking().Where(h => unitIds.Contains(h.CommuneUnitId)).FindByCodeAsync(scope, code, null, null, ct)
            ?? throw new InputValidationException("householdCode", $"Không có hộ mã {code} trong sổ hộ của {commune.FullName}.");
        return household.Id;
    }

    public async Task<ProgramRecordView> AddJobAsync(JobRequest r, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var kind = r.Kind?.Trim().ToLowerInvariant();
        if (kind is null || !ProgramRules.JobKinds.Contains(kind))
        {
            errors.Add("kind", "Loại phải là \"job\" (tạo việc làm), \"training\" (đào tạo nghề) hoặc \"labour_export\" (xuất khẩu lao động).");
        }
        if (r.Programme?.Length > 200 || r.Note?.Length > 500)
        {
            errors.Add("note", "Nội dung ghi chú quá dài (nghề/nơi làm việc tối đa 200, ghi chú tối đa 500 ký tự).");
        }
        var commune = await CommuneAsync(r.CommuneCode, r.Date, errors, ct);
        var (personId, householdId, name) = await LinkAsync(r.PersonId, null, commune, ct);
        return await SaveAsync(new ProgramRecord
        {
            Id = Guid.CreateVersion7(),
            Kind = kind!,
            CommuneUnitId = commune.Id,
            CommuneCode = commune.Code,
            ProvinceCode = commune.CurrentProvinceCode,
            Date = r.Date!.Value,
            PersonId = personId,
            HouseholdId = householdId,
            PersonName = name,
            Programme = string.IsNullOrWhiteSpace(r.Programme) ? null : r.Programme.Trim(),
            Purpose = string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim(),
            CreatedAt = db.Now(),
            CreatedBy = db.Actor.UserName,
        }, ct);
    }

    public async Task<ProgramRecordView> AddLoanAsync(LoanRequest r, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var programme = r.Programme?.Trim().ToLowerInvariant();
        if (ProgramRules.LoanProgrammeName(programme) is null)
        {
            errors.Add("programme", $"Chương trình vay phải là một trong: {string.Join(", ", ProgramRules.LoanProgrammes.Select(p => p.Code))}.");
        }
        if (ProgramRules.CheckLoan(r.Amount, r.TermMonths) is { } problem)
        {
            errors.Add(problem.StartsWith("Thời hạn", StringComparison.Ordinal) ? "termMonths" : "amount", problem);
        }
        var householdCode = string.IsNullOrWhiteSpace(r.HouseholdCode) ? null : r.HouseholdCode.Trim();
        if (r.HouseholdId is null && r.PersonId is null && householdCode is null)
        {
            errors.Add("householdId", "Khoản vay phải gắn với một hộ (householdId hoặc mã hộ) hoặc một người (personId) trong sổ hộ.");
        }
        if (r.Purpose?.Length > 500)
        {
            errors.Add("purpose", "Mục đích vay tối đa 500 ký tự.");
        }
        var commune = await CommuneAsync(r.CommuneCode, r.Date, errors, ct);
        Guid? byCode = r.PersonId is null && r.HouseholdId is null ? await HouseholdByCodeAsync(householdCode!, commune, ct) : null;
        var (personId, householdId, name) = await LinkAsync(r.PersonId, r.HouseholdId ?? byCode, commune, ct);
        return await SaveAsync(new ProgramRecord
        {
            Id = Guid.CreateVersion7(),
            Kind = ProgramRules.Loan,
            CommuneUnitId = commune.Id,
            CommuneCode = commune.Code,
            ProvinceCode = commune.CurrentProvinceCode,
            Date = r.Date!.Value,
            PersonId = personId,
            HouseholdId = householdId,
            PersonName = name,
            Programme = programme,
            Amount = r.Amount!.Value,
            TermMonths = r.TermMonths,
            Purpose = string.IsNullOrWhiteSpace(r.Purpose) ? null : r.Purpose.Trim(),
            CreatedAt = db.Now(),
            CreatedBy = db.Actor.UserName,
        }, ct);
    }

    private async Task<ProgramRecordView> SaveAsync(ProgramRecord record, CancellationToken ct)
    {
        db.Add(record);
        db.Audit($"program.{record.Kind}", "program_record", record.Id.ToString(), record.CommuneCode,
            after: new { record.Kind, record.Date, record.PersonId, record.HouseholdId, record.Programme, record.Amount, record.TermMonths });
        await summaries.MarkDirtyAsync(record.ProvinceCode, record.Date.Year, ct);
        await db.SaveChangesAsync(ct);
        return View(record);
    }

    public async Task<List<ProgramRecordView>> ListAsync(string? communeCode, int? year, string? kind, CancellationToken ct = default)
    {
        if (!CanRead(db.Actor.Role))
        {
            throw new RuleViolationException("Vai trò của bạn không xem sổ theo dõi chương trình.");
        }
        var scope = await scopes.CurrentAsync(ct);
        var q = db.Set<ProgramRecord>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(communeCode))
        {
            var c = communeCode.Trim();
            q = q.Where(r => r.CommuneCode == c);
        }
        if (year is { } y)
        {
            var from = new DateOnly(y, 1, 1);
            var to = new DateOnly(y, 12, 31);
            q = q.Where(r => r.Date >= from && r.Date <= to);
        }
        if (!string.IsNullOrWhiteSpace(kind))
        {
            var k = kind.Trim().ToLowerInvariant();
            q = q.Where(r => r.Kind == k);
        }
        q = scope.Kind switch
        {
            ScopeKind.Nation => q,
            ScopeKind.Province => q.Where(r => r.ProvinceCode == scope.ProvinceCode),
            ScopeKind.Commune => q.Where(r => scope.CommuneIds.Contains(r.CommuneUnitId)),
            _ => q.Where(_ => false),
        };
        return (await q.OrderByDescending(r => r.Date).ThenByDescending(r => r.CreatedAt).Take(500).ToListAsync(ct)).Select(View).ToList();
    }

    private static ProgramRecordView View(ProgramRecord r) => new(r.Id, r.Kind, ProgramRules.KindName(r.Kind), r.CommuneCode, r.Date, r.PersonId, r.HouseholdId, r.PersonName,
        r.Programme, r.Kind == ProgramRules.Loan ? ProgramRules.LoanProgrammeName(r.Programme) : r.Programme, r.Amount, r.TermMonths, r.Purpose, r.CreatedAt, r.CreatedBy);
}
