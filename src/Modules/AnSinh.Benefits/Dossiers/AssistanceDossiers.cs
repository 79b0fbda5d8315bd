using AnSinh.Benefits.Parameters;
using AnSinh.Benefits.Registers;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Calendar;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Benefits.Dossiers;

public sealed record DossierRequest(Guid? PersonId, string? NationalId, string? Scheme, List<string>? Clauses, string? Disability, DateOnly? DisabilityCertifiedOn,
    int? Children, bool? Hiv, DateOnly? FiledOn);

public sealed record DossierReviewRequest(bool? Eligible, string? Note, DateOnly? ReviewedOn);

public sealed record DossierPostingRequest(DateOnly? From);

public sealed record DossierComplaintRequest(DateOnly? ReceivedOn, string? Text);

public sealed record DossierAnswerRequest(string? Answer, DateOnly? AnsweredOn);

public sealed record DossierDecisionRequest(bool? Approve, string? DecisionNumber, DateOnly? DecidedOn, string? Reason);

public sealed record DossierComplaintView(long Id, DateOnly ReceivedOn, string Text, DateOnly DueOn, DateOnly? AnsweredOn, string? Answer, bool Late);

public sealed record DossierView(Guid Id, Guid PersonId, string FullName, string CommuneCode, string Scheme, string? Clauses, string? Disability, bool? Hiv, string Status,
    DateOnly FiledOn, DateOnly ReviewDueOn, DateOnly? ReviewedOn, bool ReviewLate, string? ReviewNote, DateOnly? PostedFrom, DateOnly? PostedTo, DateOnly? DecidedOn,
    string? DecisionNumber, string? RejectionReason, Guid? BeneficiaryId, DateOnly? EntitledFrom, IReadOnlyList<DossierComplaintView> Complaints);

/// <summary>A line of the posted list: only what the law allows to be shown (RULES.md §6), never HIV.</summary>
public sealed record PostedDossier(string FullName, string? Village, string Category, DateOnly PostedFrom, DateOnly PostedTo);

/// <summary>
/// The dossier for a monthly social-assistance allowance or the social pension, from filing to the
/// chairperson's decision (Decree 20/2021, Art. 8), each step dated, checked against its deadline
/// and audited; the decision records the beneficiary with the right first month.
/// </summary>
public sealed class AssistanceDossiers(AnSinhDbContext db, ScopeResolver scopes, BenefitParameters parameters, BeneficiaryRegister register)
{
    public static bool CanWrite(Role role) => BeneficiaryRegister.CanWrite(role);

    public static bool CanDecide(Role role) => role is Role.Administrator or Role.Approver;

    public static string StatusCode(DossierStatus s) => s switch
    {
        DossierStatus.Filed => "filed",
        DossierStatus.Reviewed => "reviewed",
        DossierStatus.Posted => "posted",
        DossierStatus.Decided => "decided",
        _ => "rejected",
    };

    private async Task<int> DaysAsync(string code, DateOnly on, CancellationToken ct)
    {
        var rows = (await parameters.LoadAsync(ct)).Coefficients;
        return DossierRules.Days(rows, code, on) ?? throw new InputValidationException("date", $"Chưa có thời hạn thủ tục \"{code}\" áp dụng ngày {on:dd/MM/yyyy}.");
    }

    private DateOnly NotFuture(DateOnly? date, string field, string label)
    {
        if (date is not { } d)
        {
            throw new InputValidationException(field, $"Cần {label}.");
        }
        if (d > db.Today())
        {
            throw new InputValidationException(field, $"{char.ToUpperInvariant(label[0])}{label[1..]} {d:dd/MM/yyyy} ở tương lai.");
        }
        return d;
    }

    public async Task<DossierView> FileAsync(DossierRequest r, CancellationToken ct = default)
    {
        if (!CanWrite(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ cán bộ xã (hoặc quản trị hệ thống) được tiếp nhận hồ sơ.");
        }
        var scheme = r.Scheme?.Trim().ToLowerInvariant();
        if (scheme is not ("social_assistance" or "social_pension"))
        {
            throw new InputValidationException("scheme", "Hồ sơ là social_assistance (trợ cấp xã hội hằng tháng) hoặc social_pension (trợ cấp hưu trí xã hội).");
        }
        var filed = NotFuture(r.FiledOn ?? db.Today(), "filedOn", "ngày nộp hồ sơ");
        if (r.PersonId is null && string.IsNullOrWhiteSpace(r.NationalId))
        {
            throw new InputValidationException("personId", "Thiếu người đề nghị (mã nhân khẩu hoặc số định danh trong sổ hộ).");
        }
        var nationalId = r.NationalId?.Trim();
        var person = r.PersonId is { } personId
            ? await db.Set<Person>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct)
            : await db.Set<Person>().AsNoTracking().FirstOrDefaultAsync(p => p.NationalId == nationalId && p.Status == PersonStatus.Resident, ct);
        var scope = await scopes.CurrentAsync(ct);
        if (person is null || !scope.Allows(person.CommuneUnitId, person.ProvinceCode))
        {
            throw new InputValidationException("personId", "Không tìm thấy người này trong sổ hộ của địa bàn bạn phụ trách.");
        }
        if (person.Status != PersonStatus.Resident)
        {
            throw new InputValidationException("personId", "Người này không còn cư trú trong sổ hộ của xã.");
        }
        var clauses = scheme == "social_assistance" ? string.Join(',', (r.Clauses ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct()) : null;
        if (scheme == "social_assistance" && string.IsNullOrEmpty(clauses))
        {
            throw new InputValidationException("clauses", "Cần ít nhất một khoản của Điều 5 Nghị định 20/2021/NĐ-CP.");
        }
        if (r.DisabilityCertifiedOn is { } cert && cert > filed)
        {
            throw new InputValidationException("disabilityCertifiedOn", "Ngày xác định mức độ khuyết tật sau ngày nộp hồ sơ.");
        }
        var birth = new DateOnly(person.BirthYear, person.BirthMonth ?? 1, person.BirthDay ?? 1);
        // Priced by the rules of the month of filing: a clause that does not exist then, an age outside it, a missing disability level… is refused now.
        var probe = Probe(person, birth, scheme, clauses, r.Disability, r.Children ?? 0, r.Hiv ?? false);
        var (amount, note) = BeneficiaryRegister.Price(probe, DossierRules.Month(filed), await parameters.LoadAsync(ct));
        if (amount is null)
        {
            throw new InputValidationException("clauses", note!);
        }
        if (await db.Set<AssistanceDossier>().AnyAsync(d => d.PersonId == person.Id && d.Scheme == scheme && d.Status != DossierStatus.Decided && d.Status != DossierStatus.Rejected, ct))
        {
            throw new RuleViolationException($"{person.FullName} đã có hồ sơ {scheme} đang xử lý.");
        }
        var village = await db.Set<Household>().Where(h => h.Id == person.HouseholdId).Select(h => h.VillageName).FirstOrDefaultAsync(ct);
        var dossier = new AssistanceDossier
        {
            Id = Guid.CreateVersion7(),
            PersonId = person.Id,
            CommuneUnitId = person.CommuneUnitId,
            CommuneCode = person.CommuneCode,
            ProvinceCode = person.ProvinceCode,
            FullName = person.FullName,
            VillageName = village,
            Scheme = scheme,
            Clauses = clauses,
            Disability = string.IsNullOrWhiteSpace(r.Disability) ? null : r.Disability.Trim(),
            DisabilityCertifiedOn = r.DisabilityCertifiedOn,
            Children = r.Children ?? 0,
            Hiv = r.Hiv ?? false,
            Status = DossierStatus.Filed,
            FiledOn = filed,
            ReviewDueOn = (await db.WorkCalendarAsync(ct)).AddWorkingDays(filed.AddDays(1), await DaysAsync("dossier_review_days", filed, ct)),
            CreatedAt = db.Now(),
            CreatedBy = db.Actor.UserName,
        };
        db.Add(dossier);
        db.Audit("dossier.file", "dossier", dossier.Id.ToString(), dossier.CommuneCode, after: new { dossier.PersonId, dossier.Scheme, Clauses = SensitiveClauses.Masked(dossier.Clauses), dossier.FiledOn, dossier.ReviewDueOn });
        await db.SaveChangesAsync(ct);
        return View(dossier, []);
    }

    private static Beneficiary Probe(Person person, DateOnly birth, string scheme, string? clauses, string? disability, int children, bool hiv) => new()
    {
        PersonId = person.Id,
        HouseholdId = person.HouseholdId,
        CommuneUnitId = person.CommuneUnitId,
        CommuneCode = person.CommuneCode,
        ProvinceCode = person.ProvinceCode,
        FullName = person.FullName,
        BirthDate = birth,
        Scheme = scheme == "social_pension" ? Scheme.SocialPension : Scheme.SocialAssistance,
        Clauses = clauses,
        Disability = string.IsNullOrWhiteSpace(disability) ? null : disability.Trim(),
        Children = children,
        Hiv = hiv,
        DecisionNumber = "",
        CreatedBy = "",
    };

    private DossierView View(AssistanceDossier d, IEnumerable<DossierComplaint> complaints)
    {
        var sensitive = BeneficiaryRegister.SeesSensitive(db.Actor.Role);
        var today = db.Today();
        return new DossierView(d.Id, d.PersonId, d.FullName, d.CommuneCode, d.Scheme, SensitiveClauses.AsSeenBy(d.Clauses, db.Actor.Role),
            sensitive ? d.Disability : null, sensitive ? d.Hiv : null, StatusCode(d.Status), d.FiledOn, d.ReviewDueOn, d.ReviewedOn,
            (d.ReviewedOn ?? today) > d.ReviewDueOn && (d.ReviewedOn is not null || d.Status == DossierStatus.Filed), d.ReviewNote, d.PostedFrom, d.PostedTo, d.DecidedOn,
            d.DecisionNumber, d.RejectionReason, d.BeneficiaryId, d.EntitledFrom,
            complaints.OrderBy(c => c.ReceivedOn).ThenBy(c => c.Id)
                .Select(c => new DossierComplaintView(c.Id, c.ReceivedOn, c.Text, c.DueOn, c.AnsweredOn, c.Answer, (c.AnsweredOn ?? today) > c.DueOn)).ToList());
    }

    private async Task<AssistanceDossier> FindAsync(Guid id, CancellationToken ct)
    {
        var d = await db.Set<AssistanceDossier>().FirstOrDefaultAsync(x => x.Id == id, ct);
        var scope = await scopes.CurrentAsync(ct);
        if (d is null || !scope.Allows(d.CommuneUnitId, d.ProvinceCode) || db.Actor.Role == Role.Viewer)
        {
            if (d is not null)
            {
                await db.AuditDeniedAsync("dossier", id.ToString(), d.CommuneCode, ct);
            }
            throw new NotFoundException("Không tìm thấy hồ sơ này trong phạm vi của bạn.");
        }
        return d;
    }

    public async Task<DossierView> GetAsync(Guid id, CancellationToken ct = default)
    {
        var d = await FindAsync(id, ct);
        var complaints = await db.Set<DossierComplaint>().AsNoTracking().Where(c => c.DossierId == id).ToListAsync(ct);
        db.Audit("dossier.read", "dossier", id.ToString(), d.CommuneCode, after: new { sensitive = BeneficiaryRegister.SeesSensitive(db.Actor.Role) });
        await db.SaveChangesAsync(ct);
        return View(d, complaints);
    }

    public async Task<List<DossierView>> ListAsync(string? communeCode, CancellationToken ct = default)
    {
        if (db.Actor.Role == Role.Viewer)
        {
            throw new RuleViolationException("Vai trò của bạn không được xem hồ sơ trợ giúp xã hội.");
        }
        var scope = await scopes.CurrentAsync(ct);
        var q = db.Set<AssistanceDossier>().AsNoTracking();
        q = scope.Kind switch
        {
            ScopeKind.Nation => q,
            ScopeKind.Province => q.Where(d => d.ProvinceCode == scope.ProvinceCode),
            ScopeKind.Commune => q.Where(d => scope.CommuneIds.Contains(d.CommuneUnitId)),
            _ => q.Where(d => false),
        };
        if (!string.IsNullOrWhiteSpace(communeCode))
        {
            var code = communeCode.Trim();
            q = q.Where(d => d.CommuneCode == code);
        }
        var rows = await q.OrderByDescending(d => d.FiledOn).ThenBy(d => d.FullName).Take(500).ToListAsync(ct);
        db.Audit("dossier.list_read", "dossier", null, communeCode, after: new { rows = rows.Count });
        await db.SaveChangesAsync(ct);
        return rows.Select(d => View(d, [])).ToList();
    }

    public async Task<DossierView> ReviewAsync(Guid id, DossierReviewRequest r, CancellationToken ct = default)
    {
        if (!CanWrite(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ cán bộ xã được xem xét hồ sơ.");
        }
        var d = await FindAsync(id, ct);
        if (d.Status != DossierStatus.Filed)
        {
            throw new RuleViolationException($"Hồ sơ đang ở bước \"{StatusCode(d.Status)}\"; chỉ xem xét hồ sơ vừa nộp.");
        }
        var on = NotFuture(r.ReviewedOn ?? db.Today(), "reviewedOn", "ngày xem xét");
        if (on < d.FiledOn)
        {
            throw new InputValidationException("reviewedOn", "Ngày xem xét trước ngày nộp hồ sơ.");
        }
        if (r.Eligible is null)
        {
            throw new InputValidationException("eligible", "Cần kết luận: đủ (true) hoặc không đủ (false) điều kiện.");
        }
        if (r.Eligible == false && string.IsNullOrWhiteSpace(r.Note))
        {
            throw new InputValidationException("note", "Hồ sơ không đủ điều kiện cần nêu lý do để trả lời người nộp.");
        }
        d.ReviewedOn = on;
        d.ReviewNote = r.Note?.Trim() is { Length: > 0 } note ? note[..Math.Min(note.Length, 500)] : null;
        d.Status = r.Eligible == true ? DossierStatus.Reviewed : DossierStatus.Rejected;
        d.RejectionReason = r.Eligible == true ? null : d.ReviewNote;
        d.Version++;
        db.Audit("dossier.review", "dossier", id.ToString(), d.CommuneCode, after: new { d.ReviewedOn, r.Eligible, late = on > d.ReviewDueOn });
        await db.SaveChangesAsync(ct);
        return View(d, []);
    }

    public async Task<DossierView> PostAsync(Guid id, DossierPostingRequest r, CancellationToken ct = default)
    {
        if (!CanWrite(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ cán bộ xã được niêm yết hồ sơ.");
        }
        var d = await FindAsync(id, ct);
        if (d.Status != DossierStatus.Reviewed)
        {
            throw new RuleViolationException("Chỉ niêm yết hồ sơ đã được xem xét và đủ điều kiện.");
        }
        var from = r.From ?? db.Today();
        if (from < d.ReviewedOn)
        {
            throw new InputValidationException("from", "Ngày niêm yết trước ngày xem xét hồ sơ.");
        }
        if (from > db.Today().AddDays(7))
        {
            throw new InputValidationException("from", "Ngày bắt đầu niêm yết quá xa (tối đa 7 ngày tới).");
        }
        d.PostedFrom = from;
        d.PostedTo = (await db.WorkCalendarAsync(ct)).AddWorkingDays(from, await DaysAsync("dossier_posting_days", from, ct));
        d.Status = DossierStatus.Posted;
        d.Version++;
        db.Audit("dossier.post", "dossier", id.ToString(), d.CommuneCode, after: new { d.PostedFrom, d.PostedTo });
        await db.SaveChangesAsync(ct);
        return View(d, []);
    }

    /// <summary>The list posted at the commune office: the dossiers being posted, masked (no HIV, no ID, no health detail).</summary>
    public async Task<List<PostedDossier>> PostedAsync(string? communeCode, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(communeCode))
        {
            throw new InputValidationException("communeCode", "Cần mã xã.");
        }
        var code = communeCode.Trim();
        var scope = await scopes.CurrentAsync(ct);
        var rows = await db.Set<AssistanceDossier>().AsNoTracking().Where(d => d.CommuneCode == code && d.Status == DossierStatus.Posted).OrderBy(d => d.FullName).ToListAsync(ct);
        return rows.Where(d => scope.Allows(d.CommuneUnitId, d.ProvinceCode))
            .Select(d => new PostedDossier(d.FullName, d.VillageName, DossierRules.PostedCategory(d.Scheme, d.Clauses, d.Hiv), d.PostedFrom!.Value, d.PostedTo!.Value)).ToList();
    }

    public async Task<DossierView> ComplainAsync(Guid id, DossierComplaintRequest r, CancellationToken ct = default)
    {
        if (!CanWrite(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ cán bộ xã được ghi khiếu nại.");
        }
        var d = await FindAsync(id, ct);
        if (d.Status != DossierStatus.Posted)
        {
            throw new RuleViolationException("Chỉ ghi khiếu nại về hồ sơ đang niêm yết, chưa quyết định.");
        }
        var on = NotFuture(r.ReceivedOn ?? db.Today(), "receivedOn", "ngày nhận khiếu nại");
        if (on < d.PostedFrom)
        {
            throw new InputValidationException("receivedOn", "Ngày nhận khiếu nại trước ngày niêm yết.");
        }
        if (string.IsNullOrWhiteSpace(r.Text) || r.Text.Length > 1000)
        {
            throw new InputValidationException("text", "Cần nội dung khiếu nại (tối đa 1.000 ký tự).");
        }
        var complaint = new DossierComplaint
        {
            DossierId = id,
            ReceivedOn = on,
            Text = r.Text.Trim(),
            DueOn = (await db.WorkCalendarAsync(ct)).AddWorkingDays(on.AddDays(1), await DaysAsync("dossier_complaint_days", on, ct)),
        };
        db.Add(complaint);
        db.Audit("dossier.complaint", "dossier", id.ToString(), d.CommuneCode, after: new { complaint.ReceivedOn, complaint.DueOn });
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public async Task<DossierView> AnswerAsync(Guid id, long complaintId, DossierAnswerRequest r, CancellationToken ct = default)
    {
        if (!CanWrite(db.Actor.Role) && !CanDecide(db.Actor.Role))
        {
            throw new RuleViolationException("Vai trò của bạn không được trả lời khiếu nại.");
        }
        var d = await FindAsync(id, ct);
        var c = await db.Set<DossierComplaint>().FirstOrDefaultAsync(x => x.Id == complaintId && x.DossierId == id, ct) ?? throw new NotFoundException("Không tìm thấy khiếu nại này.");
        if (c.AnsweredOn is not null)
        {
            throw new RuleViolationException($"Khiếu nại đã được trả lời ngày {c.AnsweredOn:dd/MM/yyyy}.");
        }
        var on = NotFuture(r.AnsweredOn ?? db.Today(), "answeredOn", "ngày trả lời");
        if (on < c.ReceivedOn)
        {
            throw new InputValidationException("answeredOn", "Ngày trả lời trước ngày nhận khiếu nại.");
        }
        if (string.IsNullOrWhiteSpace(r.Answer) || r.Answer.Length > 1000)
        {
            throw new InputValidationException("answer", "Cần nội dung trả lời (tối đa 1.000 ký tự).");
        }
        c.AnsweredOn = on;
        c.Answer = r.Answer.Trim();
        db.Audit("dossier.complaint_answer", "dossier", id.ToString(), d.CommuneCode, after: new { complaintId, on, late = on > c.DueOn });
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>The chairperson's decision: after the posting period, with every complaint answered. Approval records the beneficiary from the right month.</summary>
    public async Task<DossierView> DecideAsync(Guid id, DossierDecisionRequest r, CancellationToken ct = default)
    {
        if (!CanDecide(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ người phê duyệt (Chủ tịch UBND xã) được quyết định hồ sơ.");
        }
        var d = await FindAsync(id, ct);
        if (d.Status != DossierStatus.Posted)
        {
            throw new RuleViolationException(d.Status is DossierStatus.Decided or DossierStatus.Rejected
                ? "Hồ sơ đã được quyết định."
                : "Hồ sơ chưa được niêm yết công khai; chưa quyết định được.");
        }
        if (r.Approve is null)
        {
            throw new InputValidationException("approve", "Cần quyết định: hưởng (true) hoặc không (false).");
        }
        var on = NotFuture(r.DecidedOn ?? db.Today(), "decidedOn", "ngày quyết định");
        if (on <= d.PostedTo)
        {
            throw new RuleViolationException($"Thời gian niêm yết đến hết ngày {d.PostedTo:dd/MM/yyyy}; quyết định từ ngày sau đó.");
        }
        var open = await db.Set<DossierComplaint>().Where(c => c.DossierId == id && c.AnsweredOn == null).Select(c => c.ReceivedOn).ToListAsync(ct);
        if (open.Count > 0)
        {
            throw new RuleViolationException($"Còn {open.Count} khiếu nại chưa trả lời (nhận ngày {string.Join(", ", open.Select(x => x.ToString("dd/MM/yyyy")))}); trả lời trước khi quyết định.");
        }
        if (string.IsNullOrWhiteSpace(r.DecisionNumber) || r.DecisionNumber.Trim().Length > 60)
        {
            throw new InputValidationException("decisionNumber", "Cần số quyết định (tối đa 60 ký tự).");
        }
        if (r.Approve == false && string.IsNullOrWhiteSpace(r.Reason))
        {
            throw new InputValidationException("reason", "Quyết định không hưởng cần nêu lý do.");
        }
        await using var tx = await db.BeginWriteAsync(ct);
        if (r.Approve == true)
        {
            var set = await parameters.LoadAsync(ct);
            var person = await db.Set<Person>().AsNoTracking().FirstAsync(p => p.Id == d.PersonId, ct);
            var probe = Probe(person, new DateOnly(person.BirthYear, person.BirthMonth ?? 1, person.BirthDay ?? 1), d.Scheme, d.Clauses, d.Disability, d.Children, d.Hiv);
            var from = DossierRules.EntitledFrom(d.Clauses, d.FiledOn, d.DisabilityCertifiedOn, on, m => BeneficiaryRegister.Price(probe, m, set).Amount is not null);
            var beneficiary = await register.RecordAsync(new BeneficiaryRequest(d.PersonId, d.Scheme, d.Clauses?.Split(',').ToList(), d.Disability, d.Children, d.Hiv,
                null, null, null, null, r.DecisionNumber.Trim(), on, from), ct);
            d.Status = DossierStatus.Decided;
            d.BeneficiaryId = beneficiary.Id;
            d.EntitledFrom = from;
        }
        else
        {
            d.Status = DossierStatus.Rejected;
            d.RejectionReason = r.Reason!.Trim()[..Math.Min(r.Reason.Trim().Length, 500)];
        }
        d.DecidedOn = on;
        d.DecisionNumber = r.DecisionNumber.Trim();
        d.Version++;
        db.Audit("dossier.decide", "dossier", id.ToString(), d.CommuneCode, after: new { d.DecisionNumber, d.DecidedOn, r.Approve, d.EntitledFrom, d.BeneficiaryId });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(id, ct);
    }
}
