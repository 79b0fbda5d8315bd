using AnSinh.Platform.Audit;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Web.Api;

public sealed record AuditEventView(long Id, DateTime At, string UserName, string Action, string EntityType, string? EntityId, string? UnitCode, string? Before, string? After);

public sealed record AuditQuery(string? EntityId, Guid? Household, string? User, DateOnly? From, DateOnly? To, int? Page);

/// <summary>Inspectors and administrators browse events by record, user and date, within their scope.</summary>
public static class AuditApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", async ([AsParameters] AuditQuery q, AnSinhDbContext db, ScopeResolver scopes, CancellationToken ct) =>
            {
                var (items, total) = await QueryAsync(q, db, scopes, ct);
                return new { items, total };
            })
            .RequireAuthorization(Policies.AuditReader).WithTags("Audit");
        app.MapGet("/api/audit/export.xlsx", async ([AsParameters] AuditQuery q, AnSinhDbContext db, ScopeResolver scopes, CancellationToken ct) =>
            {
                var ms = new MemoryStream();
                using (var w = new Platform.Excel.XlsxWriter(ms, "Nhat ky"))
                {
                    w.WriteHeader(["#", "Thời điểm (UTC)", "Người dùng", "Hành động", "Loại bản ghi", "Mã bản ghi", "Đơn vị", "Trước", "Sau"]);
                    for (var page = 1; page <= 200; page++)
                    {
                        var (items, _) = await QueryAsync(q with { Page = page }, db, scopes, ct);
                        foreach (var e in items)
                        {
                            w.WriteRow([e.Id, e.At.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), e.UserName, e.Action, e.EntityType, e.EntityId, e.UnitCode, e.Before, e.After]);
                        }
                        if (items.Count < 50)
                        {
                            break;
                        }
                    }
                }
                return TypedResults.File(ms.ToArray(), Registry.Persons.RegistryExport.ContentType, "nhat-ky.xlsx");
            })
            .RequireAuthorization(Policies.AuditReader).WithTags("Audit");
        app.MapGet("/api/audit/verify", async (AnSinhDbContext db, CancellationToken ct) => await AuditChain.VerifyAsync(db.AuditEvents, ct))
            .RequireAuthorization(Policies.AuditReader).WithTags("Audit");
    }

    public static async Task<(IReadOnlyList<AuditEventView> Items, int Total)> QueryAsync(AuditQuery query, AnSinhDbContext db, ScopeResolver scopes, CancellationToken ct)
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
        if (query.Household is { } hid)
        {
            var ids = (await db.Set<Person>().Where(p => p.HouseholdId == hid).Select(p => p.Id).ToListAsync(ct)).Select(p => p.ToString()).ToList();
            ids.Add(hid.ToString());
            q = q.Where(e => e.EntityId != null && ids.Contains(e.EntityId));
        }
        if (!string.IsNullOrWhiteSpace(query.EntityId))
        {
            q = q.Where(e => e.EntityId == query.EntityId.Trim());
        }
        if (!string.IsNullOrWhiteSpace(query.User))
        {
            q = q.Where(e => e.UserName == query.User.Trim());
        }
        if (query.From is { } from)
        {
            var f = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            q = q.Where(e => e.At >= f);
        }
        if (query.To is { } to)
        {
            var t = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            q = q.Where(e => e.At < t);
        }
        var total = await q.CountAsync(ct);
        var page = Math.Max(1, query.Page ?? 1);
        var items = await q.OrderByDescending(e => e.Id).Skip((page - 1) * 50).Take(50)
            .Select(e => new AuditEventView(e.Id, e.At, e.UserName, e.Action, e.EntityType, e.EntityId, e.UnitCode, e.Before, e.After))
            .ToListAsync(ct);
        return (items, total);
    }
}
