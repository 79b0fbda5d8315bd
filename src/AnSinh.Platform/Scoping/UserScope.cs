using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Platform.Scoping;

public enum ScopeKind
{
    Nation,
    Province,
    Commune,
    Nothing,
}

/// <summary>
/// The part of the map a user may see. A province scope is every record whose area lies in
/// that province of today's map; a commune scope is the commune and the old communes that
/// went (wholly or partly) into it, so that not-yet-re-homed households stay in reach.
/// </summary>
public sealed record UserScope(ScopeKind Kind, string? ProvinceCode, IReadOnlyCollection<int> CommuneIds, AdminUnit? Unit)
{
    public static readonly UserScope Nation = new(ScopeKind.Nation, null, [], null);
    public static readonly UserScope Nothing = new(ScopeKind.Nothing, null, [], null);

    public bool Allows(int communeUnitId, string provinceCode) => Kind switch
    {
        ScopeKind.Nation => true,
        ScopeKind.Province => string.Equals(provinceCode, ProvinceCode, StringComparison.Ordinal),
        ScopeKind.Commune => CommuneIds.Contains(communeUnitId),
        _ => false,
    };

    public string Describe() => Unit?.FullName ?? (Kind == ScopeKind.Nation ? "Toàn quốc" : "Không có phạm vi");
}

public sealed class ScopeResolver(AnSinhDbContext db, ICurrentActor actor, TimeProvider clock)
{
    private UserScope? _cached;

    public async Task<UserScope> CurrentAsync(CancellationToken ct = default) =>
        _cached ??= await ResolveAsync(actor.ScopeUnitCode, ct);

    public async Task<UserScope> ResolveAsync(string? scopeUnitCode, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(scopeUnitCode))
        {
            return UserScope.Nation;
        }
        var today = Calendar.VietnamTime.Today(clock);
        var unit = await db.AdminUnits.AsNoTracking()
            .Where(u => u.Code == scopeUnitCode && u.Level != AdminLevel.District
                && (u.ValidFrom == null || u.ValidFrom <= today) && (u.ValidTo == null || u.ValidTo >= today))
            .FirstOrDefaultAsync(ct);
        if (unit is null)
        {
            return UserScope.Nothing;
        }
        if (unit.Level == AdminLevel.Province)
        {
            return new UserScope(ScopeKind.Province, unit.Code, [], unit);
        }
        var ids = await db.AdminUnitLinks.AsNoTracking().Where(l => l.NewUnitId == unit.Id).Select(l => l.OldUnitId).ToListAsync(ct);
        ids.Add(unit.Id);
        return new UserScope(ScopeKind.Commune, unit.CurrentProvinceCode, ids.Distinct().ToArray(), unit);
    }
}
