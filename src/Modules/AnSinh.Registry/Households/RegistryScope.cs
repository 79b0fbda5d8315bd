using AnSinh.Platform.Scoping;

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
}
