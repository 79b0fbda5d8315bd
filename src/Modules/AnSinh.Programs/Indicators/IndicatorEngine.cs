using System.Text.Json;
using AnSinh.Benefits.HealthCards;
using AnSinh.Benefits.Parameters;
using AnSinh.Benefits.Payroll;
using AnSinh.Benefits.Registers;
using AnSinh.Benefits.Relief;
using AnSinh.Funds.Ledger;
using AnSinh.Platform.Persistence;
using AnSinh.Poverty.Classification;
using AnSinh.Poverty.Rounds;
using AnSinh.Programs.Helpers;
using AnSinh.Programs.Housing;
using AnSinh.Programs.Records;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Programs.Indicators;

/// <summary>
/// Works out every indicator of the catalogue for a set of units and one period, set-based: one
/// grouped query per source (households, statuses, rounds, beneficiaries, payroll, cards, relief, funds,
/// housing, programme records, helpers), each keyed by the unit the records are kept under.
/// Rates are not stored: they are worked out from the stocks after adding units up.
/// </summary>
public sealed class IndicatorEngine(AnSinhDbContext db)
{
    public static DateOnly PeriodStart(int year) => new(year, 1, 1);

    public static DateOnly PeriodEnd(int year, ReportPeriod period) => period == ReportPeriod.HalfYear ? new DateOnly(year, 6, 30) : new DateOnly(year, 12, 31);

    /// <summary>Values per unit for the period; flows run from 1 January to <paramref name="asOf"/>, stocks are counted on it.</summary>
    public async Task<Dictionary<int, Dictionary<string, decimal>>> ComputeAsync(IReadOnlyCollection<int> unitIds, int year, DateOnly asOf, CancellationToken ct) =>
        (await ComputePeriodsAsync(unitIds, year, [asOf], ct))[asOf];

    /// <summary>
    /// Values per unit for several periods of one year (the first half and the whole year): the
    /// stock tables (household locations, poverty statuses) are scanned once for every date needed
    /// (the start of the year and each period's end), the flows once per period.
    /// </summary>
    public async Task<Dictionary<DateOnly, Dictionary<int, Dictionary<string, decimal>>>> ComputePeriodsAsync(IReadOnlyCollection<int> unitIds, int year, IReadOnlyList<DateOnly> asOfs, CancellationToken ct)
    {
        var ids = unitIds.ToList();
        var startOf = PeriodStart(year).AddDays(-1);
        // Up to three dates in one scan: the day before the year, and the periods' ends.
        var dates = new[] { startOf }.Concat(asOfs).Distinct().ToList();
        if (dates.Count > 3)
        {
            throw new ArgumentException("At most two periods at once.", nameof(asOfs));
        }
        while (dates.Count < 3)
        {
            dates.Add(dates[^1]);
        }
        var (d0, d1, d2) = (dates[0], dates[1], dates[2]);
        var first = dates.Min();
        var last = dates.Max();
        var households = await db.Set<HouseholdLocation>().AsNoTracking()
            .Where(l => ids.Contains(l.CommuneUnitId) && l.From <= last && (l.To == null || l.To >= first))
            .GroupBy(l => l.CommuneUnitId)
            .Select(g => new
            {
                g.Key,
                C0 = g.Sum(l => l.From <= d0 && (l.To == null || l.To >= d0) ? 1L : 0L),
                C1 = g.Sum(l => l.From <= d1 && (l.To == null || l.To >= d1) ? 1L : 0L),
                C2 = g.Sum(l => l.From <= d2 && (l.To == null || l.To >= d2) ? 1L : 0L),
            }).ToListAsync(ct);
        var statuses = await db.Set<PovertyStatus>().AsNoTracking()
            .Where(s => ids.Contains(s.CommuneUnitId) && (s.Status == PovertyClass.Poor || s.Status == PovertyClass.NearPoor) && s.From <= last && (s.To == null || s.To >= first))
            .GroupBy(s => new { s.CommuneUnitId, s.Status })
            .Select(g => new
            {
                g.Key.CommuneUnitId,
                g.Key.Status,
                C0 = g.Sum(s => s.From <= d0 && (s.To == null || s.To >= d0) ? 1L : 0L),
                C1 = g.Sum(s => s.From <= d1 && (s.To == null || s.To >= d1) ? 1L : 0L),
                C2 = g.Sum(s => s.From <= d2 && (s.To == null || s.To >= d2) ? 1L : 0L),
            }).ToListAsync(ct);
        long On<T>(T row, DateOnly d, Func<T, long> c0, Func<T, long> c1, Func<T, long> c2) => d == d0 ? c0(row) : d == d1 ? c1(row) : c2(row);

        var all = new Dictionary<DateOnly, Dictionary<int, Dictionary<string, decimal>>>();
        foreach (var asOf in asOfs.Distinct())
        {
            var result = await FlowsAsync(ids, year, asOf, ct);
            void Add(int unit, string indicator, decimal value) => AddTo(result, unit, indicator, value);
            foreach (var h in households)
            {
                Add(h.Key, Catalogue.Households, On(h, asOf, x => x.C0, x => x.C1, x => x.C2));
                Add(h.Key, Catalogue.HouseholdsStart, On(h, startOf, x => x.C0, x => x.C1, x => x.C2));
            }
            foreach (var st in statuses)
            {
                if (st.Status == PovertyClass.Poor)
                {
                    Add(st.CommuneUnitId, Catalogue.PoorHouseholds, On(st, asOf, x => x.C0, x => x.C1, x => x.C2));
                    Add(st.CommuneUnitId, Catalogue.PoorHouseholdsStart, On(st, startOf, x => x.C0, x => x.C1, x => x.C2));
                }
                else
                {
                    Add(st.CommuneUnitId, Catalogue.NearPoorHouseholds, On(st, asOf, x => x.C0, x => x.C1, x => x.C2));
                }
            }
            all[asOf] = result;
        }
        return all;
    }

    private static void AddTo(Dictionary<int, Dictionary<string, decimal>> result, int unit, string indicator, decimal value)
    {
        if (value == 0)
        {
            return;
        }
        if (!result.TryGetValue(unit, out var values))
        {
            result[unit] = values = new Dictionary<string, decimal>(StringComparer.Ordinal);
        }
        values[indicator] = values.GetValueOrDefault(indicator) + value;
    }

    /// <summary>The flows of a period (and the stocks of the smaller tables) per unit.</summary>
    private async Task<Dictionary<int, Dictionary<string, decimal>>> FlowsAsync(List<int> ids, int year, DateOnly asOf, CancellationToken ct)
    {
        var from = PeriodStart(year);
        var result = new Dictionary<int, Dictionary<string, decimal>>();
        void Add(int unit, string indicator, decimal value) => AddTo(result, unit, indicator, value);

        foreach (var r in await db.Set<ReviewRound>().AsNoTracking()
            .Where(r => ids.Contains(r.CommuneUnitId) && r.DecidedOn >= from && r.DecidedOn <= asOf && r.Movements != null)
            .Select(r => new { r.CommuneUnitId, r.Movements }).ToListAsync(ct))
        {
            var movements = JsonSerializer.Deserialize<Dictionary<string, long>>(r.Movements!) ?? [];
            Add(r.CommuneUnitId, Catalogue.EscapedPoverty, movements.GetValueOrDefault(ReviewRules.Code(Movement.EscapedPoverty)));
            Add(r.CommuneUnitId, Catalogue.NewlyPoor, movements.GetValueOrDefault(ReviewRules.Code(Movement.NewlyPoor)));
        }

        foreach (var b in await db.Set<Beneficiary>().AsNoTracking()
            .Where(b => ids.Contains(b.CommuneUnitId) && b.EntitledFrom <= asOf && (b.EndedOn == null || b.EndedOn >= asOf))
            .GroupBy(b => new { b.CommuneUnitId, b.Scheme }).Select(g => new { g.Key.CommuneUnitId, g.Key.Scheme, Count = g.LongCount() }).ToListAsync(ct))
        {
            Add(b.CommuneUnitId, b.Scheme switch
            {
                Scheme.Merit => Catalogue.MeritPeople,
                Scheme.SocialPension => Catalogue.SocialPensionPeople,
                _ => Catalogue.SocialAssistancePeople,
            }, b.Count);
        }

        foreach (var p in await db.Set<PayrollRun>().AsNoTracking()
            .Where(r => ids.Contains(r.CommuneUnitId) && r.Status == PayrollStatus.Approved && r.Month >= from && r.Month <= asOf)
            .GroupBy(r => r.CommuneUnitId).Select(g => new { g.Key, Total = g.Sum(r => r.Total) }).ToListAsync(ct))
        {
            Add(p.Key, Catalogue.BenefitsPaid, p.Total);
        }

        var issuedFrom = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var issuedTo = asOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        foreach (var c in await db.Set<HealthCard>().AsNoTracking()
            .Where(c => ids.Contains(c.CommuneUnitId) && c.IssuedAt >= issuedFrom && c.IssuedAt < issuedTo)
            .GroupBy(c => c.CommuneUnitId).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct))
        {
            Add(c.Key, Catalogue.CardsIssued, c.Count);
        }

        foreach (var r in await db.Set<ReliefCase>().AsNoTracking()
            .Where(c => ids.Contains(c.CommuneUnitId) && c.Status == ReliefStatus.Decided && c.DecidedOn >= from && c.DecidedOn <= asOf)
            .GroupBy(c => c.CommuneUnitId).Select(g => new { g.Key, Count = g.LongCount(), Rice = g.Sum(c => c.RiceKg), Cash = g.Sum(c => c.Cash) }).ToListAsync(ct))
        {
            Add(r.Key, Catalogue.ReliefHouseholds, r.Count);
            Add(r.Key, Catalogue.ReliefRiceKg, r.Rice);
            Add(r.Key, Catalogue.ReliefCash, r.Cash);
        }

        var entries = await (from e in db.Set<JournalEntry>().AsNoTracking()
                             join f in db.Set<Fund>().AsNoTracking() on e.FundId equals f.Id
                             where ids.Contains(f.UnitId) && e.Date >= @from && e.Date <= asOf
                                   && (e.Kind == EntryKind.Receipt || e.Kind == EntryKind.Spending || e.Kind == EntryKind.Reversal)
                             group e by new { f.UnitId, e.Kind, e.ReversedKind, e.Category } into g
                             select new { g.Key.UnitId, g.Key.Kind, g.Key.ReversedKind, g.Key.Category, Amount = g.Sum(x => x.Amount) }).ToListAsync(ct);
        foreach (var e in entries)
        {
            var kind = e.Kind == EntryKind.Reversal ? e.ReversedKind : e.Kind;
            var sign = e.Kind == EntryKind.Reversal ? -1 : 1;
            if (kind == EntryKind.Receipt)
            {
                Add(e.UnitId, Catalogue.FundReceipts, sign * Math.Abs(e.Amount));
            }
            else if (kind == EntryKind.Spending)
            {
                Add(e.UnitId, Catalogue.FundSpending, sign * Math.Abs(e.Amount));
                if (e.Category is { } category)
                {
                    Add(e.UnitId, Catalogue.FundSpendingPrefix + LedgerRules.CategoryCode(category), sign * Math.Abs(e.Amount));
                }
            }
        }

        foreach (var h in await db.Set<HousingWork>().AsNoTracking()
            .Where(w => ids.Contains(w.CommuneUnitId) && w.HandedOverOn >= from && w.HandedOverOn <= asOf)
            .GroupBy(w => new { w.CommuneUnitId, w.WorkKind }).Select(g => new { g.Key.CommuneUnitId, g.Key.WorkKind, Count = g.LongCount() }).ToListAsync(ct))
        {
            Add(h.CommuneUnitId, h.WorkKind == HousingRules.NewBuild ? Catalogue.HousesBuilt : Catalogue.HousesRepaired, h.Count);
        }
        foreach (var h in await db.Set<HousingWork>().AsNoTracking()
            .Where(w => ids.Contains(w.CommuneUnitId) && w.StartedOn <= asOf && (w.HandedOverOn == null || w.HandedOverOn > asOf))
            .GroupBy(w => w.CommuneUnitId).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct))
        {
            Add(h.Key, Catalogue.HousesInProgress, h.Count);
        }

        foreach (var r in await db.Set<ProgramRecord>().AsNoTracking()
            .Where(r => ids.Contains(r.CommuneUnitId) && r.Date >= from && r.Date <= asOf)
            .GroupBy(r => new { r.CommuneUnitId, r.Kind }).Select(g => new { g.Key.CommuneUnitId, g.Key.Kind, Count = g.LongCount(), Amount = g.Sum(x => x.Amount) }).ToListAsync(ct))
        {
            Add(r.CommuneUnitId, ProgramRules.IndicatorOf(r.Kind), r.Count);
            if (r.Kind == ProgramRules.Loan)
            {
                Add(r.CommuneUnitId, Catalogue.LoanAmount, r.Amount);
            }
        }

        foreach (var a in await db.Set<HelperAssignment>().AsNoTracking()
            .Where(a => ids.Contains(a.CommuneUnitId) && a.From <= asOf && (a.To == null || a.To >= asOf))
            .GroupBy(a => a.CommuneUnitId).Select(g => new { g.Key, Count = g.Select(x => x.HouseholdId).Distinct().Count() }).ToListAsync(ct))
        {
            Add(a.Key, Catalogue.HelpedHouseholds, a.Count);
        }
        return result;
    }

    /// <summary>Adds rates to values summed over units (poor rate, near-poor rate, reduction of the poor rate since the start of the year).</summary>
    public static Dictionary<string, decimal> WithRates(IReadOnlyDictionary<string, decimal> sums)
    {
        var values = new Dictionary<string, decimal>(sums, StringComparer.Ordinal);
        var households = (long)values.GetValueOrDefault(Catalogue.Households);
        var startHouseholds = (long)values.GetValueOrDefault(Catalogue.HouseholdsStart);
        var rate = ReviewRules.Rate((long)values.GetValueOrDefault(Catalogue.PoorHouseholds), households);
        values[Catalogue.PoorRate] = rate;
        values[Catalogue.NearPoorRate] = ReviewRules.Rate((long)values.GetValueOrDefault(Catalogue.NearPoorHouseholds), households);
        values[Catalogue.PoorRateReduction] = startHouseholds == 0 ? 0 : ReviewRules.Rate((long)values.GetValueOrDefault(Catalogue.PoorHouseholdsStart), startHouseholds) - rate;
        return values;
    }
}
