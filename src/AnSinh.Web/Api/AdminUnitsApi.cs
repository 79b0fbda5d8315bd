using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using AnSinh.Platform.Text;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Web.Api;

public sealed record AdminUnitView(string Code, string Name, string FullName, string Level, string? ParentCode, DateOnly? ValidFrom, DateOnly? ValidTo, bool IsUrban);

public sealed record LinkView(string Code, string Name, string Kind, DateOnly? ValidFrom, DateOnly? ValidTo);

public sealed record AddVillageRequest(string? Name);

/// <summary>The administrative map is public reference data; villages are kept by each commune's officers.</summary>
public static class AdminUnitsApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        // Pickers: today's units by name (with or without diacritics) or code, in the user's scope unless scope=all.
        app.MapGet("/api/units/search", (string? q, string? level, string? scope, UnitPicker picker, CancellationToken ct) =>
            picker.SearchAsync(q, level, string.Equals(scope, "all", StringComparison.OrdinalIgnoreCase), ct))
            .RequireAuthorization().WithTags("Administrative units");
        var g = app.MapGroup("/api/admin-units").WithTags("Administrative units");
        g.MapGet("", (string? level, DateOnly? date, string? parentCode, string? q, int? limit, AnSinhDbContext db, CancellationToken ct) =>
            SearchAsync(db, level, date, parentCode, q, limit ?? 500, ct));
        g.MapGet("/export.xlsx", async (string? level, DateOnly? date, string? parentCode, string? q, AnSinhDbContext db, CancellationToken ct) =>
        {
            var units = await SearchAsync(db, level, date, parentCode, q, 20000, ct);
            var ms = new MemoryStream();
            using (var w = new Platform.Excel.XlsxWriter(ms, "Don vi hanh chinh"))
            {
                w.WriteHeader(["Mã", "Tên", "Cấp", "Mã cấp trên", "Hiệu lực từ", "Hiệu lực đến", "Khu vực"]);
                foreach (var u in units)
                {
                    w.WriteRow([u.Code, u.FullName, u.Level, u.ParentCode, u.ValidFrom, u.ValidTo, u.IsUrban ? "Thành thị" : "Nông thôn"]);
                }
            }
            return TypedResults.File(ms.ToArray(), Registry.Persons.RegistryExport.ContentType, "don-vi-hanh-chinh.xlsx");
        });
        g.MapGet("/{code}", async (string code, DateOnly? date, AnSinhDbContext db, CancellationToken ct) =>
        {
            var u = await FindAsync(db, code, date, ct);
            return ToView(u);
        });
        g.MapGet("/{code}/successors", async (string code, AnSinhDbContext db, CancellationToken ct) =>
        {
            var u = await FindAsync(db, code, AdminMapSource.OldMapValidTo, ct);
            return await LinksAsync(db, u.Id, successors: true, ct);
        });
        g.MapGet("/{code}/predecessors", async (string code, AnSinhDbContext db, CancellationToken ct) =>
        {
            var u = await FindAsync(db, code, AdminMapSource.NewMapValidFrom, ct);
            return await LinksAsync(db, u.Id, successors: false, ct);
        });
        g.MapGet("/{code}/villages", async (string code, AnSinhDbContext db, CancellationToken ct) =>
        {
            var u = await FindAsync(db, code, null, ct);
            return await db.Villages.AsNoTracking().Where(v => v.CommuneUnitId == u.Id).OrderBy(v => v.Id).Select(v => new { v.Id, v.Name }).ToListAsync(ct);
        });
        g.MapPost("/{code}/villages", async (string code, AddVillageRequest r, AnSinhDbContext db, ScopeResolver scopes, CancellationToken ct) =>
        {
            var v = await AddVillageAsync(db, scopes, code, r.Name, ct);
            return TypedResults.Created($"/api/admin-units/{code}/villages", new { v.Id, v.Name });
        }).RequireAuthorization();
    }

    public static async Task<List<AdminUnitView>> SearchAsync(AnSinhDbContext db, string? level, DateOnly? date, string? parentCode, string? q, int limit, CancellationToken ct)
    {
        var d = date ?? db.Today();
        var units = db.AdminUnits.AsNoTracking().ValidOn(d);
        if (!string.IsNullOrWhiteSpace(level))
        {
            var l = ParseLevel(level) ?? throw new InputValidationException("level", "Cấp phải là province, district hoặc commune.");
            units = units.Where(u => u.Level == l);
        }
        if (!string.IsNullOrWhiteSpace(parentCode))
        {
            units = units.Where(u => u.ParentCode == parentCode.Trim());
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var key = VietnameseText.SearchKey(q);
            units = units.Where(u => u.SearchName.Contains(key) || u.Code == q.Trim());
        }
        var list = await units.OrderBy(u => u.Level).ThenBy(u => u.Code).Take(Math.Clamp(limit, 1, 20000)).ToListAsync(ct);
        return list.Select(ToView).ToList();
    }

    public static async Task<AdminUnit> FindAsync(AnSinhDbContext db, string code, DateOnly? date, CancellationToken ct)
    {
        var all = await db.AdminUnits.AsNoTracking().Where(u => u.Code == code).ToListAsync(ct);
        var d = date ?? db.Today();
        return all.FirstOrDefault(u => u.IsValidOn(d))
            ?? all.OrderByDescending(u => u.ValidFrom).FirstOrDefault()
            ?? throw new NotFoundException($"Không có đơn vị hành chính mã {code}.");
    }

    public static async Task<List<LinkView>> LinksAsync(AnSinhDbContext db, int unitId, bool successors, CancellationToken ct)
    {
        var links = await db.AdminUnitLinks.AsNoTracking().Where(l => successors ? l.OldUnitId == unitId : l.NewUnitId == unitId).ToListAsync(ct);
        var ids = links.Select(l => successors ? l.NewUnitId : l.OldUnitId).ToList();
        var units = await db.AdminUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        return links.Select(l =>
        {
            var u = units[successors ? l.NewUnitId : l.OldUnitId];
            return new LinkView(u.Code, u.FullName, l.Kind == SuccessionKind.Full ? "full" : "partial", u.ValidFrom, u.ValidTo);
        }).OrderBy(l => l.Code).ToList();
    }

    public static async Task<Village> AddVillageAsync(AnSinhDbContext db, ScopeResolver scopes, string communeCode, string? name, CancellationToken ct)
    {
        if (!Roles.CanEditRegister(db.Actor.Role))
        {
            throw new RuleViolationException("Vai trò của bạn không được sửa danh sách thôn.");
        }
        var commune = await db.FindCommuneAsync(communeCode, db.Today(), ct) ?? throw new NotFoundException($"Không có xã mã {communeCode} trong bản đồ hiện hành.");
        if (!(await scopes.CurrentAsync(ct)).Allows(commune.Id, commune.CurrentProvinceCode))
        {
            throw new NotFoundException($"Không có xã mã {communeCode} trong phạm vi của bạn.");
        }
        var n = VietnameseText.Normalize(name);
        if (Registry.Households.PersonRules.CheckText(n, "tên thôn", 200, required: true) is { } error)
        {
            throw new InputValidationException("name", error);
        }
        var key = VietnameseText.SearchKey(n);
        if (await db.Villages.AnyAsync(v => v.CommuneUnitId == commune.Id && v.SearchName == key, ct))
        {
            throw new RuleViolationException($"Xã đã có thôn \"{n}\".");
        }
        var village = new Village { CommuneUnitId = commune.Id, Name = n, SearchName = key };
        db.Villages.Add(village);
        db.Audit("village.create", "village", null, commune.Code, after: new { name = n });
        await db.SaveChangesAsync(ct);
        return village;
    }

    public static AdminLevel? ParseLevel(string? level) => level?.Trim().ToLowerInvariant() switch
    {
        "province" or "tinh" => AdminLevel.Province,
        "district" or "huyen" => AdminLevel.District,
        "commune" or "xa" => AdminLevel.Commune,
        _ => null,
    };

    public static string LevelCode(AdminLevel l) => l switch
    {
        AdminLevel.Province => "province",
        AdminLevel.District => "district",
        _ => "commune",
    };

    public static AdminUnitView ToView(AdminUnit u) => new(u.Code, u.Name, u.FullName, LevelCode(u.Level), u.ParentCode, u.ValidFrom, u.ValidTo, u.IsUrban);
}
