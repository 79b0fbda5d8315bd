using AnSinh.Platform.Excel;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using AnSinh.Platform.Text;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Registry.Persons;

/// <summary>Lists to .xlsx, filtered to the user's scope like every read, streamed row by row.</summary>
public sealed class RegistryExport(AnSinhDbContext db, ScopeResolver scopes)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task PersonsAsync(PersonFilter filter, Stream output, CancellationToken ct)
    {
        var scope = await scopes.CurrentAsync(ct);
        var q = db.Set<Person>().AsNoTracking().InScope(scope);
        if (!string.IsNullOrWhiteSpace(filter.CommuneCode))
        {
            var code = filter.CommuneCode.Trim();
            q = q.Where(p => p.CommuneCode == code);
        }
        if (PersonRules.ParseStatus(filter.Status) is { } status)
        {
            q = q.Where(p => p.Status == status);
        }
        if (PersonRules.ParseSex(filter.Sex) is { } sex)
        {
            q = q.Where(p => p.Sex == sex);
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var key = VietnameseText.SearchKey(filter.Q);
            q = q.Where(p => p.SearchName.Contains(key) || p.GivenSearch.Contains(key));
        }
        var sensitive = Roles.CanReadSensitive(db.Actor.Role);
        var rows = q.OrderBy(p => p.SortKey).Join(db.Set<Household>(), p => p.HouseholdId, h => h.Id,
            (p, h) => new { p.FullName, p.Sex, p.BirthYear, p.BirthMonth, p.BirthDay, p.NationalId, p.EthnicityCode, p.Relationship, p.Occupation, p.Status, h.Code, h.CommuneCode, h.VillageName, h.Address });
        var count = 0;
        await XlsxOutput.WriteAsync(output, "Nhan khau", async w =>
        {
            w.WriteHeader(["Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Dân tộc", "Quan hệ với chủ hộ", "Nghề nghiệp", "Tình trạng", "Mã hộ", "Mã xã", "Thôn/tổ dân phố", "Địa chỉ"]);
            await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                count++;
                w.WriteRow([r.FullName, PersonRules.Vietnamese(r.Sex), new PartialDate(r.BirthYear, r.BirthMonth, r.BirthDay).ToDisplay(),
                    r.NationalId is null ? null : sensitive ? r.NationalId : HouseholdService.Mask(r.NationalId),
                    sensitive ? Ethnicities.NameOf(r.EthnicityCode) : null, PersonRules.Vietnamese(r.Relationship), r.Occupation,
                    PersonRules.Vietnamese(r.Status), r.Code, r.CommuneCode, r.VillageName, r.Address]);
            }
        }, ct);
        await AuditAsync("persons", filter, count, scope, ct);
    }

    public async Task HouseholdsAsync(HouseholdFilter filter, Stream output, CancellationToken ct)
    {
        var (sort, desc) = ListSort.Parse(filter.Sort, filter.Dir, ListSort.Households);
        var scope = await scopes.CurrentAsync(ct);
        var q = HouseholdService.Filtered(db.Set<Household>().AsNoTracking().InScope(scope), filter);
        var count = 0;
        await XlsxOutput.WriteAsync(output, "Ho gia dinh", async w =>
        {
            w.WriteHeader(["Mã xã", "Mã hộ", "Thôn/tổ dân phố", "Địa chỉ", "Chủ hộ", "Số nhân khẩu", "Khu vực"]);
            var rows = HouseholdService.Sorted(db, q, sort, desc)
                .Select(h => new { h.CommuneCode, h.Code, h.VillageName, h.Address, h.HeadName, h.IsUrban, Members = db.Set<Person>().Count(p => p.HouseholdId == h.Id && p.Status == PersonStatus.Resident) });
            await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                count++;
                w.WriteRow([r.CommuneCode, r.Code, r.VillageName, r.Address, r.HeadName, r.Members, r.IsUrban ? "Thành thị" : "Nông thôn"]);
            }
        }, ct);
        await AuditAsync("households", filter, count, scope, ct);
    }


    private async Task AuditAsync(string what, object filter, int count, UserScope scope, CancellationToken ct)
    {
        db.Audit("export." + what, what, null, scope.Unit?.Code, after: new { filter, rows = count });
        await db.SaveChangesAsync(ct);
    }
}
