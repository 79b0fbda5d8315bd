using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AnSinh.Data;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Persistence;
using AnSinh.Poverty.Classification;
using AnSinh.Poverty.Rounds;
using AnSinh.Poverty.Statistics;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnSinh.Benchmarks;

/// <summary>
/// scale poverty --engine sqlite|postgres --people N [--seed S] [--copy-of SQLITE_FILE|PG_DATABASE]
/// Seeds N synthetic people of Sơn La's communes (about N ÷ 3.65 households), then:
///  A. a periodic round per commune over every household, survey data stored (random income and
///     deprivations, all indicators answered so the decision may be taken), classified by <see cref="ClassifyRoundJob"/>
///     and decided by <see cref="ReviewRounds.WriteDecisionAsync"/>; timed together;
///  B. lists and rates of the province and of single communes (p50/p95 over repeated calls);
///  C. one round holding every household of the province, classified and decided (the same code
///     over a single round of that size);
///  D. the next such round, with one household in ten surveyed anew and the others as in C.
/// Survey rows are inserted with one INSERT … SELECT (set-up, not timed).
/// </summary>
public static class PovertyScaleRun
{
    private static readonly DateOnly StartedOn = new(2025, 9, 15);
    private static readonly DateOnly DecidedA = new(2025, 12, 1);
    private static readonly DateOnly DecidedC = new(2025, 12, 10);
    private static readonly DateOnly StatsDate = new(2025, 12, 5);
    private static readonly DateOnly DecidedD = new(2025, 12, 13);

    public static async Task RunAsync(string engine, int people, int seed, string? copyOf, bool reportsOnly = false)
    {
        await using var provider = await ScaleRun.DatabaseAsync(engine, copyOf);
        var watch = Stopwatch.StartNew();
        using (var scope = provider.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AnSinhDbContext>();
            if (copyOf is null)
            {
                var seeded = await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().SeedAsync("14", people, seed);
                Console.WriteLine($"seed[{engine}]: {seeded.Persons:N0} people, {seeded.Households:N0} households in {watch.Elapsed.TotalSeconds:N1} s");
            }
            else
            {
                // A copy of an earlier run's database: the same register, the review tables emptied.
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
                await db.Database.ExecuteSqlRawAsync("DELETE FROM poverty_statuses");
                await db.Database.ExecuteSqlRawAsync("DELETE FROM review_complaints");
                await db.Database.ExecuteSqlRawAsync("DELETE FROM review_meetings");
                await db.Database.ExecuteSqlRawAsync("DELETE FROM review_households");
                await db.Database.ExecuteSqlRawAsync("DELETE FROM review_rounds");
                Console.WriteLine($"copied database: {await db.Set<Household>().CountAsync():N0} households; review tables emptied");
            }
        }
        await AnalyzeAsync(provider);

        // A. One periodic round per commune.
        List<ReviewRound> rounds;
        using (var scope = provider.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AnSinhDbContext>();
            var communes = await db.AdminUnits.AsNoTracking().ValidOn(db.Today())
                .Where(u => u.Level == AdminLevel.Commune && u.ProvinceCode == "14").OrderBy(u => u.Code).ToListAsync();
            rounds = communes.Select(c => NewRound(c.Id, c.Code)).ToList();
            db.AddRange(rounds);
            await db.SaveChangesAsync();
            watch.Restart();
            var rows = await InsertSurveyAsync(db, null);
            Console.WriteLine($"survey rows (set-up): {rows:N0} in {watch.Elapsed.TotalSeconds:N1} s");
        }
        await AnalyzeAsync(provider);
        var (classifyA, decideA, countA) = await ClassifyAndDecideAsync(provider, rounds, DecidedA);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {engine} | A: {rounds.Count} commune rounds, {countA:N0} households | classify {classifyA:F1} s | decision {decideA:F1} s | total {classifyA + decideA:F1} s |"));

        // B. Lists and rates.
        await AnalyzeAsync(provider);
        await StatisticsAsync(provider, engine);

        // E. Issue #6: the indicator summaries of the province after the rounds' decisions, the annual report cold and warm.
        await ProgramsScaleRun.RunAsync(provider, engine, "14", DecidedA.Year);
        if (reportsOnly)
        {
            return;
        }

        // C. One round of every household.
        ReviewRound big;
        using (var scope = provider.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AnSinhDbContext>();
            big = NewRound(rounds[0].CommuneUnitId, rounds[0].CommuneCode);
            big.StartedOn = DecidedA.AddDays(1);
            db.Add(big);
            await db.SaveChangesAsync();
            await InsertSurveyAsync(db, big.Id);
        }
        await AnalyzeAsync(provider);
        var (classifyC, decideC, countC) = await ClassifyAndDecideAsync(provider, [big], DecidedC);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {engine} | C: one round, {countC:N0} households | classify {classifyC:F1} s | decision {decideC:F1} s | total {classifyC + decideC:F1} s |"));

        // D. The next round of every household, where one household in ten has new survey figures
        // and the others answer as before (closer to a real round than C's random figures).
        ReviewRound next;
        using (var scope = provider.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AnSinhDbContext>();
            next = NewRound(rounds[0].CommuneUnitId, rounds[0].CommuneCode);
            next.StartedOn = DecidedC.AddDays(1);
            db.Add(next);
            await db.SaveChangesAsync();
            await InsertRepeatSurveyAsync(db, big.Id, next.Id);
        }
        await AnalyzeAsync(provider);
        var (classifyD, decideD, countD) = await ClassifyAndDecideAsync(provider, [next], DecidedD);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {engine} | D: one round, {countD:N0} households, 10 % new figures | classify {classifyD:F1} s | decision {decideD:F1} s | total {classifyD + decideD:F1} s |"));
    }

    /// <summary>Survey rows of a new round copied from an earlier one, one in ten with new random figures.</summary>
    private static async Task<int> InsertRepeatSurveyAsync(AnSinhDbContext db, Guid from, Guid to)
    {
        var pg = db.Engine == DatabaseEngine.Postgres;
        string Rand(int n) => pg ? $"floor(random() * {n})::int" : $"(abs(random()) % {n})";
        var f = pg ? "false" : "0";
        var sql = $$"""
            INSERT INTO review_households ("RoundId", "HouseholdId", "HouseholdCode", "HeadName", "VillageName", "IsUrban", "EthnicMinority", "Source",
                "PreviousStatus", "EverPoor", "Income", "IncomeScore", "DeprivedMask", "UnknownMask", "SurveyedBy", "SurveyedOn", "NeedsRescore", "Version")
            SELECT {1}, x."HouseholdId", x."HouseholdCode", x."HeadName", x."VillageName", x."IsUrban", x."EthnicMinority", 1,
                COALESCE(s."Status", 3), {{f}},
                CASE WHEN x."Id" % 10 = 0 THEN 600000 + {{Rand(2400000)}} ELSE x."Income" END, NULL,
                CASE WHEN x."Id" % 10 = 0 THEN {{Rand(64)}} ELSE x."DeprivedMask" END, 0, 'bench', {2}, {{f}}, 0
            FROM review_households x
            LEFT JOIN poverty_statuses s ON s."HouseholdId" = x."HouseholdId" AND s."To" IS NULL
            WHERE x."RoundId" = {0}
            ORDER BY x."Id"
            """;
        object P(Guid g) => pg ? g : g.ToString().ToUpperInvariant();
        object dateParam = pg ? DecidedC.AddDays(1) : DecidedC.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        return await db.Database.ExecuteSqlRawAsync(sql, [P(from), P(to), dateParam]);
    }

    private static ReviewRound NewRound(int communeId, string communeCode) => new()
    {
        Id = Guid.NewGuid(),
        CommuneUnitId = communeId,
        CommuneCode = communeCode,
        ProvinceCode = "14",
        Kind = RoundKind.Periodic,
        Year = 2025,
        StartedOn = StartedOn,
        DueOn = new DateOnly(2025, 12, 14),
        StandardCode = "2022-2026",
        CreatedAt = DateTime.UtcNow,
        CreatedBy = "bench",
    };

    /// <summary>Survey data for every household: into its commune's round, or all into one round.</summary>
    private static async Task<int> InsertSurveyAsync(AnSinhDbContext db, Guid? oneRound)
    {
        var pg = db.Engine == DatabaseEngine.Postgres;
        string Rand(int n) => pg ? $"floor(random() * {n})::int" : $"(abs(random()) % {n})";
        var round = oneRound is null ? "r.\"Id\"" : "{0}";
        var join = oneRound is null ? "JOIN review_rounds r ON r.\"CommuneUnitId\" = h.\"CommuneUnitId\"" : "";
        var f = pg ? "false" : "0";
        var previous = oneRound is null ? "3" : "COALESCE(s.\"Status\", 3)";
        var statusJoin = oneRound is null ? "" : "LEFT JOIN poverty_statuses s ON s.\"HouseholdId\" = h.\"Id\" AND s.\"To\" IS NULL";
        const string surveyedOn = "{1}";
        // A round's rows are written together when it is opened, so they lie together on disk.
        var order = oneRound is null ? "r.\"Id\", h.\"Code\"" : "h.\"CommuneUnitId\", h.\"Code\"";
        var sql = $"""
            INSERT INTO review_households ("RoundId", "HouseholdId", "HouseholdCode", "HeadName", "VillageName", "IsUrban", "EthnicMinority", "Source",
                "PreviousStatus", "EverPoor", "Income", "IncomeScore", "DeprivedMask", "UnknownMask", "SurveyedBy", "SurveyedOn", "NeedsRescore", "Version")
            SELECT {round}, h."Id", h."Code", h."HeadName", h."VillageName", h."IsUrban", COALESCE(p."EthnicityCode" <> '01', {f}), 1,
                {previous}, {f}, 600000 + {Rand(2400000)}, NULL, {Rand(64)}, 0, 'bench', {surveyedOn}, {f}, 0
            FROM households h {join}
            LEFT JOIN persons p ON p."Id" = h."HeadPersonId"
            {statusJoin}
            WHERE h."ProvinceCode" = '14'
            ORDER BY {order}
            """;
        object roundParam = pg ? oneRound ?? Guid.Empty : (oneRound ?? Guid.Empty).ToString().ToUpperInvariant();
        object dateParam = pg ? StartedOn.AddDays(20) : StartedOn.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        return await db.Database.ExecuteSqlRawAsync(sql, [roundParam, dateParam]);
    }

    private static async Task<(double Classify, double Decide, long Households)> ClassifyAndDecideAsync(ServiceProvider provider, List<ReviewRound> rounds, DateOnly decidedOn)
    {
        var classify = Stopwatch.StartNew();
        long households = 0;
        foreach (var round in rounds)
        {
            using var scope = provider.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AnSinhDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            var counts = await ClassifyRoundJob.ClassifyAsync(db, scope.ServiceProvider.GetRequiredService<IReviewResultWriter>(), round, null, CancellationToken.None);
            households += counts.Classified + counts.NotSurveyed;
        }
        classify.Stop();
        var decide = Stopwatch.StartNew();
        foreach (var round in rounds)
        {
            using var scope = provider.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AnSinhDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            var id = round.Id;
            var pending = await db.Set<ReviewHousehold>().CountAsync(x => x.RoundId == id && (x.Result == null || x.Result == PovertyClass.Incomplete || x.NeedsRescore));
            if (pending > 0)
            {
                throw new InvalidOperationException($"{pending} households without a complete result");
            }
            await using var tx = await db.Database.BeginTransactionAsync();
            var movements = JsonSerializer.Serialize(await ReviewRounds.WriteDecisionAsync(db, round, decidedOn, CancellationToken.None));
            await db.Set<ReviewRound>().Where(r => r.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Stage, RoundStage.Decided).SetProperty(r => r.DecidedOn, decidedOn).SetProperty(r => r.DecisionNumber, "bench").SetProperty(r => r.Movements, movements));
            await tx.CommitAsync();
        }
        decide.Stop();
        return (classify.Elapsed.TotalSeconds, decide.Elapsed.TotalSeconds, households);
    }

    private static async Task StatisticsAsync(ServiceProvider provider, string engine)
    {
        List<string> communes;
        using (var scope = provider.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AnSinhDbContext>();
            communes = await db.Set<ReviewRound>().Select(r => r.CommuneCode).Distinct().ToListAsync();
        }
        var random = new Random(5);
        var province = new List<double>();
        var provinceToday = new List<double>();
        var commune = new List<double>();
        PovertyFigures? last = null;
        for (var i = 0; i < 25; i++)
        {
            using var scope = provider.CreateScope();
            var stats = scope.ServiceProvider.GetRequiredService<PovertyStatistics>();
            var w = Stopwatch.StartNew();
            last = await stats.ComputeAsync("14", StatsDate, todayMap: false);
            var t1 = w.Elapsed.TotalMilliseconds;
            w.Restart();
            await stats.ComputeAsync("14", StatsDate, todayMap: true);
            var t2 = w.Elapsed.TotalMilliseconds;
            if (i == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first (cold) province call: {t1:F0} ms"));
            }
            if (i >= 5)
            {
                province.Add(t1);
                provinceToday.Add(t2);
            }
        }
        for (var i = 0; i < 120; i++)
        {
            using var scope = provider.CreateScope();
            var stats = scope.ServiceProvider.GetRequiredService<PovertyStatistics>();
            var w = Stopwatch.StartNew();
            var f = await stats.ComputeAsync(communes[random.Next(communes.Count)], StatsDate, todayMap: false);
            if (i >= 20)
            {
                commune.Add(w.Elapsed.TotalMilliseconds);
            }
            if (f.Households == 0)
            {
                throw new InvalidOperationException("commune statistics found no households");
            }
        }
        if (last is null || last.Households == 0 || last.Poor == 0)
        {
            throw new InvalidOperationException("province statistics found nothing");
        }
        Console.WriteLine($"province 14 on {StatsDate}: {last.Households:N0} households, {last.Poor:N0} poor ({last.PoorRate} %), {last.NearPoor:N0} near-poor ({last.NearPoorRate} %), {last.Rows.Count} rows");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {engine} | B: province p50 {P(province, 50):F0} ms, p95 {P(province, 95):F0} ms | province, today's map p95 {P(provinceToday, 95):F0} ms | commune p50 {P(commune, 50):F1} ms, p95 {P(commune, 95):F1} ms |"));
    }

    private static async Task AnalyzeAsync(ServiceProvider provider)
    {
        using var scope = provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AnSinhDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.ExecuteSqlRawAsync(db.Engine == DatabaseEngine.Postgres ? "VACUUM ANALYZE" : "ANALYZE");
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }
}
