using AnSinh.Benefits.Parameters;
using AnSinh.Benefits.Quotes;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Benefits.Registers;

public sealed record BeneficiaryRequest(Guid? PersonId, string? Scheme, List<string>? Clauses, string? Disability, int? Children, bool? Hiv,
    string? Category, int? Martyrs, int? InjuryPercent, bool? ParticularlySevere, string? DecisionNumber, DateOnly? DecisionDate, DateOnly? EntitledFrom,
    string? NationalId = null, List<string>? MartyrCertificates = null);

public sealed record EndRequest(string? Reason, DateOnly? Date, string? Note);

/// <summary>The end of an entitlement; on a death, the funeral support proposed at the dated rate.</summary>
public sealed record EndResult(Guid Id, DateOnly LastPaidMonth, string Reason, long? FuneralSupport, string? FuneralExplanation);

/// <summary>A beneficiary as the reader may see them: HIV (the field and the HIV clauses), disability and injury shown only to the roles that handle dossiers.</summary>
public sealed record BeneficiaryView(Guid Id, Guid PersonId, string FullName, DateOnly BirthDate, string CommuneCode, string Scheme, string? Clauses,
    string? Disability, bool? Hiv, string? Category, int Martyrs, int? InjuryPercent, string DecisionNumber, DateOnly DecisionDate, DateOnly EntitledFrom,
    DateOnly? EndedOn, long? MonthlyAmount, string? AmountNote, bool SensitiveShown, string? MartyrCertificates = null);

/// <summary>The registers of merit people, social-assistance beneficiaries and social-pension recipients, linked to the household register.</summary>
public sealed class BeneficiaryRegister(AnSinhDbContext db, ScopeResolver scopes, BenefitParameters parameters)
{
    public static bool CanWrite(Role role) => role is Role.Administrator or Role.Officer;

    public static bool SeesSensitive(Role role) => role is Role.Administrator or Role.Officer or Role.Approver;

    public async Task<BeneficiaryView> CreateAsync(BeneficiaryRequest r, CancellationToken ct = default)
    {
        if (!CanWrite(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ cán bộ xã (hoặc quản trị hệ thống) được ghi đối tượng hưởng chế độ.");
        }
        return await RecordAsync(r, ct);
    }

    /// <summary>
    /// Records an entitlement decided elsewhere (the approver's decision on a dossier): the same
    /// checks as <see cref="CreateAsync"/> without its role check, inside the caller's transaction
    /// when there is one.
    /// </summary>
    internal async Task<BeneficiaryView> RecordAsync(BeneficiaryRequest r, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var scheme = BenefitParameters.ParseScheme(r.Scheme);
        if (scheme is null or Scheme.BaseSalary)
        {
            errors.Add("scheme", "Chế độ phải là social_assistance (trợ giúp xã hội), merit (người có công) hoặc social_pension (hưu trí xã hội).");
        }
        if (r.PersonId is null && string.IsNullOrWhiteSpace(r.NationalId))
        {
            errors.Add("personId", "Thiếu người hưởng (mã nhân khẩu hoặc số định danh trong sổ hộ).");
        }
        if (string.IsNullOrWhiteSpace(r.DecisionNumber) || r.DecisionNumber.Length > 60)
        {
            errors.Add("decisionNumber", "Cần số quyết định (tối đa 60 ký tự).");
        }
        if (r.DecisionDate is null)
        {
            errors.Add("decisionDate", "Cần ngày quyết định.");
        }
        else if (r.DecisionDate > db.Today())
        {
            errors.Add("decisionDate", $"Ngày quyết định {r.DecisionDate:dd/MM/yyyy} ở tương lai.");
        }
        var certificates = (r.MartyrCertificates ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (certificates.Count > 0 && (scheme != Scheme.Merit || r.Category?.Trim() != "martyr_relative"))
        {
            errors.Add("martyrCertificates", "Số Bằng Tổ quốc ghi công chỉ ghi cho thân nhân liệt sĩ.");
        }
        else if (certificates.Count > Math.Max(r.Martyrs ?? 0, 0))
        {
            errors.Add("martyrCertificates", $"Ghi {certificates.Count} số Bằng Tổ quốc ghi công nhưng chỉ có {r.Martyrs ?? 0} liệt sĩ.");
        }
        else if (certificates.Any(c => c.Length > 30 || c.Contains(',', StringComparison.Ordinal)))
        {
            errors.Add("martyrCertificates", "Mỗi số Bằng Tổ quốc ghi công tối đa 30 ký tự, không có dấu phẩy.");
        }
        errors.ThrowIfAny();
        var nationalId = r.NationalId?.Trim();
        var person = r.PersonId is { } personId
            ? await db.Set<Person>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct)
            : await db.Set<Person>().AsNoTracking().Where(p => p.NationalId == nationalId && p.Status == PersonStatus.Resident).FirstOrDefaultAsync(ct);
        var scope = await scopes.CurrentAsync(ct);
        if (person is null || !scope.Allows(person.CommuneUnitId, person.ProvinceCode))
        {
            if (person is not null)
            {
                await db.AuditDeniedAsync("person", person.Id.ToString(), person.CommuneCode, ct);
            }
            throw new InputValidationException("personId", "Không tìm thấy người này trong sổ hộ của địa bàn bạn phụ trách.");
        }
        if (person.Status != PersonStatus.Resident)
        {
            throw new InputValidationException("personId", person.Status == PersonStatus.Deceased ? "Người này đã mất." : "Người này đã chuyển đi; việc chi trả do xã nơi đến tiếp nhận.");
        }
        var birth = new DateOnly(person.BirthYear, person.BirthMonth ?? 1, person.BirthDay ?? 1);
        if (r.DecisionDate < birth)
        {
            throw new InputValidationException("decisionDate", "Ngày quyết định trước ngày sinh.");
        }
        var entitledFrom = r.EntitledFrom ?? r.DecisionDate!.Value;
        entitledFrom = new DateOnly(entitledFrom.Year, entitledFrom.Month, 1);
        var beneficiary = new Beneficiary
        {
            Id = Guid.CreateVersion7(),
            PersonId = person.Id,
            HouseholdId = person.HouseholdId,
            CommuneUnitId = person.CommuneUnitId,
            CommuneCode = person.CommuneCode,
            ProvinceCode = person.ProvinceCode,
            FullName = person.FullName,
            BirthDate = birth,
            NationalId = person.NationalId,
            Scheme = scheme!.Value,
            Clauses = scheme == Scheme.SocialAssistance ? string.Join(',', (r.Clauses ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct()) : null,
            Disability = string.IsNullOrWhiteSpace(r.Disability) ? null : r.Disability.Trim(),
            Children = r.Children ?? 0,
            Hiv = r.Hiv ?? false,
            Category = scheme == Scheme.Merit ? r.Category?.Trim() : null,
            Martyrs = r.Martyrs ?? 0,
            MartyrCertificates = certificates.Count > 0 ? string.Join(',', certificates) : null,
            InjuryPercent = r.InjuryPercent,
            ParticularlySevere = r.ParticularlySevere ?? false,
            DecisionNumber = r.DecisionNumber!.Trim(),
            DecisionDate = r.DecisionDate!.Value,
            EntitledFrom = entitledFrom,
            CreatedAt = db.Now(),
            ChangedAt = db.Now(),
            CreatedBy = db.Actor.UserName,
        };
        // The entitlement must be priced by the rules on its first month: a clause that does not exist then, an age outside it… is refused here.
        var set = await parameters.LoadAsync(ct);
        var (amount, note) = Price(beneficiary, entitledFrom, set);
        if (amount is null)
        {
            throw new InputValidationException(scheme == Scheme.Merit ? "category" : "clauses", note!);
        }
        await using var tx = db.Database.CurrentTransaction is null ? await db.BeginWriteAsync(ct) : null;
        if (await db.Set<Beneficiary>().AnyAsync(b => b.PersonId == person.Id && b.Scheme == scheme && b.EndedOn == null, ct))
        {
            throw new RuleViolationException($"{person.FullName} đã đang hưởng chế độ này; hãy chấm dứt quyết định cũ trước khi ghi quyết định mới.");
        }
        if (person.NationalId is { } nid && await db.Set<Beneficiary>().AnyAsync(b => b.NationalId == nid && b.Scheme == scheme && b.EndedOn == null && b.ProvinceCode == person.ProvinceCode, ct))
        {
            throw new RuleViolationException($"Số định danh {nid} đang hưởng chế độ này ở một xã khác trong tỉnh; một người không được chi trả hai nơi.");
        }
        db.Add(beneficiary);
        db.Audit("beneficiary.create", "beneficiary", beneficiary.Id.ToString(), beneficiary.CommuneCode,
            after: new { beneficiary.PersonId, scheme = BenefitParameters.SchemeCode(beneficiary.Scheme), Clauses = SensitiveClauses.Masked(beneficiary.Clauses), beneficiary.Category, beneficiary.DecisionNumber, beneficiary.EntitledFrom });
        await db.SaveChangesAsync(ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }
        return View(beneficiary, amount, note, db.Actor.Role);
    }

    /// <summary>
    /// Ends an entitlement: death, moving to another commune (the receiving commune records its own
    /// decision; the national ID is free again once this one ends), or loss of eligibility. Payment
    /// stops after the month of the event. A death of a social-assistance or social-pension
    /// recipient proposes the funeral support at the dated multiple of the base level.
    /// </summary>
    public async Task<EndResult> EndAsync(Guid id, EndRequest r, CancellationToken ct = default)
    {
        if (!CanWrite(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ cán bộ xã (hoặc quản trị hệ thống) được chấm dứt chế độ.");
        }
        var reason = r.Reason?.Trim().ToLowerInvariant();
        var errors = new ValidationErrors();
        if (reason is not ("death" or "moved" or "ineligible"))
        {
            errors.Add("reason", "Lý do phải là death (qua đời), moved (chuyển đi) hoặc ineligible (không còn đủ điều kiện).");
        }
        if (r.Date is null)
        {
            errors.Add("date", "Cần ngày xảy ra sự việc.");
        }
        else if (r.Date > db.Today())
        {
            errors.Add("date", $"Ngày {r.Date:dd/MM/yyyy} ở tương lai.");
        }
        if (r.Note?.Length > 300)
        {
            errors.Add("note", "Ghi chú dài quá 300 ký tự.");
        }
        errors.ThrowIfAny();
        var b = await db.Set<Beneficiary>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy đối tượng.");
        var scope = await scopes.CurrentAsync(ct);
        if (!scope.Allows(b.CommuneUnitId, b.ProvinceCode))
        {
            await db.AuditDeniedAsync("beneficiary", id.ToString(), b.CommuneCode, ct);
            throw new NotFoundException("Không tìm thấy đối tượng.");
        }
        if (b.EndedOn is not null)
        {
            throw new RuleViolationException($"Chế độ của {b.FullName} đã chấm dứt từ {b.EndedOn:dd/MM/yyyy}.");
        }
        if (r.Date < b.EntitledFrom)
        {
            throw new InputValidationException("date", $"Ngày {r.Date:dd/MM/yyyy} trước tháng bắt đầu hưởng ({b.EntitledFrom:MM/yyyy}); hãy kiểm tra lại quyết định.");
        }
        var date = r.Date!.Value;
        var lastMonth = new DateOnly(date.Year, date.Month, 1);
        b.EndedOn = lastMonth.AddMonths(1).AddDays(-1);
        b.EndReason = reason + (string.IsNullOrWhiteSpace(r.Note) ? "" : ": " + r.Note.Trim());
        b.ChangedAt = db.Now();
        long? funeral = null;
        string? explanation = null;
        if (reason == "death" && b.Scheme is Scheme.SocialAssistance or Scheme.SocialPension)
        {
            var set = await parameters.LoadAsync(ct);
            var level = set.BaseLevelOn(Scheme.SocialAssistance, date, b.ProvinceCode);
            var multiple = set.Coefficients.Where(c => c.Clause == "funeral" && c.ValidFrom <= date && (c.ValidTo is null || c.ValidTo >= date)).OrderByDescending(c => c.ValidFrom).FirstOrDefault();
            if (level is not null && multiple is not null)
            {
                funeral = (long)Math.Round(level.Amount * multiple.Coefficient, MidpointRounding.AwayFromZero);
                explanation = $"Hỗ trợ mai táng đề xuất: {multiple.Coefficient:0.##} × mức chuẩn {level.Amount:N0} = {funeral:N0} đồng ({multiple.Source}; mức tối thiểu).";
            }
        }
        db.Audit("beneficiary.end", "beneficiary", id.ToString(), b.CommuneCode, after: new { reason, date, b.EndedOn, funeral });
        await db.SaveChangesAsync(ct);
        return new EndResult(b.Id, lastMonth, reason!, funeral, explanation);
    }

    /// <summary>The monthly amount of a beneficiary in a month, or why it cannot be priced.</summary>
    public static (long? Amount, string? Note) Price(Beneficiary b, DateOnly month, ParameterSet set)
    {
        try
        {
            return b.Scheme switch
            {
                Scheme.SocialAssistance => (AssistanceCalculator.Quote(new AssistanceInput(month, b.BirthDate, (b.Clauses ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries), b.Disability, b.Children, b.ProvinceCode), set).MonthlyAmount, null),
                Scheme.Merit => (MeritCalculator.Quote(new MeritInput(month, b.Category ?? "", b.Martyrs, b.InjuryPercent, b.ParticularlySevere), set).MonthlyAmount, null),
                _ => PensionAmount(b, month, set),
            };
        }
        catch (QuoteException ex)
        {
            return (null, ex.Message);
        }
    }

    private static (long?, string?) PensionAmount(Beneficiary b, DateOnly month, ParameterSet set)
    {
        var level = set.BaseLevelOn(Scheme.SocialPension, month);
        if (level is null)
        {
            return (null, $"Chưa có mức trợ cấp hưu trí xã hội áp dụng tháng {month:MM/yyyy} (chế độ có từ 01/7/2025).");
        }
        return AssistanceCalculator.AgeOn(b.BirthDate, month) < 70 ? (null, "Trợ cấp hưu trí xã hội dành cho người từ 70 tuổi (từ 75 tuổi nếu không thuộc hộ nghèo, cận nghèo).") : (level.Amount, null);
    }

    public async Task<List<BeneficiaryView>> ListAsync(string? communeCode, string? scheme, DateOnly? month, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        var q = db.Set<Beneficiary>().AsNoTracking().Where(b => b.EndedOn == null);
        q = scope.Kind switch
        {
            ScopeKind.Nation => q,
            ScopeKind.Province => q.Where(b => b.ProvinceCode == scope.ProvinceCode),
            ScopeKind.Commune => q.Where(b => scope.CommuneIds.Contains(b.CommuneUnitId)),
            _ => q.Where(b => false),
        };
        if (!string.IsNullOrWhiteSpace(communeCode))
        {
            var code = communeCode.Trim();
            q = q.Where(b => b.CommuneCode == code);
        }
        if (!string.IsNullOrWhiteSpace(scheme))
        {
            var s = BenefitParameters.ParseScheme(scheme) ?? throw new InputValidationException("scheme", "Chế độ phải là social_assistance, merit hoặc social_pension.");
            q = q.Where(b => b.Scheme == s);
        }
        var rows = await q.OrderBy(b => b.CommuneCode).ThenBy(b => b.FullName).Take(5_000).ToListAsync(ct);
        var set = await parameters.LoadAsync(ct);
        var on = month ?? db.Today();
        on = new DateOnly(on.Year, on.Month, 1);
        db.Audit("beneficiary.list_read", "beneficiary", null, communeCode, after: new { scheme, rows = rows.Count, sensitive = SeesSensitive(db.Actor.Role) });
        await db.SaveChangesAsync(ct);
        return rows.Select(b =>
        {
            var (amount, note) = b.EntitledFrom <= on ? Price(b, on, set) : (null, $"Hưởng từ tháng {b.EntitledFrom:MM/yyyy}.");
            return View(b, amount, note, db.Actor.Role);
        }).ToList();
    }

    public async Task<BeneficiaryView> GetAsync(Guid id, CancellationToken ct = default)
    {
        var b = await db.Set<Beneficiary>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy đối tượng.");
        var scope = await scopes.CurrentAsync(ct);
        if (!scope.Allows(b.CommuneUnitId, b.ProvinceCode))
        {
            await db.AuditDeniedAsync("beneficiary", id.ToString(), b.CommuneCode, ct);
            throw new NotFoundException("Không tìm thấy đối tượng.");
        }
        db.Audit("beneficiary.read", "beneficiary", id.ToString(), b.CommuneCode, after: new { sensitive = SeesSensitive(db.Actor.Role) });
        await db.SaveChangesAsync(ct);
        var month = db.Today();
        var (amount, note) = Price(b, new DateOnly(month.Year, month.Month, 1), await parameters.LoadAsync(ct));
        return View(b, amount, note, db.Actor.Role);
    }

    private static BeneficiaryView View(Beneficiary b, long? amount, string? note, Role role)
    {
        var shown = SeesSensitive(role);
        return new BeneficiaryView(b.Id, b.PersonId, b.FullName, b.BirthDate, b.CommuneCode, BenefitParameters.SchemeCode(b.Scheme), SensitiveClauses.AsSeenBy(b.Clauses, role),
            shown ? b.Disability : null, shown ? b.Hiv : null, b.Category, b.Martyrs, shown ? b.InjuryPercent : null, b.DecisionNumber, b.DecisionDate,
            b.EntitledFrom, b.EndedOn, amount, SensitiveClauses.TextAsSeenBy(note, role), shown, b.MartyrCertificates);
    }
}
