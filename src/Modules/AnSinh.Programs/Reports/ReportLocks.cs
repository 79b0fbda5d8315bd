using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Reporting;
using AnSinh.Programs.Indicators;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Programs.Reports;

/// <summary>
/// The locks of approved reports: a report approved for a unit and period locks that period for
/// every unit it covers (itself and, under the map it was approved on, the units below it).
/// </summary>
public sealed class ReportPeriodLock(AnSinhDbContext db) : IPeriodLock
{
    public async Task<PeriodLock?> LockedAsync(AdminUnit unit, int year, CancellationToken ct)
    {
        var candidates = await db.Set<ApprovedReport>().AsNoTracking()
            .Where(r => r.ProvinceCode == unit.CurrentProvinceCode && r.Year == year)
            .Select(r => new { r.UnitId, r.UnitCode, r.UnitName, r.Period, r.Map }).ToListAsync(ct);
        PeriodLock? latest = null;
        foreach (var r in candidates.OrderByDescending(r => IndicatorEngine.PeriodEnd(year, r.Period)))
        {
            var through = IndicatorEngine.PeriodEnd(year, r.Period);
            if (latest is not null && through <= latest.Through)
            {
                continue;
            }
            var covers = r.UnitId == unit.Id;
            if (!covers)
            {
                var reportUnit = await db.AdminUnits.AsNoTracking().FirstAsync(u => u.Id == r.UnitId, ct);
                var mapDate = r.Map == "today" ? db.Today() : IndicatorSummaries.AsOf(year, r.Period, db.Today());
                var set = await UnitSet.ResolveAsync(db, reportUnit.Code, mapDate, ct);
                covers = set.RowOf.ContainsKey(unit.Id);
            }
            if (covers)
            {
                var period = r.Period == ReportPeriod.HalfYear ? $"6 tháng đầu năm {year}" : $"năm {year}";
                latest = new PeriodLock(through, $"Báo cáo {period} của {r.UnitName} đã được phê duyệt nên kỳ này đã khóa.");
            }
        }
        return latest;
    }
}

/// <summary>The lock as this module's own writes (records, housing) ask it.</summary>
public static class ReportLocks
{
    public static Task EnsureOpenAsync(AnSinhDbContext db, AdminUnit commune, DateOnly date, CancellationToken ct) =>
        new ReportPeriodLock(db).EnsureOpenAsync(commune, date, ct);
}
