using AnSinh.Benefits.Parameters;
using AnSinh.Funds.Funds;
using AnSinh.Funds.Ledger;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Reporting;
using AnSinh.Platform.Scoping;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Benefits.Relief;

public sealed record ReliefEventRequest(string? Kind, string? Name, DateOnly? OccurredOn, List<string>? CommuneCodes);

/// <summary>The household by id, or by its code (unique within a commune: give the commune when the event covers several with that code).</summary>
public sealed record ReliefCaseRequest(Guid? HouseholdId, int? RiceMonths, int? Injured, int? Deaths, string? HouseDamage, string? HouseholdCode = null, string? CommuneCode = null);

public sealed record ReliefDecisionRequest(string? DecisionNumber, DateOnly? DecidedOn);

public sealed record ReliefCaseView(Guid Id, Guid HouseholdId, string CommuneCode, string HeadName, int People, int RiceMonths, decimal RiceKg, int Injured, int Deaths,
    string HouseDamage, long Cash, string Explanation, string Status, DateTime ProposedAt, DateOnly DecideBy, DateOnly? DecidedOn, string? DecisionNumber, bool Late,
    string? PaidVoucher = null, DateOnly? PaidOn = null);

/// <summary>Pays the cash of decided cases from a fund: all the unpaid ones in the fund's area, or those named.</summary>
public sealed record ReliefFundPaymentRequest(Guid? FundId, DateOnly? Date, string? Channel = null, List<Guid>? CaseIds = null, string? ApprovedBy = null, string? VoucherNumber = null);

public sealed record ReliefFundPaymentView(Guid EventId, Guid FundId, long EntryId, string? VoucherNumber, DateOnly Date, int Cases, long Amount, long FundBalance, bool Replayed);

public sealed record ReliefEventView(Guid Id, string Kind, string KindName, string Name, DateOnly OccurredOn, string ProvinceCode, IReadOnlyList<string> CommuneCodes,
    int Households, int People, decimal RiceKg, long Cash, int Decided, DateTime CreatedAt, string CreatedBy, long PaidFromFunds = 0);

/// <summary>
/// Emergency relief: an event over an area of communes, the affected households of the register
/// with what the dated rules give them (rice, cash), decided by the commune chairperson within
/// <see cref="DecisionDays"/> days, every step audited.
/// </summary>
public sealed class EmergencyRelief(AnSinhDbContext db, ScopeResolver scopes, BenefitParameters parameters, FundLedger ledger, IPeriodLock locks)
{
    /// <summary>Urgent cases are decided within 2 days of the proposal (Decree 20/2021, Chapter III).</summary>
    public const int DecisionDays = 2;

    public static bool CanWrite(Role role) => role is Role.Administrator or Role.Officer;

    public static bool CanDecide(Role role) => role is Role.Administrator or Role.Approver;

    /// <summary>The fund board reads the cases it pays from a fund.</summary>
    public static bool CanRead(Role role) => role is Role.Administrator or Role.Officer or Role.Approver or Role.Inspector or Role.FundBoard;

    /// <summary>Payments that still stand: their fund entry has not been reversed.</summary>
    private IQueryable<ReliefPayment> ActivePayments() =>
        db.Set<ReliefPayment>().Where(p => !db.Set<JournalEntry>().Any(r => r.ReversesEntryId == p.FundEntryId));

    public async Task<ReliefEventView> CreateEventAsync(ReliefEventRequest r, CancellationToken ct = default)
    {
        if (!CanWrite(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ cán bộ xã (hoặc quản trị hệ thống) được ghi sự kiện cần trợ giúp khẩn cấp.");
        }
        var errors = new ValidationErrors();
        var kind = r.Kind?.Trim().ToLowerInvariant();
        if (kind is null || !ReliefRules.Kinds.Contains(kind))
        {
            errors.Add("kind", $"Loại sự kiện phải là một trong: {string.Join(", ", ReliefRules.Kinds)}.");
        }
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Trim().Length > 200)
        {
            errors.Add("name", "Cần tên sự kiện (tối đa 200 ký tự), ví dụ \"Bão số 3 (Yagi)\".");
        }
        if (r.OccurredOn is null)
        {
            errors.Add("occurredOn", "Cần ngày xảy ra.");
        }
        else if (r.OccurredOn > db.Today())
        {
            errors.Add("occurredOn", $"Ngày {r.OccurredOn:dd/MM/yyyy} ở tương lai.");
        }
        else if (r.OccurredOn < new DateOnly(2021, 7, 1))
        {
            errors.Add("occurredOn", "Ngày xảy ra phải từ 01/7/2021 (Nghị định 20/2021/NĐ-CP).");
        }
        var codes = (r.CommuneCodes ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count == 0)
        {
            errors.Add("communeCodes", "Cần ít nhất một xã bị ảnh hưởng.");
        }
        errors.ThrowIfAny();
        var today = db.Today();
        var units = await db.AdminUnits.AsNoTracking().ValidOn(today).Where(u => u.Level == AdminLevel.Commune && codes.Contains(u.Code)).ToListAsync(ct);
        var missing = codes.Except(units.Select(u => u.Code), StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new InputValidationException("communeCodes", $"Không có xã (phường) mã {string.Join(", ", missing)} trong danh mục hiện hành.");
        }
        if (units.Select(u => u.ProvinceCode).Distinct().Count() > 1)
        {
            throw new InputValidationException("communeCodes", "Các xã của một sự kiện phải cùng một tỉnh; mỗi tỉnh ghi sự kiện riêng.");
        }
        var scope = await scopes.CurrentAsync(ct);
        var outside = units.Where(u => !scope.Allows(u.Id, u.ProvinceCode)).Select(u => u.Code).ToList();
        if (outside.Count > 0)
        {
            await db.AuditDeniedAsync("relief_event", null, outside[0], ct);
            throw new InputValidationException("communeCodes", $"Xã {string.Join(", ", outside)} ngoài địa bàn bạn phụ trách.");
        }
        var e = new ReliefEvent
        {
            Id = Guid.CreateVersion7(),
            ProvinceCode = units[0].ProvinceCode,
            Kind = kind!,
            Name = r.Name!.Trim(),
            OccurredOn = r.OccurredOn!.Value,
            AreaCodes = string.Join(',', units.Select(u => u.Code).Order(StringComparer.Ordinal)),
            CreatedAt = db.Now(),
            CreatedBy = db.Actor.UserName,
        };
        db.Add(e);
        db.Audit("relief.event_create", "relief_event", e.Id.ToString(), units[0].Code, after: new { e.Kind, e.Name, e.OccurredOn, e.AreaCodes });
        await db.SaveChangesAsync(ct);
        return await ViewAsync(e, ct);
    }

    private async Task<ReliefEventView> ViewAsync(ReliefEvent e, CancellationToken ct)
    {
        var cases = await db.Set<ReliefCase>().AsNoTracking().Where(c => c.EventId == e.Id).Select(c => new { c.People, c.RiceKg, c.Cash, c.Status }).ToListAsync(ct);
        var paid = await ActivePayments().AsNoTracking().Where(p => p.EventId == e.Id).SumAsync(p => (long?)p.Amount, ct) ?? 0;
        return new ReliefEventView(e.Id, e.Kind, ReliefRules.KindName(e.Kind), e.Name, e.OccurredOn, e.ProvinceCode, e.AreaCodes.Split(','), cases.Count, cases.Sum(c => c.People),
            cases.Sum(c => c.RiceKg), cases.Sum(c => c.Cash), cases.Count(c => c.Status == ReliefStatus.Decided), e.CreatedAt, e.CreatedBy, paid);
    }

    private async Task<ReliefEvent> FindEventAsync(Guid id, CancellationToken ct)
    {
        if (!CanRead(db.Actor.Role))
        {
            throw new RuleViolationException("Vai trò của bạn không được xem hồ sơ trợ giúp khẩn cấp.");
        }
        var e = await db.Set<ReliefEvent>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        var scope = await scopes.CurrentAsync(ct);
        if (e is null || !await InScopeAsync(e, scope, ct))
        {
            if (e is not null)
            {
                await db.AuditDeniedAsync("relief_event", id.ToString(), null, ct);
            }
            throw new NotFoundException("Không tìm thấy sự kiện này trong phạm vi của bạn.");
        }
        return e;
    }

    private async Task<bool> InScopeAsync(ReliefEvent e, UserScope scope, CancellationToken ct)
    {
        if (scope.Kind == ScopeKind.Nation || (scope.Kind == ScopeKind.Province && scope.ProvinceCode == e.ProvinceCode))
        {
            return true;
        }
        var codes = e.AreaCodes.Split(',');
        var ids = await db.AdminUnits.AsNoTracking().ValidOn(db.Today()).Where(u => u.Level == AdminLevel.Commune && codes.Contains(u.Code)).Select(u => u.Id).ToListAsync(ct);
        return ids.Any(id => scope.Allows(id, e.ProvinceCode));
    }

    public async Task<List<ReliefEventView>> ListAsync(CancellationToken ct = default)
    {
        if (!CanRead(db.Actor.Role))
        {
            throw new RuleViolationException("Vai trò của bạn không được xem hồ sơ trợ giúp khẩn cấp.");
        }
        var scope = await scopes.CurrentAsync(ct);
        var q = db.Set<ReliefEvent>().AsNoTracking();
        if (scope.Kind is ScopeKind.Province or ScopeKind.Commune)
        {
            q = q.Where(e => e.ProvinceCode == scope.ProvinceCode);
        }
        else if (scope.Kind == ScopeKind.Nothing)
        {
            return [];
        }
        var result = new List<ReliefEventView>();
        foreach (var e in await q.OrderByDescending(e => e.OccurredOn).Take(200).ToListAsync(ct))
        {
            if (await InScopeAsync(e, scope, ct))
            {
                result.Add(await ViewAsync(e, ct));
            }
        }
        return result;
    }

    private ReliefCaseView View(ReliefCase c, (string? Voucher, DateOnly PaidOn)? paid = null)
    {
        var due = AnSinh.Platform.Calendar.VietnamTime.DateOfUtc(c.ProposedAt).AddDays(DecisionDays);
        var late = c.DecidedOn is { } d ? d > due : db.Today() > due;
        return new ReliefCaseView(c.Id, c.HouseholdId, c.CommuneCode, c.HeadName, c.People, c.RiceMonths, c.RiceKg, c.Injured, c.Deaths, c.HouseDamage, c.Cash, c.Explanation,
            c.Status == ReliefStatus.Decided ? "decided" : "proposed", c.ProposedAt, due, c.DecidedOn, c.DecisionNumber, late, paid?.Voucher, paid?.PaidOn);
    }

    public async Task<(ReliefEventView Event, List<ReliefCaseView> Cases)> GetAsync(Guid id, CancellationToken ct = default)
    {
        var e = await FindEventAsync(id, ct);
        var scope = await scopes.CurrentAsync(ct);
        var payments = (await ActivePayments().AsNoTracking().Where(p => p.EventId == id)
                .Select(p => new { p.CaseId, p.PaidOn, p.FundEntry!.VoucherNumber }).ToListAsync(ct))
            .ToDictionary(p => p.CaseId, p => (p.VoucherNumber, p.PaidOn));
        var cases = (await db.Set<ReliefCase>().AsNoTracking().Where(c => c.EventId == id).OrderBy(c => c.CommuneCode).ThenBy(c => c.HeadName).ToListAsync(ct))
            .Where(c => scope.Allows(c.CommuneUnitId, e.ProvinceCode))
            .Select(c => View(c, payments.TryGetValue(c.Id, out var p) ? p : null)).ToList();
        db.Audit("relief.read", "relief_event", id.ToString(), null, after: new { cases = cases.Count });
        await db.SaveChangesAsync(ct);
        return (await ViewAsync(e, ct), cases);
    }

    /// <summary>Proposes relief for a household of the event's area: what the rules give it, from its members and the damage recorded.</summary>
    public async Task<ReliefCaseView> ProposeAsync(Guid eventId, ReliefCaseRequest r, CancellationToken ct = default)
    {
        if (!CanWrite(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ cán bộ xã (hoặc quản trị hệ thống) được đề xuất trợ giúp khẩn cấp.");
        }
        var e = await FindEventAsync(eventId, ct);
        var code = r.HouseholdCode?.Trim();
        if (r.HouseholdId is null && string.IsNullOrEmpty(code))
        {
            throw new InputValidationException("householdId", "Cần hộ bị ảnh hưởng (mã hộ trong sổ).");
        }
        var scope = await scopes.CurrentAsync(ct);
        // Codes repeat from commune to commune: the event's area first; outside it, only to say so below.
        var household = r.HouseholdId is { } byId
            ? await db.Set<Household>().AsNoTracking().FirstOrDefaultAsync(h => h.Id == byId, ct)
            : await db.Set<Household>().AsNoTracking().FindByCodeAsync(scope, code!, r.CommuneCode, e.AreaCodes.Split(','), ct)
              ?? (await db.Set<Household>().AsNoTracking().InScope(scope).Where(h => h.Code == code).Take(1).ToListAsync(ct)).FirstOrDefault();
        if (household is null || !scope.Allows(household.CommuneUnitId, household.ProvinceCode))
        {
            throw new InputValidationException("householdId", "Không tìm thấy hộ này trong sổ hộ của địa bàn bạn phụ trách.");
        }
        if (!e.AreaCodes.Split(',').Contains(household.CommuneCode))
        {
            throw new InputValidationException("householdId", $"Hộ {household.HeadName} ở {household.CommuneCode}, ngoài vùng bị ảnh hưởng của sự kiện \"{e.Name}\" ({e.AreaCodes.Replace(",", ", ", StringComparison.Ordinal)}).");
        }
        if (household.Status != HouseholdStatus.Active)
        {
            throw new InputValidationException("householdId", "Hộ này đã giải thể trong sổ.");
        }
        var householdId = household.Id;
        var people = await db.Set<Person>().CountAsync(p => p.HouseholdId == householdId && p.Status == PersonStatus.Resident, ct);
        var set = await parameters.LoadAsync(ct);
        var level = set.BaseLevelOn(Scheme.SocialAssistance, e.OccurredOn, e.ProvinceCode)
            ?? throw new InputValidationException("occurredOn", $"Chưa có mức chuẩn trợ giúp xã hội áp dụng ngày {e.OccurredOn:dd/MM/yyyy}.");
        var rates = await db.Set<ReliefRate>().AsNoTracking().ToListAsync(ct);
        var house = string.IsNullOrWhiteSpace(r.HouseDamage) ? "none" : r.HouseDamage.Trim().ToLowerInvariant();
        var riceMonths = r.RiceMonths ?? (e.Kind == "tet_hunger" ? (int)(ReliefRules.Rate(rates, "rice_months_tet_hunger", e.OccurredOn) ?? 0) : 0);
        ReliefAward award;
        try
        {
            award = ReliefRules.Compute(new ReliefInput(e.Kind, e.OccurredOn, people, riceMonths, r.Injured ?? 0, r.Deaths ?? 0, house),
                new ReliefParameters(rates, level.Amount, level.Source));
        }
        catch (ReliefRuleException ex)
        {
            throw new InputValidationException(ex.Field, ex.Message);
        }
        await using var tx = await db.BeginWriteAsync(ct);
        if (await db.Set<ReliefCase>().AnyAsync(c => c.EventId == eventId && c.HouseholdId == householdId, ct))
        {
            throw new RuleViolationException($"Hộ {household.HeadName} đã có hồ sơ trợ giúp trong sự kiện này; mỗi hộ một hồ sơ.");
        }
        var c = new ReliefCase
        {
            Id = Guid.CreateVersion7(),
            EventId = eventId,
            HouseholdId = householdId,
            CommuneUnitId = household.CommuneUnitId,
            CommuneCode = household.CommuneCode,
            HeadName = household.HeadName ?? household.Code,
            People = people,
            RiceMonths = award.RiceMonths,
            RiceKg = award.RiceKg,
            Injured = r.Injured ?? 0,
            Deaths = r.Deaths ?? 0,
            HouseDamage = house,
            Cash = award.Cash,
            Explanation = award.Explanation.Length > 1000 ? award.Explanation[..1000] : award.Explanation,
            Status = ReliefStatus.Proposed,
            ProposedAt = db.Now(),
            ProposedBy = db.Actor.UserName,
        };
        db.Add(c);
        db.Audit("relief.propose", "relief_case", c.Id.ToString(), c.CommuneCode, after: new { eventId, householdId, c.People, c.RiceKg, c.Cash, c.HouseDamage, c.ProposedBy, proposedById = db.Actor.UserId });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return View(c);
    }

    /// <summary>The chairperson's decision on a proposed case; a decision later than the 2 days is recorded and flagged late.</summary>
    public async Task<ReliefCaseView> DecideAsync(Guid caseId, ReliefDecisionRequest r, CancellationToken ct = default)
    {
        if (!CanDecide(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ người phê duyệt (Chủ tịch UBND xã) được quyết định trợ giúp khẩn cấp.");
        }
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(r.DecisionNumber) || r.DecisionNumber.Trim().Length > 60)
        {
            errors.Add("decisionNumber", "Cần số quyết định (tối đa 60 ký tự).");
        }
        if (r.DecidedOn is null)
        {
            errors.Add("decidedOn", "Cần ngày quyết định.");
        }
        else if (r.DecidedOn > db.Today())
        {
            errors.Add("decidedOn", $"Ngày quyết định {r.DecidedOn:dd/MM/yyyy} ở tương lai.");
        }
        errors.ThrowIfAny();
        var c = await db.Set<ReliefCase>().FirstOrDefaultAsync(x => x.Id == caseId, ct);
        var scope = await scopes.CurrentAsync(ct);
        var province = c is null ? null : await db.Set<ReliefEvent>().Where(e => e.Id == c.EventId).Select(e => e.ProvinceCode).FirstAsync(ct);
        if (c is null || !scope.Allows(c.CommuneUnitId, province!))
        {
            if (c is not null)
            {
                await db.AuditDeniedAsync("relief_case", caseId.ToString(), c.CommuneCode, ct);
            }
            throw new NotFoundException("Không tìm thấy hồ sơ trợ giúp này trong phạm vi của bạn.");
        }
        if (c.Status == ReliefStatus.Decided)
        {
            throw new RuleViolationException($"Hồ sơ đã được quyết định ngày {c.DecidedOn:dd/MM/yyyy} (số {c.DecisionNumber}).");
        }
        if (r.DecidedOn < AnSinh.Platform.Calendar.VietnamTime.DateOfUtc(c.ProposedAt))
        {
            throw new InputValidationException("decidedOn", $"Ngày quyết định trước ngày đề xuất {AnSinh.Platform.Calendar.VietnamTime.OfUtc(c.ProposedAt):dd/MM/yyyy}.");
        }
        // Four eyes: the one who proposed the case does not decide it, the administrator included.
        SeparationOfDuties.Require([c.ProposedBy], db.Actor, $"Đề xuất trợ giúp hộ {c.HeadName}", "lập");
        await locks.EnsureOpenAsync(db, c.CommuneUnitId, r.DecidedOn!.Value, ct);
        c.Status = ReliefStatus.Decided;
        c.DecidedOn = r.DecidedOn;
        c.DecisionNumber = r.DecisionNumber!.Trim();
        c.DecidedBy = db.Actor.UserName;
        var view = View(c);
        db.Audit("relief.decide", "relief_case", c.Id.ToString(), c.CommuneCode,
            after: new { c.DecisionNumber, c.DecidedOn, view.Late, c.Cash, c.RiceKg, c.ProposedBy, c.DecidedBy, decidedById = db.Actor.UserId });
        await db.SaveChangesAsync(ct);
        return view;
    }

    /// <summary>
    /// Pays the cash of decided cases from a fund (the relief fund, or another the board chooses):
    /// one spending entry of category relief naming the households, posted with the links from each
    /// case to it in one transaction. Run again with the same cases it replays the same entry, so a
    /// payment cut off half-way is never paid twice.
    /// </summary>
    public async Task<ReliefFundPaymentView> PayFromFundAsync(Guid eventId, ReliefFundPaymentRequest r, CancellationToken ct = default)
    {
        if (!AnSinh.Funds.Funds.FundDirectory.CanManage(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ Ban vận động Quỹ (hoặc quản trị hệ thống) được chi tiền trợ giúp từ quỹ.");
        }
        var e = await FindEventAsync(eventId, ct);
        var errors = new ValidationErrors();
        if (r.FundId is null)
        {
            errors.Add("fundId", "Cần chọn quỹ chi trả.");
        }
        if (r.Date is null)
        {
            errors.Add("date", "Cần ngày chi.");
        }
        errors.ThrowIfAny();
        var fund = await db.Set<Fund>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == r.FundId, ct)
            ?? throw new NotFoundException("Không tìm thấy quỹ này trong phạm vi của bạn.");
        var decided = await db.Set<ReliefCase>().AsNoTracking()
            .Where(c => c.EventId == eventId && c.Status == ReliefStatus.Decided && c.Cash > 0)
            .Select(c => new { c.Id, c.HouseholdId, c.CommuneCode, c.Cash, c.DecidedOn, c.HeadName }).ToListAsync(ct);
        var paid = (await ActivePayments().AsNoTracking().Where(p => p.EventId == eventId).Select(p => p.CaseId).ToListAsync(ct)).ToHashSet();
        var area = await ledger.AreaAsync(fund, ct);
        var householdIds = decided.Select(c => c.HouseholdId).ToList();
        var inArea = (await area(db.Set<Household>().AsNoTracking()).Where(h => householdIds.Contains(h.Id)).Select(h => h.Id).ToListAsync(ct)).ToHashSet();
        var chosen = decided.Where(c => !paid.Contains(c.Id) && inArea.Contains(c.HouseholdId)).ToList();
        if (r.CaseIds is { Count: > 0 } named)
        {
            var wanted = named.Distinct().ToList();
            var known = decided.ToDictionary(c => c.Id);
            var unknown = wanted.Where(id => !known.ContainsKey(id)).ToList();
            if (unknown.Count > 0)
            {
                throw new InputValidationException("caseIds", $"{unknown.Count} hồ sơ không thuộc sự kiện này, chưa có quyết định hoặc không có khoản tiền.");
            }
            var already = wanted.Where(paid.Contains).Select(id => known[id].HeadName).ToList();
            if (already.Count > 0)
            {
                throw new RuleViolationException($"Đã chi từ quỹ cho hộ {string.Join(", ", already)}; mỗi hồ sơ chỉ chi một lần.");
            }
            var outside = wanted.Where(id => !inArea.Contains(known[id].HouseholdId)).Select(id => known[id].HeadName).ToList();
            if (outside.Count > 0)
            {
                throw new InputValidationException("caseIds", $"Hộ {string.Join(", ", outside)} ngoài địa bàn của quỹ {fund.Name}.");
            }
            chosen = wanted.Select(id => known[id]).ToList();
        }
        if (chosen.Count == 0)
        {
            throw new RuleViolationException("Không còn hộ nào đã có quyết định hỗ trợ tiền mà chưa được chi trong địa bàn của quỹ này.");
        }
        if (chosen.Count > 10_000)
        {
            throw new InputValidationException("caseIds", "Một chứng từ chi tối đa 10.000 hộ; hãy chọn theo từng xã.");
        }
        var lastDecision = chosen.Max(c => c.DecidedOn!.Value);
        if (r.Date < lastDecision)
        {
            throw new InputValidationException("date", $"Ngày chi {r.Date:dd/MM/yyyy} trước ngày quyết định hỗ trợ {lastDecision:dd/MM/yyyy}.");
        }
        var amount = chosen.Sum(c => c.Cash);
        // The same cases give the same key (a repeated request replays its entry); a case paid by an
        // entry since reversed has a payment row more, so paying it again is a new entry.
        var chosenIds = chosen.Select(c => c.Id).ToList();
        var earlier = await db.Set<ReliefPayment>().CountAsync(p => p.EventId == eventId && chosenIds.Contains(p.CaseId), ct);
        var key = $"relief-{eventId:N}-{earlier}-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(string.Join(',', chosenIds.Order()))))[..16]}";
        var paidBy = db.Actor.UserName;
        var request = new SpendingRequest(r.Date, "relief", chosen.Count, amount, chosen.Select(c => c.HouseholdId).ToList(),
            $"Trợ giúp khẩn cấp: {e.Name} ({chosen.Count} hộ)", r.Channel, ApprovedBy: r.ApprovedBy, VoucherNumber: r.VoucherNumber);
        var result = await ledger.SpendAsync(fund.Id, request, key, ct, entry =>
        {
            foreach (var c in chosen)
            {
                db.Add(new ReliefPayment
                {
                    CaseId = c.Id,
                    EventId = eventId,
                    FundId = fund.Id,
                    FundEntry = entry,
                    CommuneCode = c.CommuneCode,
                    Amount = c.Cash,
                    PaidOn = r.Date!.Value,
                    PaidBy = paidBy,
                });
            }
            db.Audit("relief.paid_from_fund", "relief_event", eventId.ToString(), null, after: new { fundId = fund.Id, cases = chosen.Count, amount, date = r.Date });
        });
        return new ReliefFundPaymentView(eventId, fund.Id, result.Id, result.VoucherNumber, r.Date!.Value, chosen.Count, amount, result.Balance, result.Replayed);
    }
}
