using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using AnSinh.Platform.Text;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Registry.Persons;

/// <summary>
/// Diacritic-insensitive search and filtered lists of people, sorted the official Vietnamese way.
/// Within one commune the name may match anywhere; across a province or the nation the name
/// must match from the start of the full name or of the given name, so that both indexes serve it
/// (see docs/adr/0004-search-keys.md).
/// </summary>
public sealed class PersonSearch(AnSinhDbContext db, ScopeResolver scopes)
{
    public async Task<PagedResult<PersonListItem>> SearchAsync(PersonFilter filter, CancellationToken ct = default)
    {
        var (sort, desc) = ListSort.Parse(filter.Sort, filter.Dir, ListSort.Persons);
        var scope = await scopes.CurrentAsync(ct);
        var q = db.Set<Person>().AsNoTracking().InScope(scope);
        var narrowedToCommune = scope.Kind == ScopeKind.Commune;
        if (!string.IsNullOrWhiteSpace(filter.CommuneCode))
        {
            var code = filter.CommuneCode.Trim();
            q = q.Where(p => p.CommuneCode == code);
            narrowedToCommune = true;
        }
        if (!string.IsNullOrWhiteSpace(filter.Village))
        {
            var v = VietnameseText.Normalize(filter.Village);
            var householdIds = db.Set<Household>().Where(h => h.VillageName == v).Select(h => h.Id);
            q = q.Where(p => householdIds.Contains(p.HouseholdId));
        }
        if (PersonRules.ParseStatus(filter.Status) is { } status)
        {
            q = q.Where(p => p.Status == status);
        }
        if (PersonRules.ParseSex(filter.Sex) is { } sex)
        {
            q = q.Where(p => p.Sex == sex);
        }
        var year = db.Today().Year;
        if (filter.MinAge is { } min)
        {
            var maxYear = year - min;
            q = q.Where(p => p.BirthYear <= maxYear);
        }
        if (filter.MaxAge is { } max)
        {
            var minYear = year - max;
            q = q.Where(p => p.BirthYear >= minYear);
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var raw = filter.Q.Trim();
            if (raw.All(char.IsAsciiDigit) && raw.Length >= 3)
            {
                var upper = raw + ":";
                q = q.Where(p => p.NationalId != null && p.NationalId.CompareTo(raw) >= 0 && p.NationalId.CompareTo(upper) < 0);
            }
            else
            {
                var key = VietnameseText.SearchKey(raw);
                if (narrowedToCommune)
                {
                    q = q.Where(p => p.SearchName.Contains(key) || p.GivenSearch.Contains(key));
                }
                else
                {
                    // Range on the key: an index seek on both engines (keys are ASCII; PostgreSQL uses the C collation).
                    var upper = key + "~";
                    q = q.Where(p => (p.SearchName.CompareTo(key) >= 0 && p.SearchName.CompareTo(upper) < 0)
                        || (p.GivenSearch.CompareTo(key) >= 0 && p.GivenSearch.CompareTo(upper) < 0));
                }
            }
        }
        var total = await q.CountAsync(ct);
        var (page, size) = HouseholdService.Paging(filter.Page, filter.PageSize);
        var mask = !Roles.CanReadSensitive(db.Actor.Role);
        var rows = await Sorted(q, sort, desc)
            .Skip((page - 1) * size).Take(size)
            .Join(db.Set<Household>(), p => p.HouseholdId, h => h.Id, (p, h) => new
            {
                p.Id,
                p.FullName,
                p.HouseholdId,
                h.Code,
                p.BirthYear,
                p.BirthMonth,
                p.BirthDay,
                p.Sex,
                p.NationalId,
                p.CommuneCode,
                h.VillageName,
                p.Status,
            })
            .ToListAsync(ct);
        var items = rows.Select(r => new PersonListItem(r.Id, r.FullName, r.HouseholdId, r.Code,
            new PartialDate(r.BirthYear, r.BirthMonth, r.BirthDay).ToString(), PersonRules.Code(r.Sex),
            r.NationalId is null ? null : mask ? HouseholdService.Mask(r.NationalId) : r.NationalId,
            r.CommuneCode, r.VillageName, PersonRules.Code(r.Status))).ToList();
        return new PagedResult<PersonListItem>(items, total, page, size);
    }

    /// <summary>Sorted in the database by one column, ties broken by the Vietnamese name order and the id.</summary>
    private IOrderedQueryable<Person> Sorted(IQueryable<Person> q, string sort, bool desc)
    {
        var households = db.Set<Household>();
        IOrderedQueryable<Person> o = sort switch
        {
            "birth" => desc
                ? q.OrderByDescending(p => p.BirthYear).ThenByDescending(p => p.BirthMonth).ThenByDescending(p => p.BirthDay)
                : q.OrderBy(p => p.BirthYear).ThenBy(p => p.BirthMonth).ThenBy(p => p.BirthDay),
            "sex" => desc ? q.OrderByDescending(p => p.Sex) : q.OrderBy(p => p.Sex),
            "nationalId" => desc ? q.OrderByDescending(p => p.NationalId) : q.OrderBy(p => p.NationalId),
            "commune" => desc ? q.OrderByDescending(p => p.CommuneCode) : q.OrderBy(p => p.CommuneCode),
            "village" => desc
                ? q.OrderByDescending(p => households.Where(h => h.Id == p.HouseholdId).Select(h => h.VillageName).FirstOrDefault())
                : q.OrderBy(p => households.Where(h => h.Id == p.HouseholdId).Select(h => h.VillageName).FirstOrDefault()),
            "household" => desc
                ? q.OrderByDescending(p => households.Where(h => h.Id == p.HouseholdId).Select(h => h.Code).FirstOrDefault())
                : q.OrderBy(p => households.Where(h => h.Id == p.HouseholdId).Select(h => h.Code).FirstOrDefault()),
            "status" => desc ? q.OrderByDescending(p => p.Status) : q.OrderBy(p => p.Status),
            _ => desc ? q.OrderByDescending(p => p.SortKey) : q.OrderBy(p => p.SortKey),
        };
        return sort == "name" ? o.ThenBy(p => p.Id) : o.ThenBy(p => p.SortKey).ThenBy(p => p.Id);
    }

    public async Task<(MemberView Member, Guid HouseholdId)> GetAsync(Guid id, HouseholdService households, CancellationToken ct = default)
    {
        var person = await db.Set<Person>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct)
            ?? throw new Platform.Errors.NotFoundException("Không tìm thấy nhân khẩu.");
        await households.LoadInScopeAsync(person.HouseholdId, ct);
        var sensitive = Roles.CanReadSensitive(db.Actor.Role);
        if (sensitive)
        {
            db.Audit("read.sensitive", "person", id.ToString(), person.CommuneCode, after: new { fields = new[] { "ethnicity", "disability" } });
            await db.SaveChangesAsync(ct);
        }
        return (HouseholdService.ToView(person, person.Relationship, sensitive, !sensitive), person.HouseholdId);
    }
}
