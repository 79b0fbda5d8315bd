using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Persistence;
using AnSinh.Programs.Indicators;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Programs.Reports;

/// <summary>An approved report locks its period: records of this module dated in it, for units it covers, can no longer be written.</summary>
public static class ReportLocks
{
    public static async Task EnsureOpenAsync(AnSinhDbContext db, AdminUnit commune, DateOnly date, CancellationToken ct)
    {
        var candidates = await db.Set<ApprovedReport>().AsNoTracking()
            .Where(r => r.ProvinceCode == commune.CurrentProvinceCode && r.Year == date.Year)
            .Select(r => new { r.UnitId, r.UnitCode, r.UnitName, r.Period, r.Map }).ToListAsync(ct);
        foreach (var r in candidates)
        {
            if (date > IndicatorEngine.PeriodEnd(date.Year, r.Period))
            {
                continue;
            }
            var covers = r.UnitId == commune.Id;
            if (!covers)
            {
                var unit = await db.AdminUnits.AsNoTracking().FirstAsync(u => u.Id == r.UnitId, ct);
                var mapDate = r.Map == "today" ? db.Today() : IndicatorSummaries.AsOf(date.Year, r.Period, db.Today());
                var set = await UnitSet.ResolveAsync(db, unit.Code, mapDate, ct);
                covers = set.RowOf.ContainsKey(commune.Id);
            }
            if (covers)
            {
                var period = r.Period == ReportPeriod.HalfYear ? $"6 tháng đầu năm {date.Year}" : $"năm {date.Year}";
                throw new RuleViolationException($"Báo cáo {period} của {r.UnitName} đã được phê duyệt nên kỳ này đã khóa; không ghi thêm hoặc sửa số liệu ngày {date:dd/MM/yyyy}.");
            }
        }
    }
}
