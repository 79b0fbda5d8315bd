using AnSinh.Platform.Audit;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Persistence;
using AnSinh.Web.Audit;

namespace AnSinh.Web.Api;

public sealed record AuditEventView(long Id, DateTime At, string UserName, string Action, string EntityType, string? EntityId, string? UnitCode, string? Before, string? After,
    string ActionName, string RecordName, string KindName);

/// <summary>Record: a household code or a national id; Unit: a unit code; Kind: "write", "read" or empty; From, To: days in Vietnam time.</summary>
public sealed record AuditQuery(string? EntityId, Guid? Household, string? User, DateOnly? From, DateOnly? To, int? Page,
    string? Record = null, string? Unit = null, string? Action = null, string? Kind = null);

/// <summary>Inspectors and administrators browse events by record, user and date, within their scope.</summary>
public static class AuditApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", async ([AsParameters] AuditQuery q, AuditTimeline timeline, CancellationToken ct) =>
            {
                var (items, total) = await QueryAsync(q, timeline, ct);
                return new { items, total };
            })
            .RequireAuthorization(Policies.AuditReader).WithTags("Audit");
        app.MapGet("/api/audit/export.xlsx", async ([AsParameters] AuditQuery q, AuditTimeline timeline, CancellationToken ct) =>
            {
                var ms = new MemoryStream();
                using (var w = new Platform.Excel.XlsxWriter(ms, "Nhat ky"))
                {
                    w.WriteHeader(["#", "Thời điểm (UTC)", "Người dùng", "Hành động", "Loại bản ghi", "Mã bản ghi", "Đơn vị", "Trước", "Sau"]);
                    for (var page = 1; page <= 200; page++)
                    {
                        var (items, _) = await QueryAsync(q with { Page = page }, timeline, ct);
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

    public static async Task<(IReadOnlyList<AuditEventView> Items, int Total)> QueryAsync(AuditQuery query, AuditTimeline timeline, CancellationToken ct)
    {
        var page = await timeline.QueryAsync(new AuditFilter(query.Record, query.EntityId, query.Household, query.User, query.Unit, query.Action, query.Kind, query.From, query.To, query.Page), ct);
        if (page.Problem is not null)
        {
            throw new InputValidationException("record", page.Problem);
        }
        var items = page.Items.Select(e => new AuditEventView(e.Id, e.At, e.UserName, e.Action, e.EntityType, e.EntityId, e.UnitCode, e.Before, e.After,
            e.ActionText, e.RecordName, e.Kind == AuditKind.Write ? "write" : e.Kind == AuditKind.Read ? "read" : "access")).ToList();
        return (items, page.Total);
    }
}
