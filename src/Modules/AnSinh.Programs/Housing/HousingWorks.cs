using AnSinh.Funds.Ledger;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Attachments;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using AnSinh.Programs.Indicators;
using AnSinh.Programs.Reports;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Programs.Housing;

/// <summary>A household is named by its id, or by its code (unique within a commune: give the commune when the code is found in several).</summary>
public sealed record HousingRequest(Guid? HouseholdId, string? HouseholdCode, string? Programme, string? WorkKind, DateOnly? ListedOn, long? EstimatedCost, string? Note, string? CommuneCode = null);

public sealed record StageRequest(string? Stage, DateOnly? Date, string? Note);

public sealed record FundingRequest(string? Source, long? Amount, int? LabourDays, long? FundEntryId, string? Note);

public sealed record VisitRequest(DateOnly? Date, string? VisitedBy, string? Findings);

/// <summary>A funding line; one tied to a fund entry that was since reversed in the fund's books is shown as reversed and no longer counts.</summary>
public sealed record FundingView(long Id, string Source, string SourceName, long Amount, int LabourDays, long? FundEntryId, string? Note, bool Reversed = false);

public sealed record VisitView(long Id, DateOnly Date, string VisitedBy, string Findings, string CreatedBy);

public sealed record HousingView(Guid Id, Guid HouseholdId, string HouseholdCode, string HeadName, string CommuneCode, string Programme, string ProgrammeName, string WorkKind,
    string WorkKindName, string Stage, string StageName, DateOnly ListedOn, DateOnly? ApprovedOn, DateOnly? StartedOn, DateOnly? CompletedOn, DateOnly? HandedOverOn,
    long EstimatedCost, long Funded, int LabourDays, string? Note, IReadOnlyList<FundingView> Funding, IReadOnlyList<VisitView> Visits, IReadOnlyList<AttachmentInfo> Attachments);

public sealed record HousingProgressRow(string Programme, string ProgrammeName, string WorkKind, int Listed, int Approved, int Started, int Completed, int HandedOver, long Funded);

/// <summary>
/// Housing works for households of the register (great-unity houses, gratitude houses, the
/// temporary-house programme): funding sources, stages in order with their dates, photos and the
/// handover minutes, supervision visits; progress by unit and programme.
/// </summary>
public sealed class HousingWorks(AnSinhDbContext db, ScopeResolver scopes, AttachmentStore attachments, IndicatorSummaries summaries)
{
    public const string OwnerType = "housing_work";

    public static bool CanWrite(Role role) => role is Role.Administrator or Role.Officer or Role.FundBoard;

    public static bool CanRead(Role role) => true;

    public async Task<HousingView> CreateAsync(HousingRequest r, CancellationToken ct = default)
    {
        if (!CanWrite(db.Actor.Role))
        {
            throw new RuleViolationException("Vai trò của bạn không được ghi công trình nhà ở.");
        }
        var errors = new ValidationErrors();
        var programme = r.Programme?.Trim().ToLowerInvariant();
        if (programme is null || HousingRules.Programmes.All(p => p.Code != programme))
        {
            errors.Add("programme", $"Chương trình phải là một trong: {string.Join(", ", HousingRules.Programmes.Select(p => p.Code))}.");
        }
        var kind = r.WorkKind?.Trim().ToLowerInvariant();
        if (kind is null || !HousingRules.WorkKinds.Contains(kind))
        {
            errors.Add("workKind", "Loại công trình phải là \"new_build\" (xây mới) hoặc \"repair\" (sửa chữa).");
        }
        var listedOn = r.ListedOn ?? db.Today();
        if (listedOn > db.Today())
        {
            errors.Add("listedOn", $"Ngày lập danh sách {listedOn:dd/MM/yyyy} ở tương lai.");
        }
        if (r.EstimatedCost is < 0 or > 10_000_000_000)
        {
            errors.Add("estimatedCost", "Dự toán phải từ 0 đến 10 tỷ đồng.");
        }
        if (r.HouseholdId is null && string.IsNullOrWhiteSpace(r.HouseholdCode))
        {
            errors.Add("householdId", "Cần hộ trong sổ hộ (householdId hoặc householdCode).");
        }
        errors.ThrowIfAny();
        var scope = await scopes.CurrentAsync(ct);
        var code = r.HouseholdCode?.Trim();
        var household = r.HouseholdId is { } byId
            ? await db.Set<Household>().AsNoTracking().FirstOrDefaultAsync(h => h.Id == byId, ct)
            : await db.Set<Household>().AsNoTracking().FindByCodeAsync(scope, code!, r.CommuneCode, null, ct);
        if (household is null || !scope.Allows(household.CommuneUnitId, household.ProvinceCode))
        {
            throw new InputValidationException("householdId", "Không tìm thấy hộ này trong sổ hộ thuộc phạm vi của bạn.");
        }
        var communeUnit = await db.AdminUnits.AsNoTracking().FirstAsync(u => u.Id == household.CommuneUnitId, ct);
        await ReportLocks.EnsureOpenAsync(db, communeUnit, listedOn, ct);
        if (await db.Set<HousingWork>().AnyAsync(w => w.HouseholdId == household.Id && w.Programme == programme && w.Stage != HousingStage.HandedOver, ct))
        {
            throw new RuleViolationException("Hộ này đã có một công trình cùng chương trình chưa bàn giao.");
        }
        var now = db.Now();
        var work = new HousingWork
        {
            Id = Guid.CreateVersion7(),
            HouseholdId = household.Id,
            HouseholdCode = household.Code,
            HeadName = household.HeadName ?? "",
            CommuneUnitId = household.CommuneUnitId,
            CommuneCode = household.CommuneCode,
            ProvinceCode = communeUnit.CurrentProvinceCode,
            Programme = programme!,
            WorkKind = kind!,
            Stage = HousingStage.Listed,
            ListedOn = listedOn,
            EstimatedCost = r.EstimatedCost ?? 0,
            Note = string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim()[..Math.Min(r.Note.Trim().Length, 1000)],
            CreatedAt = now,
            CreatedBy = db.Actor.UserName,
            ChangedAt = now,
        };
        db.Add(work);
        db.Audit("housing.create", "housing_work", work.Id.ToString(), work.CommuneCode, after: new { work.HouseholdId, work.Programme, work.WorkKind, work.ListedOn, work.EstimatedCost });
        await summaries.MarkDirtyAsync(work.ProvinceCode, listedOn.Year, ct);
        await db.SaveChangesAsync(ct);
        return await GetAsync(work.Id, ct);
    }

    private async Task<HousingWork> FindAsync(Guid id, bool forWrite, CancellationToken ct)
    {
        if (forWrite && !CanWrite(db.Actor.Role))
        {
            throw new RuleViolationException("Vai trò của bạn không được ghi công trình nhà ở.");
        }
        var work = await db.Set<HousingWork>().FirstOrDefaultAsync(w => w.Id == id, ct);
        var scope = await scopes.CurrentAsync(ct);
        if (work is null || !scope.Allows(work.CommuneUnitId, work.ProvinceCode))
        {
            if (work is not null)
            {
                await db.AuditDeniedAsync("housing_work", id.ToString(), work.CommuneCode, ct);
            }
            throw new NotFoundException("Không tìm thấy công trình này trong phạm vi của bạn.");
        }
        return work;
    }

    private static DateOnly StageDate(HousingWork w) => w.Stage switch
    {
        HousingStage.Listed => w.ListedOn,
        HousingStage.Approved => w.ApprovedOn!.Value,
        HousingStage.Started => w.StartedOn!.Value,
        HousingStage.Completed => w.CompletedOn!.Value,
        _ => w.HandedOverOn!.Value,
    };

    public async Task<HousingView> StepAsync(Guid id, StageRequest r, CancellationToken ct = default)
    {
        var work = await FindAsync(id, true, ct);
        var next = HousingRules.ParseStage(r.Stage) ?? throw new InputValidationException("stage", "Bước phải là approved, started, completed hoặc handed_over.");
        var date = r.Date ?? throw new InputValidationException("date", "Cần ngày của bước.");
        if (HousingRules.CheckStep(work.Stage, StageDate(work), next, date, db.Today()) is { } problem)
        {
            throw new RuleViolationException(problem);
        }
        if (next == HousingStage.HandedOver && !await db.Set<Attachment>().AnyAsync(a => a.OwnerType == OwnerType && a.OwnerId == work.Id.ToString() && a.Kind == "handover_minutes", ct))
        {
            throw new RuleViolationException("Cần đính kèm biên bản bàn giao (kind = handover_minutes) trước khi ghi bàn giao.");
        }
        var commune = await db.AdminUnits.AsNoTracking().FirstAsync(u => u.Id == work.CommuneUnitId, ct);
        await ReportLocks.EnsureOpenAsync(db, commune, date, ct);
        var before = new { stage = HousingRules.StageCode(work.Stage) };
        switch (next)
        {
            case HousingStage.Approved: work.ApprovedOn = date; break;
            case HousingStage.Started: work.StartedOn = date; break;
            case HousingStage.Completed: work.CompletedOn = date; break;
            default: work.HandedOverOn = date; break;
        }
        work.Stage = next;
        work.ChangedAt = db.Now();
        db.Audit("housing.stage", "housing_work", work.Id.ToString(), work.CommuneCode, before, new { stage = HousingRules.StageCode(next), date, note = r.Note });
        await summaries.MarkDirtyAsync(work.ProvinceCode, date.Year, ct);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public async Task<HousingView> AddFundingAsync(Guid id, FundingRequest r, CancellationToken ct = default)
    {
        var work = await FindAsync(id, true, ct);
        var errors = new ValidationErrors();
        var source = r.Source?.Trim().ToLowerInvariant();
        if (source is null || HousingRules.Sources.All(s => s.Code != source))
        {
            errors.Add("source", $"Nguồn phải là một trong: {string.Join(", ", HousingRules.Sources.Select(s => s.Code))}.");
        }
        else if (source == "labour_days")
        {
            if (r.LabourDays is null or <= 0 or > 100_000)
            {
                errors.Add("labourDays", "Số ngày công phải từ 1 đến 100.000.");
            }
        }
        else if (r.Amount is null or <= 0 or > 10_000_000_000)
        {
            errors.Add("amount", "Số tiền phải lớn hơn 0 và không quá 10 tỷ đồng.");
        }
        if (source != "fund" && r.FundEntryId is not null)
        {
            errors.Add("fundEntryId", "Chỉ nguồn \"fund\" mới gắn với một khoản chi của quỹ.");
        }
        errors.ThrowIfAny();
        if (source == "fund")
        {
            if (r.FundEntryId is not { } entryId)
            {
                throw new InputValidationException("fundEntryId", "Nguồn quỹ phải gắn với khoản chi của quỹ (fundEntryId, phiếu chi xây/sửa nhà) để mỗi đồng truy được.");
            }
            var entry = await db.Set<JournalEntry>().AsNoTracking().Where(e => e.Id == entryId).Select(e => new { e.Kind, e.Category, e.Amount, e.VoucherNumber }).FirstOrDefaultAsync(ct)
                ?? throw new InputValidationException("fundEntryId", $"Không có khoản chi số {entryId} trong sổ quỹ.");
            if (await db.Set<JournalEntry>().AnyAsync(e => e.ReversesEntryId == entryId, ct))
            {
                throw new RuleViolationException($"Phiếu chi {entry.VoucherNumber} đã bị hủy (bút toán đảo) trong sổ quỹ; không gắn vào công trình được.");
            }
            if (entry.Kind != EntryKind.Spending || entry.Category is not (SpendingCategory.NewHouse or SpendingCategory.HouseRepair))
            {
                throw new InputValidationException("fundEntryId", "Khoản này không phải khoản chi xây mới hoặc sửa chữa nhà của quỹ.");
            }
            var used = await db.Set<HousingFunding>().Where(f => f.FundEntryId == entryId).SumAsync(f => (long?)f.Amount, ct) ?? 0;
            if (used + r.Amount!.Value > Math.Abs(entry.Amount))
            {
                throw new RuleViolationException($"Phiếu chi {entry.VoucherNumber} là {Math.Abs(entry.Amount):N0} đồng, đã gắn {used:N0} đồng; không gắn thêm {r.Amount:N0} đồng được.");
            }
        }
        var funding = new HousingFunding
        {
            WorkId = work.Id,
            Source = source!,
            Amount = source == "labour_days" ? 0 : r.Amount!.Value,
            LabourDays = source == "labour_days" ? r.LabourDays!.Value : 0,
            FundEntryId = r.FundEntryId,
            Note = string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim()[..Math.Min(r.Note.Trim().Length, 500)],
            CreatedAt = db.Now(),
            CreatedBy = db.Actor.UserName,
        };
        db.Add(funding);
        work.ChangedAt = db.Now();
        db.Audit("housing.funding", "housing_work", work.Id.ToString(), work.CommuneCode, after: new { funding.Source, funding.Amount, funding.LabourDays, funding.FundEntryId });
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public async Task<HousingView> AddVisitAsync(Guid id, VisitRequest r, CancellationToken ct = default)
    {
        var work = await FindAsync(id, false, ct);
        if (db.Actor.Role is Role.Viewer)
        {
            throw new RuleViolationException("Vai trò của bạn không được ghi kết quả giám sát.");
        }
        var errors = new ValidationErrors();
        if (r.Date is null || r.Date > db.Today() || r.Date < work.ListedOn)
        {
            errors.Add("date", "Ngày giám sát phải từ ngày lập danh sách đến hôm nay.");
        }
        if (string.IsNullOrWhiteSpace(r.VisitedBy) || r.VisitedBy.Trim().Length > 200)
        {
            errors.Add("visitedBy", "Cần người/đoàn giám sát (tối đa 200 ký tự).");
        }
        if (string.IsNullOrWhiteSpace(r.Findings) || r.Findings.Trim().Length > 2000)
        {
            errors.Add("findings", "Cần kết quả giám sát (tối đa 2000 ký tự).");
        }
        errors.ThrowIfAny();
        var visit = new SupervisionVisit { WorkId = work.Id, Date = r.Date!.Value, VisitedBy = r.VisitedBy!.Trim(), Findings = r.Findings!.Trim(), CreatedAt = db.Now(), CreatedBy = db.Actor.UserName };
        db.Add(visit);
        db.Audit("housing.visit", "housing_work", work.Id.ToString(), work.CommuneCode, after: new { visit.Date, visit.VisitedBy, visit.Findings });
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>A photo (JPEG or PNG) or the handover minutes (PDF or a scan), within the configured size limit.</summary>
    public async Task<AttachmentInfo> AttachAsync(Guid id, string? kind, string? fileName, Stream content, CancellationToken ct = default)
    {
        var work = await FindAsync(id, true, ct);
        var k = kind?.Trim().ToLowerInvariant();
        if (k is not ("photo" or "handover_minutes"))
        {
            throw new InputValidationException("kind", "Loại tệp phải là \"photo\" (ảnh công trình) hoặc \"handover_minutes\" (biên bản bàn giao).");
        }
        // Read at most one byte past the limit: a file that is too large is refused without being held whole in memory.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > attachments.MaxBytes)
            {
                throw new InputValidationException("file", $"Tệp lớn hơn giới hạn {attachments.MaxBytes / 1024 / 1024} MB.");
            }
            buffer.Write(chunk, 0, read);
        }
        var type = AttachmentStore.Sniff(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (k == "photo" && type is not ("image/jpeg" or "image/png"))
        {
            throw new InputValidationException("file", "Ảnh công trình phải là tệp ảnh JPEG hoặc PNG (kiểm tra theo nội dung tệp).");
        }
        buffer.Position = 0;
        var info = await attachments.AddAsync(OwnerType, work.Id.ToString(), k, work.CommuneCode, fileName, buffer, ct);
        db.Audit("housing.attach", "housing_work", work.Id.ToString(), work.CommuneCode, after: new { info.Id, info.Kind, info.FileName, info.Size, info.Sha256 });
        await db.SaveChangesAsync(ct);
        return info;
    }

    public async Task<Attachment> AttachmentAsync(Guid id, Guid attachmentId, CancellationToken ct = default)
    {
        var work = await FindAsync(id, false, ct);
        return await attachments.GetAsync(OwnerType, work.Id.ToString(), attachmentId, ct);
    }

    public async Task<HousingView> GetAsync(Guid id, CancellationToken ct = default)
    {
        var w = await FindAsync(id, false, ct);
        var funding = await db.Set<HousingFunding>().AsNoTracking().Where(f => f.WorkId == id).OrderBy(f => f.Id).ToListAsync(ct);
        var reversed = await ReversedAsync(funding, ct);
        var visits = await db.Set<SupervisionVisit>().AsNoTracking().Where(v => v.WorkId == id).OrderBy(v => v.Date).ThenBy(v => v.Id).ToListAsync(ct);
        var files = await attachments.ListAsync(OwnerType, [id.ToString()], ct);
        return View(w, funding, reversed, visits, files);
    }

    /// <summary>The fund entries among these fundings that a later entry reversed.</summary>
    private async Task<HashSet<long>> ReversedAsync(IEnumerable<HousingFunding> funding, CancellationToken ct)
    {
        var entries = funding.Where(f => f.FundEntryId != null).Select(f => f.FundEntryId!.Value).Distinct().ToList();
        return entries.Count == 0
            ? []
            : (await db.Set<JournalEntry>().AsNoTracking().Where(e => e.ReversesEntryId != null && entries.Contains(e.ReversesEntryId.Value)).Select(e => e.ReversesEntryId!.Value).ToListAsync(ct)).ToHashSet();
    }

    private static HousingView View(HousingWork w, List<HousingFunding> funding, HashSet<long> reversed, List<SupervisionVisit> visits, List<AttachmentInfo> files) => new(
        w.Id, w.HouseholdId, w.HouseholdCode, w.HeadName, w.CommuneCode, w.Programme, HousingRules.ProgrammeName(w.Programme), w.WorkKind, HousingRules.WorkKindName(w.WorkKind),
        HousingRules.StageCode(w.Stage), HousingRules.StageName(w.Stage), w.ListedOn, w.ApprovedOn, w.StartedOn, w.CompletedOn, w.HandedOverOn, w.EstimatedCost,
        funding.Where(f => f.FundEntryId is not { } e || !reversed.Contains(e)).Sum(f => f.Amount), funding.Sum(f => f.LabourDays), w.Note,
        funding.Select(f => new FundingView(f.Id, f.Source, HousingRules.SourceName(f.Source), f.Amount, f.LabourDays, f.FundEntryId, f.Note, f.FundEntryId is { } e && reversed.Contains(e))).ToList(),
        visits.Select(v => new VisitView(v.Id, v.Date, v.VisitedBy, v.Findings, v.CreatedBy)).ToList(), files);

    private async Task<IQueryable<HousingWork>> ScopedAsync(string? unitCode, CancellationToken ct)
    {
        var scope = await scopes.CurrentAsync(ct);
        var q = db.Set<HousingWork>().AsNoTracking();
        q = scope.Kind switch
        {
            ScopeKind.Nation => q,
            ScopeKind.Province => q.Where(w => w.ProvinceCode == scope.ProvinceCode),
            ScopeKind.Commune => q.Where(w => scope.CommuneIds.Contains(w.CommuneUnitId)),
            _ => q.Where(_ => false),
        };
        if (!string.IsNullOrWhiteSpace(unitCode))
        {
            var code = unitCode.Trim();
            q = q.Where(w => w.CommuneCode == code || w.ProvinceCode == code);
        }
        return q;
    }

    public async Task<List<HousingView>> ListAsync(string? unitCode, string? programme, CancellationToken ct = default)
    {
        var q = await ScopedAsync(unitCode, ct);
        if (!string.IsNullOrWhiteSpace(programme))
        {
            var p = programme.Trim().ToLowerInvariant();
            q = q.Where(w => w.Programme == p);
        }
        var works = await q.OrderByDescending(w => w.ChangedAt).Take(500).ToListAsync(ct);
        var ids = works.Select(w => w.Id).ToList();
        var all = await db.Set<HousingFunding>().AsNoTracking().Where(f => ids.Contains(f.WorkId)).ToListAsync(ct);
        var reversed = await ReversedAsync(all, ct);
        var funding = all.ToLookup(f => f.WorkId);
        return works.Select(w => View(w, funding[w.Id].ToList(), reversed, [], [])).ToList();
    }

    /// <summary>Works of the unit by programme and kind: how many are at each stage or past it, and the money raised.</summary>
    public async Task<List<HousingProgressRow>> ProgressAsync(string? unitCode, int? year, CancellationToken ct = default)
    {
        var q = await ScopedAsync(unitCode, ct);
        if (year is { } y)
        {
            var from = new DateOnly(y, 1, 1);
            var to = new DateOnly(y, 12, 31);
            q = q.Where(w => w.ListedOn <= to && (w.HandedOverOn == null || w.HandedOverOn >= from));
        }
        var rows = await q.GroupBy(w => new { w.Programme, w.WorkKind, w.Stage }).Select(g => new { g.Key.Programme, g.Key.WorkKind, g.Key.Stage, Count = g.Count() }).ToListAsync(ct);
        var funded = await (from f in db.Set<HousingFunding>().AsNoTracking()
                            join w in q on f.WorkId equals w.Id
                            where f.FundEntryId == null || !db.Set<JournalEntry>().Any(r => r.ReversesEntryId == f.FundEntryId)
                            group f by new { w.Programme, w.WorkKind } into g
                            select new { g.Key.Programme, g.Key.WorkKind, Amount = g.Sum(x => x.Amount) }).ToListAsync(ct);
        return rows.GroupBy(r => (r.Programme, r.WorkKind)).OrderBy(g => g.Key.Programme).ThenBy(g => g.Key.WorkKind).Select(g =>
        {
            int AtLeast(HousingStage s) => g.Where(x => x.Stage >= s).Sum(x => x.Count);
            return new HousingProgressRow(g.Key.Programme, HousingRules.ProgrammeName(g.Key.Programme), g.Key.WorkKind, AtLeast(HousingStage.Listed), AtLeast(HousingStage.Approved),
                AtLeast(HousingStage.Started), AtLeast(HousingStage.Completed), AtLeast(HousingStage.HandedOver),
                funded.Where(f => f.Programme == g.Key.Programme && f.WorkKind == g.Key.WorkKind).Sum(f => f.Amount));
        }).ToList();
    }
}
