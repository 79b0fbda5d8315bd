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
using Microsoft.EntityFrameworkCore.Storage;

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

    /// <summary>Values per unit for several periods of one year (the first half and the whole year).</summary>
    public async Task<Dictionary<DateOnly, Dictionary<int, Dictionary<string, decimal>>>> ComputePeriodsAsync(IReadOnlyCollection<int> unitIds, int year, IReadOnlyList<DateOnly> asOfs, CancellationToken ct) =>
        (await ComputeYearsAsync(unitIds, [(year, asOfs)], ct))[year];

    /// <summary>
    /// Values per unit for the periods of several years at once (a report and the years of its
    /// rates series): the stock tables (household locations, poverty statuses) are scanned once
    /// for every date needed — each year's eve and each period's end — and the flows once per period.
    /// </summary>
    public async Task<Dictionary<int, Dictionary<DateOnly, Dictionary<int, Dictionary<string, decimal>>>>> ComputeYearsAsync(IReadOnlyCollection<int> unitIds,
        IReadOnlyList<(int Year, IReadOnlyList<DateOnly> AsOfs)> years, CancellationToken ct)
    {
        var ids = unitIds.ToList();
        var dates = years.SelectMany(y => y.AsOfs.Prepend(PeriodStart(y.Year).AddDays(-1))).Distinct().Order().ToList();
        var households = await CountOnDatesAsync("household_locations", null, ids, dates, ct);
        var statuses = await CountOnDatesAsync("poverty_statuses", [(int)PovertyClass.Poor, (int)PovertyClass.NearPoor], ids, dates, ct);
        var all = new Dictionary<int, Dictionary<DateOnly, Dictionary<int, Dictionary<string, decimal>>>>();
        foreach (var (year, asOfs) in years)
        {
            var startOf = dates.IndexOf(PeriodStart(year).AddDays(-1));
            var byDate = new Dictionary<DateOnly, Dictionary<int, Dictionary<string, decimal>>>();
            foreach (var asOf in asOfs.Distinct())
            {
                var at = dates.IndexOf(asOf);
                var result = await FlowsAsync(ids, year, asOf, ct);
                void Add(int unit, string indicator, decimal value) => AddTo(result, unit, indicator, value);
                foreach (var ((unit, _), counts) in households)
                {
                    Add(unit, Catalogue.Households, counts[at]);
                    Add(unit, Catalogue.HouseholdsStart, counts[startOf]);
                }
                foreach (var ((unit, status), counts) in statuses)
                {
                    if (status == (int)PovertyClass.Poor)
                    {
                        Add(unit, Catalogue.PoorHouseholds, counts[at]);
                        Add(unit, Catalogue.PoorHouseholdsStart, counts[startOf]);
                    }
                    else
                    {
                        Add(unit, Catalogue.NearPoorHouseholds, counts[at]);
                    }
                }
                byDate[asOf] = result;
            }
            all[year] = byDate;
        }
        return all;
    }

    /// <summary>
    /// Rows of a dated table (From … To) in force on each date, per unit (and status), in one scan:
    /// a conditional count per date. Plain SQL, the same on both engines; dates are bound as
    /// parameters (SQLite keeps them as yyyy-MM-dd text).
    /// </summary>
    private async Task<Dictionary<(int Unit, int Status), long[]>> CountOnDatesAsync(string table, int[]? statuses, List<int> ids, List<DateOnly> dates, CancellationToken ct)
    {
        var result = new Dictionary<(int, int), long[]>();
        if (ids.Count == 0 || dates.Count == 0)
        {
            return result;
        }
        var sqlite = db.Engine == DatabaseEngine.Sqlite;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            cmd.CommandTimeout = 600;
            object Bind(DateOnly d) => sqlite ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : d;
            var sql = new System.Text.StringBuilder("SELECT \"CommuneUnitId\", ");
            sql.Append(statuses is null ? "0" : "\"Status\"");
            for (var i = 0; i < dates.Count; i++)
            {
                sql.Append(System.Globalization.CultureInfo.InvariantCulture, $", SUM(CASE WHEN \"From\" <= @d{i} AND (\"To\" IS NULL OR \"To\" >= @d{i}) THEN 1 ELSE 0 END)");
                var p = cmd.CreateParameter();
                p.ParameterName = $"@d{i}";
                p.Value = Bind(dates[i]);
                cmd.Parameters.Add(p);
            }
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" FROM {table} WHERE \"CommuneUnitId\" IN ({string.Join(",", ids)})");
            if (statuses is not null)
            {
                sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND \"Status\" IN ({string.Join(",", statuses)})");
            }
            sql.Append(" AND \"From\" <= @last AND (\"To\" IS NULL OR \"To\" >= @first) GROUP BY \"CommuneUnitId\"");
            sql.Append(statuses is null ? "" : ", \"Status\"");
            foreach (var (name, d) in new[] { ("@last", dates[^1]), ("@first", dates[0]) })
            {
                var p = cmd.CreateParameter();
                p.ParameterName = name;
                p.Value = Bind(d);
                cmd.Parameters.Add(p);
            }
            cmd.CommandText = sql.ToString();
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var counts = new long[dates.Count];
                for (var i = 0; i < dates.Count; i++)
                {
                    counts[i] = reader.IsDBNull(2 + i) ? 0 : Convert.ToInt64(reader.GetValue(2 + i), System.Globalization.CultureInfo.InvariantCulture);
                }
                result[(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture))] = counts;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return result;
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
