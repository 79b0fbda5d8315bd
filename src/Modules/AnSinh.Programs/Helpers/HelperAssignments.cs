using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using AnSinh.Poverty.Classification;
using AnSinh.Poverty.Rounds;
using AnSinh.Programs.Indicators;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Programs.Helpers;

public sealed record HelperRequest(Guid? HouseholdId, string? HouseholdCode, string? HelperName, string? HelperKind, string? Commitment, DateOnly? From, DateOnly? To);

public sealed record ActivityRequest(DateOnly? Date, string? Done, long? Value);

public sealed record ActivityView(long Id, DateOnly Date, string Done, long Value, string CreatedBy);

public sealed record HelperView(Guid Id, Guid HouseholdId, string HouseholdCode, string HeadName, string CommuneCode, string HelperName, string HelperKind, string Commitment,
    DateOnly From, DateOnly? To, string StatusAtStart, string StatusNow, bool EscapedPoverty, long ValueDone, IReadOnlyList<ActivityView> Activities);

/// <summary>Phân công giúp đỡ hộ nghèo: who helps which poor household, what they promised, what they did, and whether the household escaped poverty (from its status history).</summary>
public sealed class HelperAssignments(AnSinhDbContext db, ScopeResolver scopes, IndicatorSummaries summaries)
{
    public static bool CanWrite(Role role) => role is Role.Administrator or Role.Officer or Role.FundBoard;

    public async Task<HelperView> AssignAsync(HelperRequest r, CancellationToken ct = default)
    {
        if (!CanWrite(db.Actor.Role))
        {
            throw new RuleViolationException("Vai trò của bạn không được phân công giúp đỡ hộ nghèo.");
        }
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(r.HelperName) || r.HelperName.Trim().Length > 200)
        {
            errors.Add("helperName", "Cần tên tổ chức hoặc người giúp đỡ (tối đa 200 ký tự).");
        }
        var kind = r.HelperKind?.Trim().ToLowerInvariant();
        if (kind is not ("organisation" or "person"))
        {
            errors.Add("helperKind", "Loại người giúp đỡ phải là \"organisation\" (tổ chức) hoặc \"person\" (cá nhân).");
        }
        if (string.IsNullOrWhiteSpace(r.Commitment) || r.Commitment.Trim().Length > 1000)
        {
            errors.Add("commitment", "Cần nội dung cam kết giúp đỡ (tối đa 1000 ký tự).");
        }
        var from = r.From ?? db.Today();
        if (from > db.Today())
        {
            errors.Add("from", $"Ngày bắt đầu {from:dd/MM/yyyy} ở tương lai.");
        }
        if (r.To is { } to && to < from)
        {
            errors.Add("to", "Ngày kết thúc trước ngày bắt đầu.");
        }
        if (r.HouseholdId is null && string.IsNullOrWhiteSpace(r.HouseholdCode))
        {
            errors.Add("householdId", "Cần hộ được giúp đỡ (householdId hoặc householdCode).");
        }
        errors.ThrowIfAny();
        var scope = await scopes.CurrentAsync(ct);
        var code = r.HouseholdCode?.Trim();
        var household = await db.Set<Household>().AsNoTracking().FirstOrDefaultAsync(h => r.HouseholdId != null ? h.Id == r.HouseholdId : h.Code == code, ct);
        if (household is null || !scope.Allows(household.CommuneUnitId, household.ProvinceCode))
        {
            throw new InputValidationException("householdId", "Không tìm thấy hộ này trong sổ hộ thuộc phạm vi của bạn.");
        }
        var status = await StatusOnAsync(household.Id, from, ct);
        if (status is not (PovertyClass.Poor or PovertyClass.NearPoor))
        {
            throw new RuleViolationException($"Hộ {household.Code} không phải hộ nghèo hoặc cận nghèo vào ngày {from:dd/MM/yyyy} theo kết quả rà soát đã phê duyệt.");
        }
        var a = new HelperAssignment
        {
            Id = Guid.CreateVersion7(),
            HouseholdId = household.Id,
            HouseholdCode = household.Code,
            HeadName = household.HeadName ?? "",
            CommuneUnitId = household.CommuneUnitId,
            CommuneCode = household.CommuneCode,
            ProvinceCode = household.ProvinceCode,
            HelperName = r.HelperName!.Trim(),
            HelperKind = kind!,
            Commitment = r.Commitment!.Trim(),
            From = from,
            To = r.To,
            CreatedAt = db.Now(),
            CreatedBy = db.Actor.UserName,
        };
        db.Add(a);
        db.Audit("helper.assign", "helper_assignment", a.Id.ToString(), a.CommuneCode, after: new { a.HouseholdId, a.HelperName, a.HelperKind, a.Commitment, a.From, a.To });
        await summaries.MarkDirtyAsync(a.ProvinceCode, from.Year, ct);
        await db.SaveChangesAsync(ct);
        return await GetAsync(a.Id, ct);
    }

    public async Task<HelperView> RecordAsync(Guid id, ActivityRequest r, CancellationToken ct = default)
    {
        if (!CanWrite(db.Actor.Role))
        {
            throw new RuleViolationException("Vai trò của bạn không được ghi kết quả giúp đỡ.");
        }
        var a = await FindAsync(id, ct);
        var errors = new ValidationErrors();
        if (r.Date is null || r.Date < a.From || r.Date > db.Today())
        {
            errors.Add("date", $"Ngày phải từ {a.From:dd/MM/yyyy} đến hôm nay.");
        }
        if (string.IsNullOrWhiteSpace(r.Done) || r.Done.Trim().Length > 1000)
        {
            errors.Add("done", "Cần nội dung đã giúp (tối đa 1000 ký tự).");
        }
        if (r.Value is < 0 or > 10_000_000_000)
        {
            errors.Add("value", "Giá trị phải từ 0 đến 10 tỷ đồng.");
        }
        errors.ThrowIfAny();
        var act = new HelperActivity { AssignmentId = a.Id, Date = r.Date!.Value, Done = r.Done!.Trim(), Value = r.Value ?? 0, CreatedAt = db.Now(), CreatedBy = db.Actor.UserName };
        db.Add(act);
        db.Audit("helper.activity", "helper_assignment", a.Id.ToString(), a.CommuneCode, after: new { act.Date, act.Done, act.Value });
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    private async Task<HelperAssignment> FindAsync(Guid id, CancellationToken ct)
    {
        var a = await db.Set<HelperAssignment>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        var scope = await scopes.CurrentAsync(ct);
        if (a is null || !scope.Allows(a.CommuneUnitId, a.ProvinceCode))
        {
            throw new NotFoundException("Không tìm thấy phân công này trong phạm vi của bạn.");
        }
        return a;
    }

    private async Task<PovertyClass?> StatusOnAsync(Guid householdId, DateOnly date, CancellationToken ct) =>
        await db.Set<PovertyStatus>().AsNoTracking().Where(s => s.HouseholdId == householdId && s.From <= date && (s.To == null || s.To >= date))
            .OrderByDescending(s => s.From).Select(s => (PovertyClass?)s.Status).FirstOrDefaultAsync(ct);

    public async Task<HelperView> GetAsync(Guid id, CancellationToken ct = default) => (await ViewsAsync([await FindAsync(id, ct)], withActivities: true, ct))[0];

    public async Task<List<HelperView>> ListAsync(string? communeCode, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        var q = db.Set<HelperAssignment>().AsNoTracking();
        q = scope.Kind switch
        {
            ScopeKind.Nation => q,
            ScopeKind.Province => q.Where(a => a.ProvinceCode == scope.ProvinceCode),
            ScopeKind.Commune => q.Where(a => scope.CommuneIds.Contains(a.CommuneUnitId)),
            _ => q.Where(_ => false),
        };
        if (!string.IsNullOrWhiteSpace(communeCode))
        {
            var c = communeCode.Trim();
            q = q.Where(a => a.CommuneCode == c);
        }
        return await ViewsAsync(await q.OrderByDescending(a => a.From).Take(500).ToListAsync(ct), withActivities: false, ct);
    }

    private async Task<List<HelperView>> ViewsAsync(List<HelperAssignment> list, bool withActivities, CancellationToken ct)
    {
        var ids = list.Select(a => a.Id).ToList();
        var households = list.Select(a => a.HouseholdId).Distinct().ToList();
        var activities = (await db.Set<HelperActivity>().AsNoTracking().Where(x => ids.Contains(x.AssignmentId)).OrderBy(x => x.Date).ThenBy(x => x.Id).ToListAsync(ct)).ToLookup(x => x.AssignmentId);
        // The status history of every listed household in one query; each assignment picks the periods it needs.
        var history = (await db.Set<PovertyStatus>().AsNoTracking().Where(s => households.Contains(s.HouseholdId))
            .Select(s => new { s.HouseholdId, s.Status, s.From, s.To }).ToListAsync(ct)).ToLookup(s => s.HouseholdId);
        PovertyClass? On(Guid household, DateOnly date) => history[household].Where(s => s.From <= date && (s.To == null || s.To >= date))
            .OrderByDescending(s => s.From).Select(s => (PovertyClass?)s.Status).FirstOrDefault();
        var today = db.Today();
        var result = new List<HelperView>();
        foreach (var a in list)
        {
            var start = On(a.HouseholdId, a.From);
            var now = On(a.HouseholdId, a.To is { } to && to < today ? to : today);
            var escaped = start == PovertyClass.Poor && now is not null and not PovertyClass.Poor;
            var acts = activities[a.Id].ToList();
            result.Add(new HelperView(a.Id, a.HouseholdId, a.HouseholdCode, a.HeadName, a.CommuneCode, a.HelperName, a.HelperKind, a.Commitment, a.From, a.To,
                Name(start), Name(now), escaped, acts.Sum(x => x.Value),
                withActivities ? acts.Select(x => new ActivityView(x.Id, x.Date, x.Done, x.Value, x.CreatedBy)).ToList() : []));
        }
        return result;
    }

    private static string Name(PovertyClass? c) => c switch
    {
        PovertyClass.Poor => "Hộ nghèo",
        PovertyClass.NearPoor => "Hộ cận nghèo",
        PovertyClass.AverageLiving => "Hộ có mức sống trung bình",
        PovertyClass.NotPoor => "Không nghèo",
        _ => "Chưa có kết quả rà soát",
    };
}
