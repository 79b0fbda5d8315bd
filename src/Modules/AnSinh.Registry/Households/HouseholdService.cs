using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Reporting;
using AnSinh.Platform.Scoping;
using AnSinh.Platform.Text;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Registry.Households;

/// <summary>
/// The household register's use cases: register, read, correct, and record the changes of a
/// household's life (birth, death, moving, split, change of head) as dated events.
/// </summary>
public sealed class HouseholdService(AnSinhDbContext db, ScopeResolver scopes, IPeriodLock locks)
{
    private ICurrentActor Actor => db.Actor;

    /// <summary>
    /// Registers a household. Its code, when not given, is the commune's next one, read and written
    /// under the commune's series lock; a clash that still happens (an import writing the same
    /// code on PostgreSQL) is retried with the next code.
    /// </summary>
    public async Task<RegisteredHousehold> RegisterAsync(RegisterHouseholdRequest request, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RegisterOnceAsync(request, ct);
            }
            catch (Exception ex) when (attempt < 3 && string.IsNullOrWhiteSpace(request.Code) && DatabaseFailures.Classify(ex) == DatabaseFailure.Duplicate)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<RegisteredHousehold> RegisterOnceAsync(RegisterHouseholdRequest request, CancellationToken ct)
    {
        RequireEditor();
        var today = db.Today();
        var errors = new ValidationErrors();
        var date = request.Date ?? today;
        if (date > today)
        {
            errors.Add("date", "Ngày đăng ký ở tương lai.");
        }
        var commune = await db.FindCommuneAsync(request.CommuneCode, today, ct);
        if (commune is null)
        {
            errors.Add("communeCode", $"Mã xã \"{request.CommuneCode}\" không có trong danh mục đơn vị hành chính hiện hành.");
        }
        else if (!(await scopes.CurrentAsync(ct)).Allows(commune.Id, commune.CurrentProvinceCode))
        {
            await db.AuditDeniedAsync("admin_unit", commune.Code, commune.Code, ct);
            errors.Add("communeCode", $"Xã {commune.Code} nằm ngoài phạm vi của bạn.");
        }
        var address = VietnameseText.Normalize(request.Address);
        AddIf(errors, "address", PersonRules.CheckText(address, "địa chỉ", PersonRules.MaxTextLength, required: true));
        var code = string.IsNullOrWhiteSpace(request.Code) ? null : request.Code.Trim();
        if (code is { Length: > 20 })
        {
            errors.Add("code", "Mã hộ dài quá 20 ký tự.");
        }
        var members = new List<ValidMember>();
        if (request.Members is null || request.Members.Count == 0)
        {
            errors.Add("members", "Hộ phải có ít nhất một thành viên.");
        }
        else
        {
            var ids = new List<(string?, string, Guid?)>();
            for (var i = 0; i < request.Members.Count; i++)
            {
                var m = MemberValidation.Validate(request.Members[i], $"members[{i}].", today, errors);
                if (m is not null)
                {
                    members.Add(m);
                    ids.Add((m.NationalId, $"members[{i}].nationalId", null));
                }
            }
            if (members.Count == request.Members.Count)
            {
                AddIf(errors, "members", MemberValidation.CheckOneHead(members.Select(m => m.Relationship)));
            }
            await CheckNationalIdsAsync(ids, errors, ct);
        }
        Village? village = null;
        if (commune is not null)
        {
            village = await FindVillageAsync(commune.Id, request.Village, errors, ct);
            if (code is not null && await db.Set<Household>().AnyAsync(h => h.CommuneUnitId == commune.Id && h.Code == code, ct))
            {
                errors.Add("code", $"Mã hộ {code} đã có trong xã.");
            }
        }
        errors.ThrowIfAny();
        // A household registered on a day of a period whose report is approved would change its counts.
        await locks.EnsureOpenAsync(commune!, date, ct);

        await using var tx = await db.BeginWriteAsync(ct);
        await db.LockSeriesAsync(UnitSeries.HouseholdCode, commune!.Id, ct);
        code ??= await NextCodeAsync(commune.Id, ct);
        var household = NewHousehold(commune, village, code, address, date);
        db.Add(household);
        foreach (var m in members)
        {
            var person = NewPerson(household, m);
            db.Add(person);
            db.Add(new Membership { PersonId = person.Id, HouseholdId = household.Id, Relationship = m.Relationship, From = date });
            if (m.Relationship == Relationship.Head)
            {
                SetHead(household, person);
            }
        }
        db.Add(NewLocation(household, members.FirstOrDefault(m => m.Relationship == Relationship.Head)?.EthnicityCode, date));
        AddEvent(household.Id, null, HouseholdEventKind.Registered, date, "Đăng ký hộ mới");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RegisteredHousehold(household.Id, household.Code);
    }

    public async Task<HouseholdView> GetAsync(Guid id, DateOnly? asOf = null, CancellationToken ct = default)
    {
        var household = await LoadInScopeAsync(id, ct);
        var commune = await db.AdminUnits.AsNoTracking().FirstAsync(u => u.Id == household.CommuneUnitId, ct);
        var sensitive = Roles.CanReadSensitive(Actor.Role);
        var maskId = !sensitive;

        List<(Person Person, Relationship Relationship)> members;
        if (asOf is { } d)
        {
            var ms = await db.Set<Membership>().AsNoTracking()
                .Where(m => m.HouseholdId == id && m.From <= d && (m.To == null || m.To > d)).ToListAsync(ct);
            var personIds = ms.Select(m => m.PersonId).ToList();
            var persons = await db.Set<Person>().AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            members = ms.Where(m => persons.ContainsKey(m.PersonId)
                    && (persons[m.PersonId].DeathDate is null || persons[m.PersonId].DeathDate > d)
                    && persons[m.PersonId].BirthDate.Earliest <= d)
                .Select(m => (persons[m.PersonId], m.Relationship)).ToList();
        }
        else
        {
            members = (await db.Set<Person>().AsNoTracking().Where(p => p.HouseholdId == id).ToListAsync(ct))
                .Select(p => (p, p.Relationship)).ToList();
        }
        members = members.OrderBy(m => m.Relationship == Relationship.Head ? 0 : 1).ThenBy(m => m.Person.BirthYear).ToList();

        var events = await db.Set<HouseholdEvent>().AsNoTracking().Where(e => e.HouseholdId == id || e.OtherHouseholdId == id)
            .OrderBy(e => e.Date).ThenBy(e => e.RecordedAt).ToListAsync(ct);
        if (asOf is { } d2)
        {
            events = events.Where(e => e.Date <= d2).ToList();
        }
        var names = await db.Set<Person>().AsNoTracking().Where(p => p.HouseholdId == id || events.Select(e => e.PersonId).Contains(p.Id))
            .Select(p => new { p.Id, p.FullName }).ToDictionaryAsync(p => p.Id, p => p.FullName, ct);
        var locations = await db.Set<HouseholdLocation>().AsNoTracking().Where(l => l.HouseholdId == id).OrderBy(l => l.From).ToListAsync(ct);
        var unitIds = locations.Select(l => l.CommuneUnitId).ToList();
        var unitNames = await db.AdminUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);

        var location = asOf is { } d3 ? locations.LastOrDefault(l => l.From <= d3) : null;
        var memberViews = members.Select(m => ToView(m.Person, m.Relationship, sensitive, maskId)).ToList();
        if (sensitive && members.Count > 0)
        {
            db.Audit("read.sensitive", "household", id.ToString(), household.CommuneCode,
                after: new { fields = new[] { "ethnicity", "disability" }, persons = members.Count });
            await db.SaveChangesAsync(ct);
        }
        var head = asOf is null ? members.FirstOrDefault(m => m.Person.Id == household.HeadPersonId) : members.FirstOrDefault(m => m.Relationship == Relationship.Head);
        return new HouseholdView(
            household.Id, household.Code,
            location?.CommuneCode ?? household.CommuneCode,
            location is null ? commune.FullName : unitNames.GetValueOrDefault(location.CommuneUnitId, location.CommuneCode),
            household.ProvinceCode,
            location is null ? household.VillageName : location.VillageName,
            household.Address, household.IsUrban,
            household.Status == HouseholdStatus.Active ? "active" : "dissolved",
            head.Person?.Id, head.Person?.FullName, household.Version, asOf,
            memberViews,
            events.Select(e => new EventView(e.Date, e.Kind.ToString(), PersonRules.Vietnamese(e.Kind), e.PersonId,
                e.PersonId is { } pid ? names.GetValueOrDefault(pid) : null, e.Reason, e.OtherCommuneCode, e.RecordedBy)).ToList(),
            locations.Select(l => new LocationView(l.CommuneCode, unitNames.GetValueOrDefault(l.CommuneUnitId, l.CommuneCode), l.VillageName, l.From, l.To)).ToList(),
            sensitive);
    }

    public async Task UpdateAsync(Guid id, UpdateHouseholdRequest request, CancellationToken ct = default)
    {
        RequireEditor();
        var household = await LoadInScopeAsync(id, ct, tracked: true);
        var errors = new ValidationErrors();
        var address = VietnameseText.Normalize(request.Address);
        AddIf(errors, "address", PersonRules.CheckText(address, "địa chỉ", PersonRules.MaxTextLength, required: true));
        var village = await FindVillageAsync(household.CommuneUnitId, request.Village, errors, ct);
        errors.ThrowIfAny();
        ExpectVersion(household, request.Version);
        household.Address = address;
        household.AddressSearch = VietnameseText.SearchKey(address);
        household.VillageId = village?.Id;
        household.VillageName = village?.Name;
        foreach (var l in await OpenLocationsAsync(id, ct))
        {
            l.VillageName = village?.Name; // a correction of the village, not a move
        }
        household.Version++;
        AddEvent(id, null, HouseholdEventKind.Correction, db.Today(), Reason(request.Reason, "Điều chỉnh địa chỉ, thôn"));
        await SaveAsync(ct);
    }

    public async Task UpdateMemberAsync(Guid personId, UpdateMemberRequest request, CancellationToken ct = default)
    {
        RequireEditor();
        var person = await db.Set<Person>().FirstOrDefaultAsync(p => p.Id == personId, ct) ?? throw new NotFoundException();
        await LoadInScopeAsync(person.HouseholdId, ct);
        var errors = new ValidationErrors();
        var input = new MemberInput
        {
            FullName = request.FullName,
            Sex = request.Sex,
            BirthDate = request.BirthDate,
            NationalId = request.NationalId,
            Ethnicity = request.Ethnicity,
            Occupation = request.Occupation,
            Schooling = request.Schooling,
            Disability = request.Disability ?? PersonRules.Code(person.Disability),
        };
        var m = MemberValidation.Validate(input, "", db.Today(), errors, relationshipRequired: false);
        if (m is not null)
        {
            if (person.DeathDate is { } death && m.BirthDate.Earliest > death)
            {
                errors.Add("birthDate", "Ngày sinh sau ngày mất.");
            }
            await CheckNationalIdsAsync([(m.NationalId, "nationalId", personId)], errors, ct);
        }
        errors.ThrowIfAny();
        ExpectVersion(person, request.Version);
        Apply(person, m!);
        person.Version++;
        if (person.Relationship == Relationship.Head)
        {
            var household = await db.Set<Household>().FirstAsync(h => h.Id == person.HouseholdId, ct);
            SetHead(household, person);
            await SetOpenLocationsMinorityAsync(household.Id, person.EthnicityCode, ct);
        }
        AddEvent(person.HouseholdId, person.Id, HouseholdEventKind.Correction, db.Today(), Reason(request.Reason, "Điều chỉnh thông tin nhân khẩu"));
        await SaveAsync(ct);
    }

    public async Task<Guid> AddMemberAsync(Guid householdId, AddMemberRequest request, CancellationToken ct = default)
    {
        RequireEditor();
        var household = await LoadInScopeAsync(householdId, ct, tracked: true);
        var today = db.Today();
        var errors = new ValidationErrors();
        var kind = request.Kind?.Trim().ToLowerInvariant() switch
        {
            "birth" => HouseholdEventKind.Birth,
            "move_in" or "movein" => HouseholdEventKind.MoveIn,
            _ => (HouseholdEventKind?)null,
        };
        if (kind is null)
        {
            errors.Add("kind", "Loại biến động phải là \"birth\" (sinh) hoặc \"move_in\" (chuyển đến).");
        }
        var m = request.Member is null ? null : MemberValidation.Validate(request.Member, "member.", today, errors);
        if (request.Member is null)
        {
            errors.Add("member", "Thiếu thông tin nhân khẩu.");
        }
        var date = request.Date ?? today;
        if (date > today)
        {
            errors.Add("date", "Ngày biến động ở tương lai.");
        }
        // A person who moved away from another household (often another commune) and moves in here is the same person: the
        // record follows them, so their national ID, their history and the registers that refer to them stay one.
        var returning = kind == HouseholdEventKind.MoveIn && m?.NationalId is { } nid
            ? await db.Set<Person>().FirstOrDefaultAsync(p => p.NationalId == nid && p.Status == PersonStatus.MovedAway, ct)
            : null;
        if (m is not null)
        {
            if (m.Relationship == Relationship.Head)
            {
                errors.Add("member.relationship", "Hộ đã có chủ hộ; dùng chức năng thay đổi chủ hộ.");
            }
            if (kind == HouseholdEventKind.Birth && m.BirthDate.Earliest > date)
            {
                errors.Add("date", "Ngày khai sinh trước ngày sinh.");
            }
            if (returning is not null && returning.LeftOn > date)
            {
                errors.Add("date", $"Người này chuyển đi ngày {returning.LeftOn:dd/MM/yyyy}; ngày chuyển đến không thể trước đó.");
            }
            if (returning is null)
            {
                await CheckNationalIdsAsync([(m.NationalId, "member.nationalId", null)], errors, ct);
            }
        }
        errors.ThrowIfAny();
        Person person;
        if (returning is not null)
        {
            var from = returning.CommuneCode;
            returning.HouseholdId = household.Id;
            returning.CommuneUnitId = household.CommuneUnitId;
            returning.CommuneCode = household.CommuneCode;
            returning.ProvinceCode = household.ProvinceCode;
            returning.Relationship = m!.Relationship;
            returning.Status = PersonStatus.Resident;
            returning.LeftOn = null;
            returning.MovedToCommuneCode = null;
            returning.Version++;
            person = returning;
            request = request with { FromCommuneCode = request.FromCommuneCode ?? from };
        }
        else
        {
            person = NewPerson(household, m!);
            db.Add(person);
        }
        db.Add(new Membership { PersonId = person.Id, HouseholdId = household.Id, Relationship = m!.Relationship, From = kind == HouseholdEventKind.Birth ? m.BirthDate.Earliest : date });
        household.Version++;
        AddEvent(household.Id, person.Id, kind!.Value, date, Reason(request.Reason, PersonRules.Vietnamese(kind.Value)), request.FromCommuneCode);
        await SaveAsync(ct);
        return person.Id;
    }

    public async Task RecordDeathAsync(Guid personId, PersonEventRequest request, CancellationToken ct = default)
    {
        RequireEditor();
        var (person, household) = await LoadPersonAsync(personId, ct);
        var date = request.Date ?? db.Today();
        var errors = new ValidationErrors();
        if (date > db.Today())
        {
            errors.Add("date", "Ngày mất ở tương lai.");
        }
        if (date < person.BirthDate.Earliest)
        {
            errors.Add("date", $"Ngày mất {date:dd/MM/yyyy} trước ngày sinh {person.BirthDate.ToDisplay()}.");
        }
        if (person.Status != PersonStatus.Resident)
        {
            errors.Add("personId", "Người này không còn cư trú trong hộ.");
        }
        Person? newHead = null;
        List<Person> others = [];
        if (request.NewHeadId is { } newHeadId)
        {
            if (household.HeadPersonId != person.Id)
            {
                errors.Add("newHeadId", "Chỉ chọn chủ hộ mới khi người mất là chủ hộ.");
            }
            else
            {
                var living = await db.Set<Person>().Where(p => p.HouseholdId == household.Id && p.Id != person.Id && p.Status == PersonStatus.Resident).ToListAsync(ct);
                newHead = living.FirstOrDefault(p => p.Id == newHeadId);
                if (newHead is null)
                {
                    errors.Add("newHeadId", "Chủ hộ mới phải là một thành viên khác đang cư trú của hộ.");
                }
                others = living.Where(p => p.Id != newHeadId).OrderBy(p => p.BirthDate.Earliest).ToList();
            }
        }
        errors.ThrowIfAny();
        person.Status = PersonStatus.Deceased;
        person.DeathDate = date;
        person.Version++;
        await CloseMembershipAsync(person.Id, date, ct);
        household.Version++;
        AddEvent(household.Id, person.Id, HouseholdEventKind.Death, date, Reason(request.Reason, "Chết"));
        if (newHead is not null)
        {
            var newHeadWas = newHead.Relationship;
            var changes = new List<(string, Relationship, Relationship)>();
            person.Relationship = Relationship.Other;
            await SetRelationshipAsync(household.Id, newHead, Relationship.Head, date, ct);
            SetHead(household, newHead);
            await SetOpenLocationsMinorityAsync(household.Id, newHead.EthnicityCode, ct);
            foreach (var m in others)
            {
                var before = m.Relationship;
                await SetRelationshipAsync(household.Id, m, HeadSuccession.Remap(newHeadWas, before), date, ct);
                changes.Add((m.FullName, before, m.Relationship));
            }
            AddEvent(household.Id, newHead.Id, HouseholdEventKind.HeadChange, date, HeadSuccession.Describe(person.FullName, newHead.FullName, newHeadWas, changes));
        }
        await SaveAsync(ct);
    }

    /// <summary>A member's relationship to the head from a date: the open membership closes and a new one opens.</summary>
    private async Task SetRelationshipAsync(Guid householdId, Person p, Relationship relationship, DateOnly date, CancellationToken ct)
    {
        if (p.Relationship == relationship)
        {
            return;
        }
        await CloseMembershipAsync(p.Id, date, ct);
        db.Add(new Membership { PersonId = p.Id, HouseholdId = householdId, Relationship = relationship, From = date });
        p.Relationship = relationship;
        p.Version++;
    }

    public async Task MoveOutAsync(Guid personId, PersonEventRequest request, CancellationToken ct = default)
    {
        RequireEditor();
        var (person, household) = await LoadPersonAsync(personId, ct);
        var date = request.Date ?? db.Today();
        var errors = new ValidationErrors();
        if (date > db.Today())
        {
            errors.Add("date", "Ngày chuyển đi ở tương lai.");
        }
        if (person.Status != PersonStatus.Resident)
        {
            errors.Add("personId", "Người này không còn cư trú trong hộ.");
        }
        if (person.Relationship == Relationship.Head && await db.Set<Person>().AnyAsync(p => p.HouseholdId == household.Id && p.Id != person.Id && p.Status == PersonStatus.Resident, ct))
        {
            errors.Add("personId", "Chủ hộ chuyển đi: hãy chọn chủ hộ mới trước.");
        }
        var to = string.IsNullOrWhiteSpace(request.ToCommuneCode) ? null : request.ToCommuneCode.Trim();
        if (to is not null && await db.FindCommuneAsync(to, date, ct) is null)
        {
            errors.Add("toCommuneCode", $"Mã xã nơi đến \"{to}\" không có trong danh mục.");
        }
        errors.ThrowIfAny();
        person.Status = PersonStatus.MovedAway;
        person.LeftOn = date;
        person.MovedToCommuneCode = to;
        person.Version++;
        await CloseMembershipAsync(person.Id, date, ct);
        household.Version++;
        AddEvent(household.Id, person.Id, HouseholdEventKind.MoveOut, date, Reason(request.Reason, "Chuyển đi"), to);
        await SaveAsync(ct);
    }

    public async Task<RegisteredHousehold> SplitAsync(Guid householdId, SplitHouseholdRequest request, CancellationToken ct = default)
    {
        RequireEditor();
        var household = await LoadInScopeAsync(householdId, ct, tracked: true);
        var date = request.Date ?? db.Today();
        var errors = new ValidationErrors();
        var ids = request.PersonIds ?? [];
        var persons = await db.Set<Person>().Where(p => p.HouseholdId == householdId && ids.Contains(p.Id) && p.Status == PersonStatus.Resident).ToListAsync(ct);
        if (ids.Count == 0 || persons.Count != ids.Distinct().Count())
        {
            errors.Add("personIds", "Chọn những thành viên đang cư trú của hộ để tách.");
        }
        if (request.NewHeadId is null || !ids.Contains(request.NewHeadId.Value))
        {
            errors.Add("newHeadId", "Chủ hộ mới phải là một trong những người tách hộ.");
        }
        if (persons.Any(p => p.Id == household.HeadPersonId))
        {
            errors.Add("personIds", "Chủ hộ cũ ở lại hộ cũ; hãy đổi chủ hộ trước nếu cần.");
        }
        if (date > db.Today())
        {
            errors.Add("date", "Ngày tách hộ ở tương lai.");
        }
        var address = VietnameseText.Normalize(string.IsNullOrWhiteSpace(request.Address) ? household.Address : request.Address);
        AddIf(errors, "address", PersonRules.CheckText(address, "địa chỉ", PersonRules.MaxTextLength, required: true));
        var village = await FindVillageAsync(household.CommuneUnitId, request.Village ?? household.VillageName, errors, ct);
        errors.ThrowIfAny();

        var commune = await db.AdminUnits.AsNoTracking().FirstAsync(u => u.Id == household.CommuneUnitId, ct);
        await locks.EnsureOpenAsync(commune, date, ct);
        await using var tx = await db.BeginWriteAsync(ct);
        await db.LockSeriesAsync(UnitSeries.HouseholdCode, commune.Id, ct);
        var code = await NextCodeAsync(commune.Id, ct);
        var created = NewHousehold(commune, village, code, address, date);
        db.Add(created);
        db.Add(NewLocation(created, persons.FirstOrDefault(p => p.Id == request.NewHeadId)?.EthnicityCode, date));
        foreach (var p in persons)
        {
            await CloseMembershipAsync(p.Id, date, ct);
            p.HouseholdId = created.Id;
            p.Relationship = p.Id == request.NewHeadId ? Relationship.Head : Relationship.Other;
            p.Version++;
            db.Add(new Membership { PersonId = p.Id, HouseholdId = created.Id, Relationship = p.Relationship, From = date });
            if (p.Relationship == Relationship.Head)
            {
                SetHead(created, p);
            }
        }
        household.Version++;
        var reason = Reason(request.Reason, "Tách hộ");
        AddEvent(household.Id, null, HouseholdEventKind.Split, date, reason, other: created.Id);
        AddEvent(created.Id, null, HouseholdEventKind.Split, date, reason, other: household.Id);
        await SaveAsync(ct);
        await tx.CommitAsync(ct);
        return new RegisteredHousehold(created.Id, created.Code);
    }

    public async Task ChangeHeadAsync(Guid householdId, ChangeHeadRequest request, CancellationToken ct = default)
    {
        RequireEditor();
        var household = await LoadInScopeAsync(householdId, ct, tracked: true);
        var date = request.Date ?? db.Today();
        var newHead = await db.Set<Person>().FirstOrDefaultAsync(p => p.Id == request.NewHeadId && p.HouseholdId == householdId && p.Status == PersonStatus.Resident, ct);
        if (newHead is null)
        {
            throw new InputValidationException("newHeadId", "Chủ hộ mới phải là thành viên đang cư trú của hộ.");
        }
        ExpectVersion(household, request.Version);
        var oldHead = await db.Set<Person>().FirstOrDefaultAsync(p => p.Id == household.HeadPersonId, ct);
        if (oldHead is not null && oldHead.Id != newHead.Id)
        {
            oldHead.Relationship = Relationship.Other;
            oldHead.Version++;
            if (oldHead.Status == PersonStatus.Resident)
            {
                await CloseMembershipAsync(oldHead.Id, date, ct);
                db.Add(new Membership { PersonId = oldHead.Id, HouseholdId = householdId, Relationship = Relationship.Other, From = date });
            }
        }
        await CloseMembershipAsync(newHead.Id, date, ct);
        db.Add(new Membership { PersonId = newHead.Id, HouseholdId = householdId, Relationship = Relationship.Head, From = date });
        newHead.Relationship = Relationship.Head;
        newHead.Version++;
        SetHead(household, newHead);
        await SetOpenLocationsMinorityAsync(householdId, newHead.EthnicityCode, ct);
        household.Version++;
        AddEvent(householdId, newHead.Id, HouseholdEventKind.HeadChange, date, Reason(request.Reason, "Thay đổi chủ hộ"));
        await SaveAsync(ct);
    }

    public async Task<PagedResult<HouseholdListItem>> ListAsync(HouseholdFilter filter, CancellationToken ct = default)
    {
        var (sort, desc) = ListSort.Parse(filter.Sort, filter.Dir, ListSort.Households);
        var scope = await scopes.CurrentAsync(ct);
        var q = Filtered(db.Set<Household>().AsNoTracking().InScope(scope), filter);
        var total = await q.CountAsync(ct);
        var (page, size) = Paging(filter.Page, filter.PageSize);
        var items = await Sorted(db, q, sort, desc)
            .Skip((page - 1) * size).Take(size)
            .Select(h => new HouseholdListItem(h.Id, h.Code, h.CommuneCode, h.VillageName, h.Address, h.HeadName,
                db.Set<Person>().Count(p => p.HouseholdId == h.Id && p.Status == PersonStatus.Resident),
                h.Status == HouseholdStatus.Active ? "active" : "dissolved"))
            .ToListAsync(ct);
        return new PagedResult<HouseholdListItem>(items, total, page, size);
    }

    /// <summary>The households a list filter keeps (the same for the page, the API and the export).</summary>
    internal static IQueryable<Household> Filtered(IQueryable<Household> q, HouseholdFilter filter)
    {
        if (!string.IsNullOrWhiteSpace(filter.CommuneCode))
        {
            var code = filter.CommuneCode.Trim();
            q = q.Where(h => h.CommuneCode == code);
        }
        if (!string.IsNullOrWhiteSpace(filter.Village))
        {
            var v = VietnameseText.Normalize(filter.Village);
            q = q.Where(h => h.VillageName == v);
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var key = VietnameseText.SearchKey(filter.Q);
            var raw = filter.Q.Trim();
            q = q.Where(h => h.Code == raw || h.HeadSearch!.Contains(key) || h.AddressSearch.Contains(key));
        }
        return q;
    }

    /// <summary>Sorted in the database by one column, ties broken by commune and code so that pages never overlap.</summary>
    internal static IOrderedQueryable<Household> Sorted(AnSinhDbContext db, IQueryable<Household> q, string sort, bool desc)
    {
        IOrderedQueryable<Household> o = sort switch
        {
            "code" => desc ? q.OrderByDescending(h => h.Code) : q.OrderBy(h => h.Code),
            "head" => desc ? q.OrderByDescending(h => h.HeadSearch) : q.OrderBy(h => h.HeadSearch),
            "village" => desc ? q.OrderByDescending(h => h.VillageName) : q.OrderBy(h => h.VillageName),
            "address" => desc ? q.OrderByDescending(h => h.AddressSearch) : q.OrderBy(h => h.AddressSearch),
            "members" => desc
                ? q.OrderByDescending(h => db.Set<Person>().Count(p => p.HouseholdId == h.Id && p.Status == PersonStatus.Resident))
                : q.OrderBy(h => db.Set<Person>().Count(p => p.HouseholdId == h.Id && p.Status == PersonStatus.Resident)),
            _ => desc
                ? q.OrderByDescending(h => h.CommuneCode).ThenByDescending(h => h.VillageName)
                : q.OrderBy(h => h.CommuneCode).ThenBy(h => h.VillageName),
        };
        return desc ? o.ThenByDescending(h => h.CommuneCode).ThenByDescending(h => h.Code) : o.ThenBy(h => h.CommuneCode).ThenBy(h => h.Code);
    }

    /// <summary>
    /// Households of one commune (or of the user's own commune when none is given) within the user's scope,
    /// by household code, name of the head (with or without diacritics) or a resident member's national ID: at most 20.
    /// </summary>
    public async Task<List<HouseholdOption>> SearchAsync(string? communeCode, string? q, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        var raw = (q ?? "").Trim();
        var key = VietnameseText.SearchKey(raw);
        var commune = (communeCode ?? "").Trim();
        if (key.Length == 0 || (commune.Length == 0 && scope.Kind != ScopeKind.Commune))
        {
            return [];
        }
        var households = db.Set<Household>().AsNoTracking().InScope(scope).Where(h => h.Status == HouseholdStatus.Active);
        if (commune.Length > 0)
        {
            households = households.Where(h => h.CommuneCode == commune);
        }
        var byId = db.Set<Person>().Where(p => p.NationalId == raw && p.Status == PersonStatus.Resident).Select(p => p.HouseholdId);
        return await households
            .Where(h => h.Code == raw || h.Code.StartsWith(raw) || h.HeadSearch!.Contains(key) || byId.Contains(h.Id))
            .OrderBy(h => h.Code == raw ? 0 : 1).ThenBy(h => h.VillageName).ThenBy(h => h.HeadSearch).ThenBy(h => h.Code)
            .Take(20)
            .Select(h => new HouseholdOption(h.Id, h.Code, h.CommuneCode, h.HeadName, h.VillageName, h.Address))
            .ToListAsync(ct);
    }

    public static (int Page, int Size) Paging(int page, int size) => (Math.Max(1, page), Math.Clamp(size, 1, 500));

    // ---- helpers -------------------------------------------------------------------------

    internal async Task<Household> LoadInScopeAsync(Guid id, CancellationToken ct, bool tracked = false)
    {
        var q = tracked ? db.Set<Household>() : db.Set<Household>().AsNoTracking();
        var household = await q.FirstOrDefaultAsync(h => h.Id == id, ct);
        if (household is null)
        {
            throw new NotFoundException("Không tìm thấy hộ.");
        }
        if (!(await scopes.CurrentAsync(ct)).Allows(household.CommuneUnitId, household.ProvinceCode))
        {
            await db.AuditDeniedAsync("household", id.ToString(), household.CommuneCode, ct);
            throw new NotFoundException("Không tìm thấy hộ.");
        }
        return household;
    }

    private async Task<(Person, Household)> LoadPersonAsync(Guid personId, CancellationToken ct)
    {
        var person = await db.Set<Person>().FirstOrDefaultAsync(p => p.Id == personId, ct) ?? throw new NotFoundException("Không tìm thấy nhân khẩu.");
        var household = await LoadInScopeAsync(person.HouseholdId, ct, tracked: true);
        return (person, household);
    }

    /// <summary>Records an attempt to reach a record outside the user's scope, in its own transaction.</summary>

    private void RequireEditor()
    {
        if (!Roles.CanEditRegister(Actor.Role))
        {
            throw new RuleViolationException("Vai trò của bạn không được sửa sổ hộ.");
        }
    }

    private static void ExpectVersion(Household h, int version)
    {
        if (h.Version != version)
        {
            throw new RuleViolationException("Hộ đã được người khác sửa sau khi bạn mở; hãy tải lại để xem thay đổi rồi sửa lại. Không có gì bị mất.");
        }
    }

    private static void ExpectVersion(Person p, int version)
    {
        if (p.Version != version)
        {
            throw new RuleViolationException("Nhân khẩu đã được người khác sửa sau khi bạn mở; hãy tải lại để xem thay đổi rồi sửa lại. Không có gì bị mất.");
        }
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RuleViolationException("Bản ghi đã được người khác sửa cùng lúc; lần lưu này bị từ chối. Hãy tải lại rồi sửa lại.");
        }
    }

    private async Task CheckNationalIdsAsync(IEnumerable<(string? Id, string Field, Guid? Self)> ids, ValidationErrors errors, CancellationToken ct)
    {
        var list = ids.Where(x => x.Id is not null).ToList();
        foreach (var dup in list.GroupBy(x => x.Id).Where(g => g.Count() > 1))
        {
            errors.Add(dup.Last().Field, $"Số CCCD {dup.Key} bị trùng trong cùng yêu cầu.");
        }
        var values = list.Select(x => x.Id!).Distinct().ToList();
        if (values.Count == 0)
        {
            return;
        }
        var existing = await db.Set<Person>().AsNoTracking().Where(p => p.NationalId != null && values.Contains(p.NationalId))
            .Select(p => new { p.Id, p.NationalId }).ToListAsync(ct);
        foreach (var x in list)
        {
            if (existing.Any(e => e.NationalId == x.Id && e.Id != x.Self))
            {
                errors.Add(x.Field, $"Số CCCD {x.Id} đã có trong sổ hộ.");
            }
        }
    }

    private async Task<Village?> FindVillageAsync(int communeId, string? name, ValidationErrors errors, CancellationToken ct)
    {
        var v = VietnameseText.Normalize(name);
        if (v.Length == 0)
        {
            return null;
        }
        var key = VietnameseText.SearchKey(v);
        var village = await db.Villages.AsNoTracking().FirstOrDefaultAsync(x => x.CommuneUnitId == communeId && x.SearchName == key, ct);
        if (village is null)
        {
            errors.Add("village", $"Thôn/tổ dân phố \"{(v.Length > 60 ? v[..60] + "…" : v)}\" chưa có trong danh sách của xã; hãy thêm ở trang đơn vị hành chính.");
        }
        return village;
    }

    private async Task<string> NextCodeAsync(int communeId, CancellationToken ct)
    {
        var n = await db.Set<Household>().CountAsync(h => h.CommuneUnitId == communeId, ct) + 1;
        while (true)
        {
            var code = n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            if (!await db.Set<Household>().AnyAsync(h => h.CommuneUnitId == communeId && h.Code == code, ct))
            {
                return code;
            }
            n++;
        }
    }

    private async Task CloseMembershipAsync(Guid personId, DateOnly date, CancellationToken ct)
    {
        var open = await db.Set<Membership>().Where(m => m.PersonId == personId && m.To == null).ToListAsync(ct);
        foreach (var m in open)
        {
            m.To = date;
        }
    }

    private Household NewHousehold(AdminUnit commune, Village? village, string code, string address, DateOnly date) => new()
    {
        Id = Guid.CreateVersion7(),
        Code = code,
        CommuneUnitId = commune.Id,
        CommuneCode = commune.Code,
        ProvinceCode = commune.CurrentProvinceCode,
        VillageId = village?.Id,
        VillageName = village?.Name,
        Address = address,
        AddressSearch = VietnameseText.SearchKey(address),
        IsUrban = commune.IsUrban,
        RegisteredOn = date,
        CreatedAt = db.Now(),
    };

    internal static Person NewPerson(Household h, ValidMember m)
    {
        var p = new Person
        {
            Id = Guid.CreateVersion7(),
            HouseholdId = h.Id,
            CommuneUnitId = h.CommuneUnitId,
            CommuneCode = h.CommuneCode,
            ProvinceCode = h.ProvinceCode,
            FullName = "",
            SearchName = "",
            GivenSearch = "",
            SortKey = "",
            EthnicityCode = m.EthnicityCode,
            Relationship = m.Relationship,
        };
        Apply(p, m);
        return p;
    }

    internal static void Apply(Person p, ValidMember m)
    {
        p.FullName = m.FullName;
        p.SearchName = VietnameseText.SearchKey(m.FullName);
        p.GivenSearch = VietnameseText.GivenFirstSearchKey(m.FullName);
        p.SortKey = VietnameseText.SortKey(m.FullName);
        p.Sex = m.Sex;
        p.BirthYear = m.BirthDate.Year;
        p.BirthMonth = m.BirthDate.Month;
        p.BirthDay = m.BirthDate.Day;
        p.NationalId = m.NationalId;
        p.EthnicityCode = m.EthnicityCode;
        p.Occupation = m.Occupation;
        p.Schooling = m.Schooling;
        p.Disability = m.Disability;
    }

    /// <summary>The household's first location row, with the facts the lists and rates count by.</summary>
    internal static HouseholdLocation NewLocation(Household h, string? headEthnicity, DateOnly from) => new()
    {
        HouseholdId = h.Id,
        CommuneUnitId = h.CommuneUnitId,
        CommuneCode = h.CommuneCode,
        VillageName = h.VillageName,
        IsUrban = h.IsUrban,
        EthnicMinority = Ethnicities.IsMinority(headEthnicity),
        From = from,
    };

    private async Task SetOpenLocationsMinorityAsync(Guid householdId, string? headEthnicity, CancellationToken ct)
    {
        var minority = Ethnicities.IsMinority(headEthnicity);
        foreach (var l in await OpenLocationsAsync(householdId, ct))
        {
            l.EthnicMinority = minority;
        }
    }

    private async Task<List<HouseholdLocation>> OpenLocationsAsync(Guid householdId, CancellationToken ct) =>
        await db.Set<HouseholdLocation>().Where(l => l.HouseholdId == householdId && l.To == null).ToListAsync(ct);

    internal static void SetHead(Household h, Person p)
    {
        h.HeadPersonId = p.Id;
        h.HeadName = p.FullName;
        h.HeadSearch = p.SearchName;
    }

    private void AddEvent(Guid householdId, Guid? personId, HouseholdEventKind kind, DateOnly date, string reason, string? otherCommune = null, Guid? other = null) =>
        db.Add(new HouseholdEvent
        {
            Id = Guid.CreateVersion7(),
            HouseholdId = householdId,
            PersonId = personId,
            Kind = kind,
            Date = date,
            Reason = reason.Length > 1000 ? reason[..1000] : reason,
            OtherCommuneCode = otherCommune,
            OtherHouseholdId = other,
            RecordedAt = db.Now(),
            RecordedBy = db.Actor.UserName,
        });

    private static string Reason(string? given, string fallback) =>
        string.IsNullOrWhiteSpace(given) ? fallback : VietnameseText.Normalize(given);

    private static void AddIf(ValidationErrors errors, string field, string? error)
    {
        if (error is not null)
        {
            errors.Add(field, error);
        }
    }

    internal static MemberView ToView(Person p, Relationship relationship, bool sensitive, bool maskId) => new(
        p.Id, p.FullName, PersonRules.Code(p.Sex), p.BirthDate.ToString(), p.BirthDate.ToDisplay(),
        p.NationalId is null ? null : maskId ? Mask(p.NationalId) : p.NationalId,
        sensitive ? p.EthnicityCode : null, sensitive ? Ethnicities.NameOf(p.EthnicityCode) : null,
        PersonRules.Code(relationship), PersonRules.Vietnamese(relationship), p.Occupation, p.Schooling,
        sensitive ? PersonRules.Code(p.Disability) : null,
        PersonRules.Code(p.Status), PersonRules.Vietnamese(p.Status), p.DeathDate, p.Version);

    public static string Mask(string nationalId) => nationalId.Length <= 4 ? "****" : new string('*', nationalId.Length - 4) + nationalId[^4..];
}
