using AnSinh.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Platform.AdminUnits;

public static class AdminUnitQueries
{
    public static IQueryable<AdminUnit> ValidOn(this IQueryable<AdminUnit> units, DateOnly date) =>
        units.Where(u => (u.ValidFrom == null || u.ValidFrom <= date) && (u.ValidTo == null || u.ValidTo >= date));

    /// <summary>The commune with this code in the map valid on the date.</summary>
    public static Task<AdminUnit?> FindCommuneAsync(this AnSinhDbContext db, string? code, DateOnly date, CancellationToken ct = default) =>
        db.AdminUnits.AsNoTracking().ValidOn(date)
            .Where(u => u.Code == (code ?? "").Trim() && u.Level == AdminLevel.Commune)
            .FirstOrDefaultAsync(ct);

    /// <summary>The date in Vietnam (UTC+7) on the context's clock.</summary>
    public static DateOnly Today(this AnSinhDbContext db) => Calendar.VietnamTime.Today(db.Clock);
}
