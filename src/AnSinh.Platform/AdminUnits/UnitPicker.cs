using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using AnSinh.Platform.Text;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Platform.AdminUnits;

/// <summary>A unit offered by a picker: "Xã Đông Khê — Tỉnh Cao Bằng".</summary>
public sealed record UnitOption(string Code, string Name, string FullName, string Level, string LevelName, string? ParentCode, string? ParentName);

/// <summary>What a picker's text stands for: a unit code, or a Vietnamese message for the field (the text is kept).</summary>
public sealed record UnitResolution(string? Code, string? Error);

/// <summary>
/// Finds units of today's map by name (with or without diacritics) or code, limited to the signed-in
/// user's scope unless the field names a unit anywhere (a commune a person moved from or to).
/// </summary>
public sealed class UnitPicker(AnSinhDbContext db, ScopeResolver scopes)
{
    public const int MaxResults = 20;

    /// <summary>"province", "commune" or empty (both); anything else is refused.</summary>
    public static AdminLevel? ParseLevel(string? level, out bool valid)
    {
        valid = true;
        switch (level?.Trim().ToLowerInvariant())
        {
            case null or "":
                return null;
            case "province" or "tinh":
                return AdminLevel.Province;
            case "commune" or "xa":
                return AdminLevel.Commune;
            default:
                valid = false;
                return null;
        }
    }

    public async Task<List<UnitOption>> SearchAsync(string? q, string? level, bool anywhere = false, CancellationToken ct = default)
    {
        var l = Level(level);
        var text = (q ?? "").Trim();
        var key = VietnameseText.SearchKey(text);
        if (key.Length == 0)
        {
            return [];
        }
        var units = await InScopeAsync(l, anywhere, ct);
        var found = await units.Where(u => u.SearchName.Contains(key) || u.Code.StartsWith(text))
            .OrderBy(u => u.Level).ThenBy(u => u.SearchName).Take(400).ToListAsync(ct);
        var ranked = found
            .OrderBy(u => u.Code == text ? 0 : VietnameseText.SearchKey(u.Name) == key ? 1 : VietnameseText.SearchKey(u.Name).StartsWith(key, StringComparison.Ordinal) ? 2 : 3)
            .ThenBy(u => u.Level).ThenBy(u => u.SearchName, StringComparer.Ordinal)
            .Take(MaxResults).ToList();
        return await OptionsAsync(ranked, ct);
    }

    /// <summary>The option of one code (for a field shown again with its code), or null.</summary>
    public async Task<UnitOption?> FindAsync(string? code, CancellationToken ct = default)
    {
        var c = (code ?? "").Trim();
        var today = db.Today();
        var unit = await db.AdminUnits.AsNoTracking().ValidOn(today).Where(u => u.Code == c && u.Level != AdminLevel.District).FirstOrDefaultAsync(ct);
        return unit is null ? null : (await OptionsAsync([unit], ct))[0];
    }

    /// <summary>
    /// A known code passes as it is (the service that receives it checks the scope); otherwise the text is
    /// taken as the exact name of one unit in scope ("Đông Khê", "Xã Đông Khê" or "Xã Đông Khê — Tỉnh Cao Bằng").
    /// Empty text gives an empty code and no message.
    /// </summary>
    public async Task<UnitResolution> ResolveAsync(string? text, string? level, bool anywhere = false, CancellationToken ct = default)
    {
        var t = VietnameseText.Normalize(text);
        if (t.Length == 0)
        {
            return new UnitResolution(null, null);
        }
        if (await db.AdminUnits.AnyAsync(u => u.Code == t, ct))
        {
            return new UnitResolution(t, null);
        }
        var l = Level(level);
        var dash = t.IndexOf(" — ", StringComparison.Ordinal);
        var key = VietnameseText.SearchKey(dash > 0 ? t[..dash] : t);
        var parentKey = dash > 0 ? VietnameseText.SearchKey(t[(dash + 3)..]) : null;
        var units = await InScopeAsync(l, anywhere, ct);
        var candidates = await units.Where(u => u.SearchName == key || u.SearchName.EndsWith(" " + key)).Take(200).ToListAsync(ct);
        var matches = candidates.Where(u => u.SearchName == key || VietnameseText.SearchKey(u.Name) == key).ToList();
        if (parentKey is not null && matches.Count > 1)
        {
            var options = await OptionsAsync(matches, ct);
            var codes = options.Where(o => VietnameseText.SearchKey(o.ParentName) == parentKey).Select(o => o.Code).ToHashSet();
            matches = matches.Where(u => codes.Contains(u.Code)).ToList();
        }
        var what = l switch
        {
            AdminLevel.Province => "tỉnh, thành phố",
            AdminLevel.Commune => "xã, phường",
            _ => "đơn vị hành chính",
        };
        return matches.Count switch
        {
            1 => new UnitResolution(matches[0].Code, null),
            0 => new UnitResolution(null, $"Không tìm thấy {what} “{t}” trong phạm vi của bạn."),
            _ => new UnitResolution(null, $"Có {matches.Count} {what} tên “{t}”: hãy chọn một trong danh sách gợi ý hoặc ghi thêm tên tỉnh."),
        };
    }

    private static AdminLevel? Level(string? level) =>
        ParseLevel(level, out var valid) is var l && valid
            ? l
            : throw new Errors.InputValidationException("level", "Cấp phải là province (tỉnh) hoặc commune (xã).");

    private async Task<IQueryable<AdminUnit>> InScopeAsync(AdminLevel? level, bool anywhere, CancellationToken ct)
    {
        var units = db.AdminUnits.AsNoTracking().ValidOn(db.Today()).Where(u => u.Level != AdminLevel.District);
        if (level is { } l)
        {
            units = units.Where(u => u.Level == l);
        }
        if (anywhere)
        {
            return units;
        }
        var scope = await scopes.CurrentAsync(ct);
        return scope.Kind switch
        {
            ScopeKind.Nation => units,
            ScopeKind.Province => units.Where(u => u.CurrentProvinceCode == scope.ProvinceCode),
            ScopeKind.Commune => units.Where(u => scope.CommuneIds.Contains(u.Id)),
            _ => units.Where(u => false),
        };
    }

    private async Task<List<UnitOption>> OptionsAsync(List<AdminUnit> units, CancellationToken ct)
    {
        var parentIds = units.Where(u => u.ParentId is not null).Select(u => u.ParentId!.Value).Distinct().ToList();
        var parents = await db.AdminUnits.AsNoTracking().Where(u => parentIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        return units.Select(u => new UnitOption(u.Code, u.Name, u.FullName,
            u.Level == AdminLevel.Province ? "province" : "commune",
            u.Level == AdminLevel.Province ? "Tỉnh, thành phố" : "Xã, phường",
            u.ParentCode, u.ParentId is { } p ? parents.GetValueOrDefault(p) : null)).ToList();
    }
}
