using System.Text.RegularExpressions;
using AnSinh.Funds.Ledger;
using AnSinh.Platform.Audit;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Web.Audit;

/// <summary>
/// What the inspector asks of the audit log. Record: a household's code ("00004-000123", "HGĐ 00004-000123"),
/// a person's national id or a record's id; Household: a household and its members; Kind: "write", "read" or
/// empty for all; From and To: days of Vietnam's calendar.
/// </summary>
public sealed record AuditFilter(
    string? Record = null, string? EntityId = null, Guid? Household = null, string? User = null, string? Unit = null,
    string? Action = null, string? Kind = null, DateOnly? From = null, DateOnly? To = null, int? Page = null);

/// <summary>One event as the timeline shows it.</summary>
public sealed record AuditEntry(
    long Id, DateTime At, DateTime VietnamAt, string UserName, string? UserRole, string Action, string ActionText, AuditKind Kind,
    string EntityType, string? EntityId, string RecordName, string? UnitCode, string? UnitName, IReadOnlyList<FieldChange> Changes,
    string? Before, string? After);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int Total, int Page, int PageSize, string? Problem);

/// <summary>
/// The audit log for inspectors and administrators: filtered and paged in the database (on the
/// indexed record, user and time columns, within the reader's place scope), then each event of the
/// page put in words, with the readable keys of its records read in one query per kind of record.
/// </summary>
public sealed partial class AuditTimeline(AnSinhDbContext db, ScopeResolver scopes)
{
    public const int PageSize = 50;

    public async Task<AuditPage> QueryAsync(AuditFilter filter, CancellationToken ct = default)
    {
        var page = Math.Max(1, filter.Page ?? 1);
        var (q, problem) = await FilteredAsync(filter, ct);
        if (problem is not null)
        {
            return new AuditPage([], 0, page, PageSize, problem);
        }
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new AuditPage(await DescribeAsync(rows, ct), total, page, PageSize, null);
    }

    private async Task<(IQueryable<AuditEvent> Query, string? Problem)> FilteredAsync(AuditFilter filter, CancellationToken ct)
    {
        var scope = await scopes.CurrentAsync(ct);
        var q = db.AuditEvents.AsNoTracking();
        if (scope.Kind == ScopeKind.Province)
        {
            var codes = db.AdminUnits.Where(u => u.CurrentProvinceCode == scope.ProvinceCode).Select(u => u.Code);
            q = q.Where(e => e.UnitCode != null && codes.Contains(e.UnitCode));
        }
        else if (scope.Kind == ScopeKind.Commune)
        {
            var codes = db.AdminUnits.Where(u => scope.CommuneIds.Contains(u.Id)).Select(u => u.Code);
            q = q.Where(e => e.UnitCode != null && codes.Contains(e.UnitCode));
        }
        else if (scope.Kind == ScopeKind.Nothing)
        {
            q = q.Where(e => false);
        }

        var household = filter.Household;
        var entityId = filter.EntityId?.Trim();
        if (!string.IsNullOrWhiteSpace(filter.Record))
        {
            var record = filter.Record.Trim();
            if (Guid.TryParse(record, out var g))
            {
                entityId = g.ToString();
            }
            else if (HouseholdCode().Match(record) is { Success: true } m)
            {
                var commune = m.Groups["commune"].Value;
                var code = m.Groups["code"].Value;
                var found = await db.Set<Household>().Where(h => h.CommuneCode == commune && h.Code == code).Select(h => (Guid?)h.Id).FirstOrDefaultAsync(ct);
                if (found is null)
                {
                    return (q, $"Không có hộ gia đình mã {commune}-{code}.");
                }
                household = found;
            }
            else if (NationalId().IsMatch(record))
            {
                var person = await db.Set<Person>().Where(p => p.NationalId == record).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
                if (person is null)
                {
                    return (q, $"Không có nhân khẩu có số định danh {record}.");
                }
                entityId = person.Value.ToString();
            }
            else
            {
                return (q, "Bản ghi: nhập mã hộ dạng 00004-000123 (mã xã - mã hộ) hoặc số định danh 12 chữ số.");
            }
        }
        if (household is { } hid)
        {
            var ids = (await db.Set<Person>().Where(p => p.HouseholdId == hid).Select(p => p.Id).ToListAsync(ct)).Select(p => p.ToString()).ToList();
            ids.Add(hid.ToString());
            q = q.Where(e => e.EntityId != null && ids.Contains(e.EntityId));
        }
        if (!string.IsNullOrWhiteSpace(entityId))
        {
            q = q.Where(e => e.EntityId == entityId);
        }
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim();
            q = q.Where(e => e.UserName == user);
        }
        if (!string.IsNullOrWhiteSpace(filter.Unit))
        {
            var unit = filter.Unit.Trim();
            var under = db.AdminUnits.Where(u => u.Code == unit || u.ParentCode == unit || u.CurrentProvinceCode == unit || u.ProvinceCode == unit).Select(u => u.Code);
            q = q.Where(e => e.UnitCode != null && (e.UnitCode == unit || under.Contains(e.UnitCode)));
        }
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            q = q.Where(e => e.Action == action);
        }
        if (string.Equals(filter.Kind, "write", StringComparison.OrdinalIgnoreCase))
        {
            q = q.Where(e => !(e.Action.StartsWith("read.") || e.Action.EndsWith("read") || e.Action.StartsWith("export.")
                || e.Action == "fund.voucher_printed" || e.Action == "poverty.certificate_issued" || e.Action.StartsWith("auth.") || e.Action.StartsWith("access.")));
        }
        else if (string.Equals(filter.Kind, "read", StringComparison.OrdinalIgnoreCase))
        {
            q = q.Where(e => e.Action.StartsWith("read.") || e.Action.EndsWith("read") || e.Action.StartsWith("export.")
                || e.Action == "fund.voucher_printed" || e.Action == "poverty.certificate_issued" || e.Action.StartsWith("auth.") || e.Action.StartsWith("access."));
        }
        // Days of Vietnam's calendar: midnight in Hà Nội is 17:00 UTC of the day before.
        if (filter.From is { } from)
        {
            var f = DateTime.SpecifyKind(from.ToDateTime(TimeOnly.MinValue) - AuditWords.VietnamOffset, DateTimeKind.Utc);
            q = q.Where(e => e.At >= f);
        }
        if (filter.To is { } to)
        {
            var t = DateTime.SpecifyKind(to.AddDays(1).ToDateTime(TimeOnly.MinValue) - AuditWords.VietnamOffset, DateTimeKind.Utc);
            q = q.Where(e => e.At < t);
        }
        return (q, null);
    }

    /// <summary>Puts a page of events in words; the names of households, persons, funds, users and units come in one query each.</summary>
    private async Task<IReadOnlyList<AuditEntry>> DescribeAsync(List<AuditEvent> rows, CancellationToken ct)
    {
        var guids = rows.SelectMany(r => GuidsOf(r)).Distinct().ToList();
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (guids.Count > 0)
        {
            var households = await db.Set<Household>().AsNoTracking().Where(h => guids.Contains(h.Id))
                .Select(h => new { h.Id, h.CommuneCode, h.Code, h.HeadName }).ToListAsync(ct);
            foreach (var h in households)
            {
                names[h.Id.ToString()] = $"HGĐ {h.CommuneCode}-{h.Code}" + (string.IsNullOrEmpty(h.HeadName) ? "" : $" ({h.HeadName})");
            }
            var persons = await db.Set<Person>().AsNoTracking().Where(p => guids.Contains(p.Id)).Select(p => new { p.Id, p.FullName }).ToListAsync(ct);
            foreach (var p in persons)
            {
                names[p.Id.ToString()] = p.FullName;
            }
            var funds = await db.Set<Fund>().AsNoTracking().Where(f => guids.Contains(f.Id)).Select(f => new { f.Id, f.Name }).ToListAsync(ct);
            foreach (var f in funds)
            {
                names[f.Id.ToString()] = f.Name;
            }
            var users = await db.Users.AsNoTracking().Where(u => guids.Contains(u.Id)).Select(u => new { u.Id, u.UserName }).ToListAsync(ct);
            foreach (var u in users)
            {
                names[u.Id.ToString()] = u.UserName ?? AuditWords.ShortId(u.Id.ToString());
            }
        }
        var userNames = rows.Select(r => r.UserName).Distinct().ToList();
        var roles = (await db.Users.AsNoTracking().Where(u => u.UserName != null && userNames.Contains(u.UserName)).Select(u => new { u.UserName, u.Role }).ToListAsync(ct))
            .ToDictionary(u => u.UserName!, u => Roles.VietnameseName(u.Role), StringComparer.Ordinal);
        var unitCodes = rows.Where(r => r.UnitCode != null).Select(r => r.UnitCode!).Distinct().ToList();
        var units = (await db.AdminUnits.AsNoTracking().Where(u => unitCodes.Contains(u.Code)).OrderBy(u => u.ValidTo != null).Select(u => new { u.Code, u.FullName }).ToListAsync(ct))
            .DistinctBy(u => u.Code).ToDictionary(u => u.Code, u => u.FullName, StringComparer.Ordinal);
        string? NameOf(string id) => names.GetValueOrDefault(Guid.TryParse(id, out var g) ? g.ToString() : id);

        return rows.Select(r => new AuditEntry(
            r.Id, r.At, AuditWords.ToVietnam(r.At), r.UserName, roles.GetValueOrDefault(r.UserName), r.Action,
            AuditWords.ActionText(r.Action, r.EntityType), AuditWords.Kind(r.Action), r.EntityType, r.EntityId,
            r.EntityId is null ? "" : NameOf(r.EntityId) ?? AuditWords.ShortId(r.EntityId),
            r.UnitCode, r.UnitCode is null ? null : units.GetValueOrDefault(r.UnitCode),
            AuditWords.Describe(r.EntityType, r.Before, r.After, NameOf), r.Before, r.After)).ToList();
    }

    private static IEnumerable<Guid> GuidsOf(AuditEvent e)
    {
        if (Guid.TryParse(e.EntityId, out var id))
        {
            yield return id;
        }
        foreach (var text in new[] { e.Before, e.After })
        {
            if (text is null)
            {
                continue;
            }
            foreach (Match m in GuidPattern().Matches(text))
            {
                yield return Guid.Parse(m.Value);
            }
        }
    }

    [GeneratedRegex(@"^(?:HGĐ\s*)?(?<commune>\d{5})\s*[-/]\s*(?<code>\w{1,20})$", RegexOptions.IgnoreCase)]
    private static partial Regex HouseholdCode();

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex NationalId();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();
}
