using AnSinh.Platform.Errors;
using AnSinh.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Registry.Households;

public static class RegistryScope
{
    public static IQueryable<Household> InScope(this IQueryable<Household> q, UserScope s) => s.Kind switch
    {
        ScopeKind.Nation => q,
        ScopeKind.Province => q.Where(h => h.ProvinceCode == s.ProvinceCode),
        ScopeKind.Commune => q.Where(h => s.CommuneIds.Contains(h.CommuneUnitId)),
        _ => q.Where(h => false),
    };

    public static IQueryable<Person> InScope(this IQueryable<Person> q, UserScope s) => s.Kind switch
    {
        ScopeKind.Nation => q,
        ScopeKind.Province => q.Where(p => p.ProvinceCode == s.ProvinceCode),
        ScopeKind.Commune => q.Where(p => s.CommuneIds.Contains(p.CommuneUnitId)),
        _ => q.Where(p => false),
    };

    /// <summary>
    /// A household named by its code, which is unique only within a commune: among the households
    /// of the user's scope (and of <paramref name="communeCode"/>, and of <paramref name="withinCommunes"/>
    /// when given). Several matches are refused with the communes named; none gives null.
    /// </summary>
    public static async Task<Household?> FindByCodeAsync(this IQueryable<Household> q, UserScope scope, string code, string? communeCode,
        IReadOnlyCollection<string>? withinCommunes, CancellationToken ct)
    {
        var commune = string.IsNullOrWhiteSpace(communeCode) ? null : communeCode.Trim();
        q = q.InScope(scope).Where(h => h.Code == code);
        if (commune is not null)
        {
            q = q.Where(h => h.CommuneCode == commune);
        }
        if (withinCommunes is not null)
        {
            q = q.Where(h => withinCommunes.Contains(h.CommuneCode));
        }
        var found = await q.Take(50).ToListAsync(ct);
        if (found.Count > 1)
        {
            throw new InputValidationException("communeCode",
                $"Mã hộ {code} có ở {found.Count} xã ({string.Join(", ", found.Select(h => h.CommuneCode).Distinct().Take(5))}); cần ghi rõ mã xã.");
        }
        return found.SingleOrDefault();
    }
}
