using AnSinh.Benefits.Parameters;
using AnSinh.Benefits.Registers;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Reporting;
using AnSinh.Platform.Scoping;
using AnSinh.Poverty.Classification;
using AnSinh.Poverty.Rounds;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Benefits.HealthCards;

public sealed record CardGroupView(string Code, string Name, string CardCode, int BenefitPercent, int StatePercent, decimal PremiumRate, int? MaxAgeYears, int Rank,
    DateOnly ValidFrom, DateOnly? ValidTo, string Source, bool Provisional);

public sealed record CardHolding(string CardNumber, string Group, DateOnly ValidFrom, DateOnly ValidTo);

public sealed record EntitledPerson(Guid PersonId, string FullName, int BirthYear, bool HasNationalId, string Group, string GroupName, IReadOnlyList<string> Groups,
    string Explanation, CardHolding? Card);

public sealed record EntitledList(string CommuneCode, string CommuneName, DateOnly Date, int People, int WithCard, int WithoutCard, IReadOnlyList<EntitledPerson> Persons);

public sealed record CardEntitlementView(Guid PersonId, string FullName, DateOnly Date, string? Group, string? CardCode, IReadOnlyList<string> Groups, string Explanation,
    CardHolding? Card);

public sealed record CardBatchRequest(string? CommuneCode, DateOnly? ValidFrom, DateOnly? ValidTo, List<Guid>? PersonIds);

public sealed record SkippedPerson(Guid PersonId, string FullName, string Reason);

public sealed record CardBatchView(Guid Id, string CommuneCode, string CommuneName, DateOnly ValidFrom, DateOnly ValidTo, int Cards, long StateCost, DateTime IssuedAt,
    string IssuedBy, IReadOnlyList<SkippedPerson> Skipped);

public sealed record CardView(long Id, Guid PersonId, string FullName, string Group, string CardNumber, DateOnly ValidFrom, DateOnly ValidTo, long MonthlyPremium,
    int StatePercent, long StateCost);

/// <summary>A card ending in the month, and what the holder is entitled to the day after.</summary>
public sealed record ExpiringCard(CardView Card, string? RenewGroup, string Note);

public sealed record ExpiringList(string CommuneCode, string Month, IReadOnlyList<ExpiringCard> Cards);

public sealed record CardCountRow(string CommuneCode, string CommuneName, string Group, string GroupName, int Cards, long StateCost);

public sealed record CardCounts(string UnitCode, string UnitName, int Year, int Cards, long StateCost, IReadOnlyList<CardCountRow> Rows);

/// <summary>
/// State-supported health-insurance cards: who is entitled on a date (derived from the household
/// register, the poverty lists and the benefit registers), one card per person under the group of
/// the best benefit, issuance batches with numbers and validity, the cards expiring next month and
/// the counts issued per group and unit.
/// </summary>
public sealed class HealthCards(AnSinhDbContext db, ScopeResolver scopes, IPeriodLock locks)
{
    public static bool CanIssue(Role role) => role is Role.Administrator or Role.Officer;

    public static bool CanRead(Role role) => role is Role.Administrator or Role.Officer or Role.Approver or Role.Inspector;

    /// <summary>A card period is at most a year.</summary>
    public const int MaxMonths = 12;

    public async Task<List<CardGroupView>> GroupsAsync(CancellationToken ct = default) =>
        (await db.Set<CardGroup>().AsNoTracking().OrderBy(g => g.Rank).ThenBy(g => g.ValidFrom).ToListAsync(ct))
        .Select(g => new CardGroupView(g.Code, g.Name, g.CardPrefix + g.BenefitCode, g.BenefitPercent, g.StatePercent, g.PremiumRate, g.MaxAgeYears, g.Rank, g.ValidFrom,
            g.ValidTo, g.Source, g.Provisional)).ToList();

    private void RequireReader()
    {
        if (!CanRead(db.Actor.Role))
        {
            throw new RuleViolationException("Vai trò của bạn không được xem danh sách thẻ bảo hiểm y tế (có số định danh cá nhân).");
        }
    }

    private async Task<AdminUnit> CommuneAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new InputValidationException("communeCode", "Cần mã xã.");
        }
        var unit = await db.FindCommuneAsync(code.Trim(), db.Today(), ct)
            ?? throw new InputValidationException("communeCode", $"Không có xã (phường) mã {code.Trim()} trong danh mục hiện hành.");
        var scope = await scopes.CurrentAsync(ct);
        if (!scope.Allows(unit.Id, unit.ProvinceCode))
        {
            await db.AuditDeniedAsync("health_cards", unit.Code, unit.Code, ct);
            throw new InputValidationException("communeCode", "Xã này ngoài địa bàn bạn phụ trách.");
        }
        return unit;
    }

    private sealed record PersonRow(Guid Id, Guid HouseholdId, string FullName, int BirthYear, int? BirthMonth, int? BirthDay, string? NationalId, string SortKey)
    {
        public DateOnly Birth => new(BirthYear, BirthMonth ?? 1, BirthDay ?? 1);
    }

    private static CardHolding Holding(HealthCard c) => new(c.CardNumber, c.GroupCode, c.ValidFrom, c.ValidTo);

    /// <summary>Everyone of a commune's register entitled to a state-supported card on the date, with the card they hold then.</summary>
    private async Task<List<(PersonRow Person, CardEntitlement Entitlement, HealthCard? Card)>> DeriveAsync(AdminUnit unit, DateOnly day, List<CardGroup> groups, Guid? onlyPerson,
        CancellationToken ct)
    {
        var people = db.Set<Person>().AsNoTracking().Where(p => p.CommuneUnitId == unit.Id && p.Status == PersonStatus.Resident);
        if (onlyPerson is { } id)
        {
            people = people.Where(p => p.Id == id);
        }
        var persons = await people.OrderBy(p => p.SortKey)
            .Select(p => new PersonRow(p.Id, p.HouseholdId, p.FullName, p.BirthYear, p.BirthMonth, p.BirthDay, p.NationalId, p.SortKey)).ToListAsync(ct);
        // The poverty lists on the date, read through today's households (a status row keeps the commune of its round's map).
        var poverty = (await (from s in db.Set<PovertyStatus>().AsNoTracking()
                              join h in db.Set<Household>().AsNoTracking() on s.HouseholdId equals h.Id
                              where h.CommuneUnitId == unit.Id && s.From <= day && (s.To == null || s.To >= day)
                                    && (s.Status == PovertyClass.Poor || s.Status == PovertyClass.NearPoor)
                              select new { s.HouseholdId, s.Status }).ToListAsync(ct))
            .GroupBy(x => x.HouseholdId).ToDictionary(g => g.Key, g => g.Any(x => x.Status == PovertyClass.Poor) ? HouseholdPoverty.Poor : HouseholdPoverty.NearPoor);
        var benefits = (await db.Set<Beneficiary>().AsNoTracking()
                .Where(b => b.CommuneUnitId == unit.Id && b.EntitledFrom <= day && (b.EndedOn == null || b.EndedOn >= day))
                .Select(b => new { b.PersonId, b.Scheme, b.Category }).ToListAsync(ct))
            .ToLookup(b => b.PersonId);
        var cards = (await db.Set<HealthCard>().AsNoTracking().Where(c => c.CommuneUnitId == unit.Id && c.ValidTo >= day && c.ValidFrom <= day).ToListAsync(ct))
            .GroupBy(c => c.PersonId).ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.ValidTo).First());
        var result = new List<(PersonRow, CardEntitlement, HealthCard?)>();
        foreach (var p in persons)
        {
            var b = benefits[p.Id];
            var facts = new CardFacts(p.Birth, poverty.GetValueOrDefault(p.HouseholdId),
                MeritPerson: b.Any(x => x.Scheme == Scheme.Merit && x.Category != "martyr_relative"),
                MartyrRelative: b.Any(x => x.Scheme == Scheme.Merit && x.Category == "martyr_relative"),
                MonthlyAllowance: b.Any(x => x.Scheme is Scheme.SocialAssistance or Scheme.SocialPension));
            var entitlement = CardRules.Entitlement(facts, day, groups);
            if (entitlement.Group is not null || onlyPerson is not null)
            {
                result.Add((p, entitlement, cards.GetValueOrDefault(p.Id)));
            }
        }
        return result;
    }

    /// <summary>The entitled people of a commune on a date (default today), with the card each holds.</summary>
    public async Task<EntitledList> EntitledAsync(string? communeCode, DateOnly? date, CancellationToken ct = default)
    {
        RequireReader();
        var unit = await CommuneAsync(communeCode, ct);
        var day = date ?? db.Today();
        var groups = await db.Set<CardGroup>().AsNoTracking().ToListAsync(ct);
        var rows = await DeriveAsync(unit, day, groups, null, ct);
        var persons = rows.Select(r => new EntitledPerson(r.Person.Id, r.Person.FullName, r.Person.BirthYear, !string.IsNullOrEmpty(r.Person.NationalId), r.Entitlement.Group!.Code,
            r.Entitlement.Group.Name, r.Entitlement.Groups.Select(g => g.Code).ToList(), r.Entitlement.Explanation, r.Card is null ? null : Holding(r.Card))).ToList();
        db.Audit("health_cards.entitled_read", "health_cards", unit.Code, unit.Code, after: new { date = day, people = persons.Count });
        await db.SaveChangesAsync(ct);
        var withCard = persons.Count(p => p.Card is not null);
        return new EntitledList(unit.Code, unit.FullName, day, persons.Count, withCard, persons.Count - withCard, persons);
    }

    /// <summary>One person's entitlement on a date: every group, the one card, why.</summary>
    public async Task<CardEntitlementView> EntitlementAsync(Guid personId, DateOnly? date, CancellationToken ct = default)
    {
        RequireReader();
        var person = await db.Set<Person>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
        var scope = await scopes.CurrentAsync(ct);
        if (person is null || !scope.Allows(person.CommuneUnitId, person.ProvinceCode))
        {
            if (person is not null)
            {
                await db.AuditDeniedAsync("person", person.Id.ToString(), person.CommuneCode, ct);
            }
            throw new NotFoundException("Không tìm thấy người này trong sổ hộ của địa bàn bạn phụ trách.");
        }
        var day = date ?? db.Today();
        var unit = await db.AdminUnits.AsNoTracking().FirstAsync(u => u.Id == person.CommuneUnitId, ct);
        var groups = await db.Set<CardGroup>().AsNoTracking().ToListAsync(ct);
        var rows = await DeriveAsync(unit, day, groups, person.Id, ct);
        db.Audit("health_cards.entitlement_read", "person", person.Id.ToString(), person.CommuneCode, after: new { date = day });
        await db.SaveChangesAsync(ct);
        if (rows.Count == 0)
        {
            return new CardEntitlementView(person.Id, person.FullName, day, null, null, [],
                person.Status == PersonStatus.Deceased ? "Người này đã mất." : "Người này không còn cư trú trong sổ hộ của xã.", null);
        }
        var (_, e, card) = rows[0];
        return new CardEntitlementView(person.Id, person.FullName, day, e.Group?.Code, e.Group is null ? null : e.Group.CardPrefix + e.Group.BenefitCode,
            e.Groups.Select(g => g.Code).ToList(), e.Explanation, card is null ? null : Holding(card));
    }

    /// <summary>
    /// Issues the cards of a commune for a period: everyone entitled on its first day who holds no
    /// card then (or only the people named, each of whom must be entitled). One transaction; a
    /// person named who is not entitled refuses the whole batch with the reason.
    /// </summary>
    public async Task<CardBatchView> IssueAsync(CardBatchRequest r, CancellationToken ct = default)
    {
        if (!CanIssue(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ cán bộ xã (hoặc quản trị hệ thống) được lập đợt cấp thẻ bảo hiểm y tế.");
        }
        var errors = new ValidationErrors();
        if (r.ValidFrom is null)
        {
            errors.Add("validFrom", "Cần ngày thẻ bắt đầu có giá trị.");
        }
        else if (r.ValidFrom.Value.Year < 2021)
        {
            errors.Add("validFrom", "Ngày bắt đầu phải từ năm 2021.");
        }
        else if (r.ValidFrom > db.Today().AddMonths(2))
        {
            errors.Add("validFrom", "Chỉ lập đợt cấp thẻ có giá trị từ trong vòng 2 tháng tới.");
        }
        var from = r.ValidFrom ?? default;
        var to = r.ValidTo ?? new DateOnly(from.Year, 12, 31);
        if (r.ValidFrom is not null && to < from)
        {
            errors.Add("validTo", "Ngày hết hạn trước ngày bắt đầu.");
        }
        else if (r.ValidFrom is not null && CardRules.Months(from, to) > MaxMonths)
        {
            errors.Add("validTo", $"Một thẻ có giá trị tối đa {MaxMonths} tháng.");
        }
        errors.ThrowIfAny();
        var unit = await CommuneAsync(r.CommuneCode, ct);
        // Cards count in the period they are issued: an approved report of today's period locks it.
        await locks.EnsureOpenAsync(unit, db.Today(), ct);
        var groups = await db.Set<CardGroup>().AsNoTracking().ToListAsync(ct);
        var baseSalary = await db.Set<BaseLevel>().AsNoTracking()
            .Where(b => b.Scheme == Scheme.BaseSalary && b.ProvinceCode == null && b.ValidFrom <= from && (b.ValidTo == null || b.ValidTo >= from))
            .OrderByDescending(b => b.ValidFrom).Select(b => (long?)b.Amount).FirstOrDefaultAsync(ct)
            ?? throw new InputValidationException("validFrom", $"Chưa có mức lương cơ sở áp dụng ngày {from:dd/MM/yyyy} để tính mức đóng.");
        await using var tx = await db.BeginWriteAsync(ct);
        var rows = await DeriveAsync(unit, from, groups, null, ct);
        // A card that overlaps the new period, even one starting later, means the person is covered.
        var overlapping = (await db.Set<HealthCard>().AsNoTracking().Where(c => c.CommuneUnitId == unit.Id && c.ValidTo >= from && c.ValidFrom <= to)
            .Select(c => new { c.PersonId, c.CardNumber, c.ValidFrom, c.ValidTo }).ToListAsync(ct)).ToLookup(c => c.PersonId);
        var skipped = new List<SkippedPerson>();
        var chosen = rows;
        if (r.PersonIds is { Count: > 0 } named)
        {
            var byId = rows.ToDictionary(x => x.Person.Id);
            var refused = new ValidationErrors();
            chosen = [];
            foreach (var id in named.Distinct())
            {
                if (!byId.TryGetValue(id, out var row))
                {
                    var who = await db.Set<Person>().AsNoTracking().Where(p => p.Id == id && p.CommuneUnitId == unit.Id).Select(p => p.FullName).FirstOrDefaultAsync(ct);
                    refused.Add("personIds", who is null
                        ? $"Người {id} không có trong sổ hộ của {unit.FullName}."
                        : $"{who} không thuộc nhóm nào được ngân sách đóng hoặc hỗ trợ đóng bảo hiểm y tế ngày {from:dd/MM/yyyy}; không cấp thẻ.");
                    continue;
                }
                if (overlapping[id].FirstOrDefault() is { } held)
                {
                    refused.Add("personIds", $"{row.Person.FullName} đã có thẻ {held.CardNumber} giá trị {held.ValidFrom:dd/MM/yyyy}–{held.ValidTo:dd/MM/yyyy}.");
                    continue;
                }
                chosen.Add(row);
            }
            refused.ThrowIfAny();
        }
        var batch = new CardBatch
        {
            Id = Guid.CreateVersion7(),
            CommuneUnitId = unit.Id,
            CommuneCode = unit.Code,
            CommuneName = unit.FullName,
            ProvinceCode = unit.ProvinceCode,
            ValidFrom = from,
            ValidTo = to,
            IssuedAt = db.Now(),
            IssuedBy = db.Actor.UserName,
        };
        var cards = new List<HealthCard>();
        foreach (var (p, e, _) in chosen)
        {
            if (overlapping[p.Id].Any())
            {
                continue;
            }
            if (string.IsNullOrEmpty(p.NationalId) || p.NationalId.Length != 12)
            {
                skipped.Add(new SkippedPerson(p.Id, p.FullName, "Thiếu số định danh cá nhân (12 số) làm mã số bảo hiểm xã hội; bổ sung trong sổ hộ rồi cấp đợt sau."));
                continue;
            }
            var g = e.Group!;
            var cardTo = CardRules.ValidTo(g, p.Birth, to);
            var premium = CardRules.MonthlyPremium(g, baseSalary);
            var months = CardRules.Months(from, cardTo);
            cards.Add(new HealthCard
            {
                BatchId = batch.Id,
                PersonId = p.Id,
                CommuneUnitId = unit.Id,
                CommuneCode = unit.Code,
                ProvinceCode = unit.ProvinceCode,
                FullName = p.FullName,
                NationalId = p.NationalId,
                GroupCode = g.Code,
                CardNumber = CardRules.CardNumber(g, unit.ProvinceCode, p.NationalId),
                ValidFrom = from,
                ValidTo = cardTo,
                MonthlyPremium = premium,
                StatePercent = g.StatePercent,
                StateCost = CardRules.StateCost(g, premium, months),
                IssuedAt = batch.IssuedAt,
            });
        }
        if (cards.Count == 0)
        {
            var lacking = skipped.Count > 0 ? $", trừ {skipped.Count} người thiếu số định danh cá nhân (bổ sung trong sổ hộ rồi cấp)" : "";
            throw new RuleViolationException($"Không cấp thẻ nào: mọi người được hưởng thẻ ngày {from:dd/MM/yyyy} ở {unit.FullName} đều đã có thẻ{lacking}.");
        }
        batch.Cards = cards.Count;
        batch.StateCost = cards.Sum(c => c.StateCost);
        db.Add(batch);
        db.AddRange(cards);
        db.Audit("health_cards.issue", "card_batch", batch.Id.ToString(), unit.Code,
            after: new { batch.ValidFrom, batch.ValidTo, batch.Cards, batch.StateCost, groups = cards.GroupBy(c => c.GroupCode).ToDictionary(x => x.Key, x => x.Count()), skipped = skipped.Count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CardBatchView(batch.Id, batch.CommuneCode, batch.CommuneName, from, to, batch.Cards, batch.StateCost, batch.IssuedAt, batch.IssuedBy, skipped);
    }

    public async Task<List<CardBatchView>> BatchesAsync(string? communeCode, CancellationToken ct = default)
    {
        RequireReader();
        var scope = await scopes.CurrentAsync(ct);
        var q = db.Set<CardBatch>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(communeCode))
        {
            var unit = await CommuneAsync(communeCode, ct);
            q = q.Where(b => b.CommuneUnitId == unit.Id);
        }
        else if (scope.Kind == ScopeKind.Province)
        {
            q = q.Where(b => b.ProvinceCode == scope.ProvinceCode);
        }
        else if (scope.Kind != ScopeKind.Nation)
        {
            var ids = scope.CommuneIds.ToList();
            q = q.Where(b => ids.Contains(b.CommuneUnitId));
        }
        return (await q.OrderByDescending(b => b.IssuedAt).Take(200).ToListAsync(ct))
            .Select(b => new CardBatchView(b.Id, b.CommuneCode, b.CommuneName, b.ValidFrom, b.ValidTo, b.Cards, b.StateCost, b.IssuedAt, b.IssuedBy, [])).ToList();
    }

    private static CardView View(HealthCard c) => new(c.Id, c.PersonId, c.FullName, c.GroupCode, c.CardNumber, c.ValidFrom, c.ValidTo, c.MonthlyPremium, c.StatePercent, c.StateCost);

    public async Task<(CardBatchView Batch, List<CardView> Cards)> BatchAsync(Guid id, CancellationToken ct = default)
    {
        RequireReader();
        var b = await db.Set<CardBatch>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        var scope = await scopes.CurrentAsync(ct);
        if (b is null || !scope.Allows(b.CommuneUnitId, b.ProvinceCode))
        {
            if (b is not null)
            {
                await db.AuditDeniedAsync("card_batch", id.ToString(), b.CommuneCode, ct);
            }
            throw new NotFoundException("Không tìm thấy đợt cấp thẻ này trong phạm vi của bạn.");
        }
        var cards = await db.Set<HealthCard>().AsNoTracking().Where(c => c.BatchId == id).OrderBy(c => c.FullName).ThenBy(c => c.Id).ToListAsync(ct);
        db.Audit("health_cards.batch_read", "card_batch", id.ToString(), b.CommuneCode, after: new { cards = cards.Count });
        await db.SaveChangesAsync(ct);
        return (new CardBatchView(b.Id, b.CommuneCode, b.CommuneName, b.ValidFrom, b.ValidTo, b.Cards, b.StateCost, b.IssuedAt, b.IssuedBy, []), cards.Select(View).ToList());
    }

    /// <summary>The cards of a commune that end in the month (default next month) and are not yet renewed, with what each holder is entitled to the day after.</summary>
    public async Task<ExpiringList> ExpiringAsync(string? communeCode, string? month, CancellationToken ct = default)
    {
        RequireReader();
        var unit = await CommuneAsync(communeCode, ct);
        var today = db.Today();
        var first = month is null ? new DateOnly(today.Year, today.Month, 1).AddMonths(1)
            : Payroll.PayrollRules.ParseMonth(month) ?? throw new InputValidationException("month", "Tháng phải có dạng YYYY-MM (ví dụ 2026-12).");
        var last = first.AddMonths(1).AddDays(-1);
        var ending = await db.Set<HealthCard>().AsNoTracking().Where(c => c.CommuneUnitId == unit.Id && c.ValidTo >= first && c.ValidTo <= last).ToListAsync(ct);
        var people = ending.Select(c => c.PersonId).Distinct().ToList();
        var renewed = (await db.Set<HealthCard>().AsNoTracking().Where(c => c.CommuneUnitId == unit.Id && c.ValidTo > last && people.Contains(c.PersonId)).Select(c => c.PersonId).ToListAsync(ct))
            .ToHashSet();
        var groups = await db.Set<CardGroup>().AsNoTracking().ToListAsync(ct);
        var result = new List<ExpiringCard>();
        foreach (var c in ending.Where(c => !renewed.Contains(c.PersonId)).OrderBy(c => c.ValidTo).ThenBy(c => c.FullName))
        {
            var next = c.ValidTo.AddDays(1);
            var after = await DeriveAsync(unit, next, groups, c.PersonId, ct);
            var e = after.FirstOrDefault().Entitlement;
            result.Add(new ExpiringCard(View(c), e?.Group?.Code, e?.Group is { } g
                ? $"Từ {next:dd/MM/yyyy} vẫn được cấp thẻ nhóm {g.Name}: cần lập đợt cấp mới."
                : $"Từ {next:dd/MM/yyyy} không còn thuộc nhóm được ngân sách đóng ({e?.Explanation ?? "không còn trong sổ hộ"})."));
        }
        db.Audit("health_cards.expiring_read", "health_cards", unit.Code, unit.Code, after: new { month = first.ToString("yyyy-MM"), cards = result.Count });
        await db.SaveChangesAsync(ct);
        return new ExpiringList(unit.Code, first.ToString("yyyy-MM"), result);
    }

    /// <summary>Cards issued in a year per commune and group, for a commune or a province (aggregates: no one is named).</summary>
    public async Task<CardCounts> CountsAsync(string? unitCode, int? year, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(unitCode))
        {
            throw new InputValidationException("unitCode", "Cần mã đơn vị (tỉnh hoặc xã).");
        }
        var y = year ?? db.Today().Year;
        if (y is < 2021 or > 2100)
        {
            throw new InputValidationException("year", "Năm phải từ 2021.");
        }
        var code = unitCode.Trim();
        var unit = await db.AdminUnits.AsNoTracking().ValidOn(db.Today()).FirstOrDefaultAsync(u => u.Code == code && (u.Level == AdminLevel.Province || u.Level == AdminLevel.Commune), ct)
            ?? throw new InputValidationException("unitCode", $"Không có tỉnh hoặc xã mã {code} trong danh mục hiện hành.");
        var scope = await scopes.CurrentAsync(ct);
        var provinceCode = unit.Level == AdminLevel.Province ? unit.Code : unit.ProvinceCode;
        var allowed = unit.Level == AdminLevel.Province
            ? scope.Kind == ScopeKind.Nation || (scope.Kind == ScopeKind.Province && scope.ProvinceCode == unit.Code)
            : scope.Allows(unit.Id, unit.ProvinceCode);
        if (!allowed)
        {
            await db.AuditDeniedAsync("health_cards", unit.Code, unit.Code, ct);
            throw new NotFoundException("Đơn vị này ngoài phạm vi của bạn.");
        }
        var start = new DateTime(y, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = start.AddYears(1);
        var q = db.Set<HealthCard>().AsNoTracking().Where(c => c.ProvinceCode == provinceCode && c.IssuedAt >= start && c.IssuedAt < end);
        if (unit.Level == AdminLevel.Commune)
        {
            q = q.Where(c => c.CommuneUnitId == unit.Id);
        }
        var rows = await q.GroupBy(c => new { c.CommuneCode, c.GroupCode }).Select(g => new { g.Key.CommuneCode, g.Key.GroupCode, Cards = g.Count(), Cost = g.Sum(c => c.StateCost) })
            .ToListAsync(ct);
        var names = await db.AdminUnits.AsNoTracking().Where(u => u.Level == AdminLevel.Commune && u.ProvinceCode == provinceCode).ValidOn(db.Today())
            .Select(u => new { u.Code, u.FullName }).ToDictionaryAsync(u => u.Code, u => u.FullName, ct);
        var groupNames = (await db.Set<CardGroup>().AsNoTracking().ToListAsync(ct)).GroupBy(g => g.Code).ToDictionary(g => g.Key, g => g.First().Name);
        var result = rows.OrderBy(r => r.CommuneCode).ThenBy(r => r.GroupCode)
            .Select(r => new CardCountRow(r.CommuneCode, names.GetValueOrDefault(r.CommuneCode, r.CommuneCode), r.GroupCode, groupNames.GetValueOrDefault(r.GroupCode, r.GroupCode), r.Cards, r.Cost))
            .ToList();
        return new CardCounts(unit.Code, unit.FullName, y, result.Sum(r => r.Cards), result.Sum(r => r.StateCost), result);
    }
}
