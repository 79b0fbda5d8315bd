using System.Diagnostics;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Programs.Indicators;

/// <summary>The indicators of a unit for a period, summed from the summaries, with rates; the time the summaries were worked out.</summary>
public sealed record IndicatorValues(AdminUnit Unit, int Year, ReportPeriod Period, DateOnly AsOf, string Map, IReadOnlyDictionary<string, decimal> Values, DateTime? ComputedAt)
{
    public decimal Get(string indicator) => Values.GetValueOrDefault(indicator);
}

/// <summary>One row of a unit's table (a commune or district under it) with its values.</summary>
public sealed record ChildValues(string Code, string Name, IReadOnlyDictionary<string, decimal> Values);

/// <summary>
/// Keeps the indicator summaries current (ADR 0018). A province's year is worked out in one pass
/// over every source (<see cref="IndicatorEngine"/>) and stored per unit and period. Any audited
/// write names its unit, so reading first looks at the audit events since the last pass and marks
/// the provinces they touched; a marked province's year is worked out again before it is read.
/// Writes of this module mark the province and year of their own date directly.
/// </summary>
public sealed class IndicatorSummaries(AnSinhDbContext db, IndicatorEngine engine, ScopeResolver scopes)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Marks a province's year to be worked out again (saved with the caller's changes).</summary>
    public async Task MarkDirtyAsync(string provinceCode, int year, CancellationToken ct)
    {
        var row = await db.Set<SummaryRefresh>().FirstOrDefaultAsync(r => r.ProvinceCode == provinceCode && r.Year == year, ct);
        if (row is null)
        {
            db.Add(new SummaryRefresh { ProvinceCode = provinceCode, Year = year, Dirty = true });
        }
        else
        {
            row.Dirty = true;
        }
    }

    /// <summary>Marks the provinces touched by audited writes since the last look: this year and every year already worked out.</summary>
    public async Task CatchUpAsync(CancellationToken ct)
    {
        var mark = await db.Set<SummaryWatermark>().FirstOrDefaultAsync(w => w.Id == 1, ct);
        var last = mark?.AuditId ?? 0;
        var max = await db.AuditEvents.AsNoTracking().MaxAsync(e => (long?)e.Id, ct) ?? 0;
        if (max <= last)
        {
            return;
        }
        // Reads, exports and refusals are logged with a unit too; they change nothing.
        var codes = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Id > last && e.Id <= max && e.UnitCode != null
                && !e.Action.EndsWith("read") && !e.Action.StartsWith("export.") && !e.Action.StartsWith("auth.")
                && e.Action != "access.denied" && e.Action != "read.sensitive" && e.Action != "fund.voucher_printed" && e.Action != "poverty.certificate_issued")
            .Select(e => e.UnitCode!).Distinct().ToListAsync(ct);
        var provinces = await db.AdminUnits.AsNoTracking().Where(u => codes.Contains(u.Code)).Select(u => u.CurrentProvinceCode).Distinct().ToListAsync(ct);
        var today = db.Today();
        // An audit event does not say which period its record is dated in (a round decided, a
        // payroll approved or a receipt entered late for last year): every year already worked out
        // for a touched province is marked too, and is worked out again when it is next read.
        var worked = await db.Set<SummaryRefresh>().Where(r => provinces.Contains(r.ProvinceCode)).ToListAsync(ct);
        foreach (var r in worked)
        {
            r.Dirty = true;
        }
        foreach (var p in provinces.Where(p => !worked.Any(r => r.ProvinceCode == p && r.Year == today.Year)))
        {
            await MarkDirtyAsync(p, today.Year, ct);
        }
        if (mark is null)
        {
            db.Add(new SummaryWatermark { Id = 1, AuditId = max });
        }
        else
        {
            mark.AuditId = max;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Works the province's year out again when it was never worked out or a change marked it.</summary>
    public Task EnsureFreshAsync(string provinceCode, int year, CancellationToken ct) => EnsureFreshAsync(provinceCode, [year], ct);

    /// <summary>Works out, in one pass, every year of the list that was never worked out or that a change marked (a report and its series).</summary>
    public async Task EnsureFreshAsync(string provinceCode, IReadOnlyCollection<int> years, CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            await CatchUpAsync(ct);
            var wanted = years.Distinct().ToList();
            var fresh = await db.Set<SummaryRefresh>().AsNoTracking()
                .Where(r => r.ProvinceCode == provinceCode && wanted.Contains(r.Year) && !r.Dirty && r.RefreshedAt != null).Select(r => r.Year).ToListAsync(ct);
            var stale = wanted.Except(fresh).Order().ToList();
            if (stale.Count > 0)
            {
                await RefreshCoreAsync(provinceCode, stale, ct);
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Works out a province's year again, whatever its mark (the CLI's and the job's entry).</summary>
    public async Task<TimeSpan> RefreshAsync(string provinceCode, int year, CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            return await RefreshCoreAsync(provinceCode, [year], ct);
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<TimeSpan> RefreshCoreAsync(string provinceCode, IReadOnlyList<int> years, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var today = db.Today();
        var ids = await db.AdminUnits.AsNoTracking().Where(u => u.CurrentProvinceCode == provinceCode).Select(u => u.Id).ToListAsync(ct);
        if (ids.Count == 0)
        {
            throw new InputValidationException("provinceCode", $"Không có tỉnh mã \"{provinceCode}\".");
        }
        var rows = new List<IndicatorSummary>();
        var startedAt = db.Now();
        var periods = new[] { ReportPeriod.HalfYear, ReportPeriod.Year };
        var past = years.Where(y => y <= today.Year).ToList();
        var computed = await engine.ComputeYearsAsync(ids, past.Select(y => (y, (IReadOnlyList<DateOnly>)periods.Select(p => AsOf(y, p, today)).ToList())).ToList(), ct);
        foreach (var year in past)
        {
            foreach (var period in periods)
            {
                foreach (var (unit, values) in computed[year][AsOf(year, period, today)])
                {
                    rows.AddRange(values.Select(v => new IndicatorSummary { UnitId = unit, Year = year, Period = period, Indicator = v.Key, Value = v.Value }));
                }
            }
        }
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.BeginWriteAsync(ct);
            var all = years.ToList();
            await db.Set<IndicatorSummary>().Where(s => all.Contains(s.Year) && ids.Contains(s.UnitId)).ExecuteDeleteAsync(ct);
            await BulkInsert.InsertAsync(db, rows, withKeys: true, ct);
            var marks = await db.Set<SummaryRefresh>().Where(r => r.ProvinceCode == provinceCode && all.Contains(r.Year)).ToListAsync(ct);
            foreach (var year in all)
            {
                var mark = marks.FirstOrDefault(r => r.Year == year);
                if (mark is null)
                {
                    db.Add(mark = new SummaryRefresh { ProvinceCode = provinceCode, Year = year });
                }
                // A change saved while this pass ran marks the row again after this; a pass that began before it must not clear it.
                mark.Dirty = false;
                mark.RefreshedAt = startedAt;
                mark.Seconds = watch.Elapsed.TotalSeconds;
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
        db.ChangeTracker.Clear();
        return watch.Elapsed;
    }

    /// <summary>Checks that the signed-in user may see the unit's figures: their commune, their province, or the nation.</summary>
    public async Task CheckScopeAsync(UnitSet set, CancellationToken ct)
    {
        var scope = await scopes.CurrentAsync(ct);
        var unit = set.Unit;
        var allowed = scope.Kind switch
        {
            ScopeKind.Nation => true,
            ScopeKind.Province => unit.CurrentProvinceCode == scope.ProvinceCode,
            ScopeKind.Commune => unit.Level == AdminLevel.Commune && scope.CommuneIds.Contains(unit.Id),
            _ => false,
        };
        if (!allowed)
        {
            await db.AuditDeniedAsync("indicators", null, unit.Code, ct);
            throw new NotFoundException($"Không tìm thấy đơn vị mã {unit.Code} trong phạm vi của bạn ({scope.Describe()}).");
        }
    }

    public static DateOnly AsOf(int year, ReportPeriod period, DateOnly today)
    {
        var end = IndicatorEngine.PeriodEnd(year, period);
        return end < today ? end : today;
    }

    public async Task<UnitSet> ResolveAsync(string? unitCode, int year, ReportPeriod period, bool todayMap, CancellationToken ct)
    {
        var today = db.Today();
        if (year < 2000 || year > today.Year)
        {
            throw new InputValidationException("year", $"Năm phải từ 2000 đến {today.Year}.");
        }
        return await UnitSet.ResolveAsync(db, unitCode, todayMap ? today : AsOf(year, period, today), ct);
    }

    /// <summary>The unit's values for the period (scope checked unless <paramref name="checkScope"/> is false, for the public portal's suppressed figures).</summary>
    public async Task<IndicatorValues> ReadAsync(UnitSet set, int year, ReportPeriod period, bool checkScope, CancellationToken ct)
    {
        if (checkScope)
        {
            await CheckScopeAsync(set, ct);
        }
        await EnsureFreshAsync(set.Unit.CurrentProvinceCode, year, ct);
        var ids = set.Ids.ToList();
        var sums = await db.Set<IndicatorSummary>().AsNoTracking()
            .Where(s => s.Year == year && s.Period == period && ids.Contains(s.UnitId))
            .GroupBy(s => s.Indicator).Select(g => new { g.Key, Value = g.Sum(x => x.Value) }).ToDictionaryAsync(x => x.Key, x => x.Value, ct);
        var refreshed = await db.Set<SummaryRefresh>().AsNoTracking().Where(r => r.ProvinceCode == set.Unit.CurrentProvinceCode && r.Year == year).Select(r => r.RefreshedAt).FirstOrDefaultAsync(ct);
        var today = db.Today();
        return new IndicatorValues(set.Unit, year, period, AsOf(year, period, today), set.MapDate == today ? "today" : "then", IndicatorEngine.WithRates(sums), refreshed);
    }

    /// <summary>The values of each row of the unit's table (its communes, or districts of the old map).</summary>
    public async Task<List<ChildValues>> ReadChildrenAsync(UnitSet set, int year, ReportPeriod period, CancellationToken ct)
    {
        var ids = set.Ids.ToList();
        var rows = await db.Set<IndicatorSummary>().AsNoTracking()
            .Where(s => s.Year == year && s.Period == period && ids.Contains(s.UnitId))
            .Select(s => new { s.UnitId, s.Indicator, s.Value }).ToListAsync(ct);
        var byRow = rows.GroupBy(r => set.RowOf[r.UnitId])
            .ToDictionary(g => g.Key, g => g.GroupBy(x => x.Indicator).ToDictionary(x => x.Key, x => x.Sum(v => v.Value), StringComparer.Ordinal));
        var result = set.Children.Where(c => c.Id != set.Unit.Id)
            .Select(c => new ChildValues(c.Code, c.FullName, IndicatorEngine.WithRates(byRow.GetValueOrDefault(c.Id) ?? []))).ToList();
        if (set.Unit.Level != AdminLevel.Commune && byRow.TryGetValue(set.Unit.Id, out var own))
        {
            result.Add(new ChildValues(set.Unit.Code, $"Cấp {set.Unit.UnitType.ToLowerInvariant()} và xã cũ chưa phân về xã mới", IndicatorEngine.WithRates(own)));
        }
        return result;
    }
}
