using System.Diagnostics;
using System.Globalization;
using AnSinh.Benefits.Parameters;
using AnSinh.Benefits.Payroll;
using AnSinh.Benefits.Registers;
using AnSinh.Data;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnSinh.Benchmarks;

/// <summary>
/// scale payroll --engine sqlite|postgres --beneficiaries N [--seed S]
/// Seeds N beneficiaries over the communes of Sơn La (14): social assistance (mixed clauses, ages
/// and disability levels), merit people (relatives of martyrs, war invalids 21–100 %, Heroic
/// Mothers) and social-pension recipients, entitled from January 2024 (the social pension from July 2025) (set-up, not timed). Then:
///  A. the province's payroll for July 2025, every commune, computed and stored (timed);
///     every commune approved (set-up);
///  B. August 2025, the monthly case: the paid months re-checked for changes, none found (timed);
///  C. after the province publishes a higher local base level from 1 July 2025: September, with
///     everyone re-checked against July and August and arrears written (timed);
///  D. the payroll list of the largest commune in .xlsx (timed, p50 of 5).
/// </summary>
public static class PayrollScaleRun
{
    private const string Province = "14";

    public static async Task RunAsync(string engine, int count, int seed)
    {
        await using var provider = await ScaleRun.DatabaseAsync(engine, null);
        var watch = Stopwatch.StartNew();
        using (var scope = provider.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().EnsureBenefitParametersAsync();
            var db = scope.ServiceProvider.GetRequiredService<AnSinhDbContext>();
            var communes = await db.AdminUnits.AsNoTracking().ValidOn(db.Today()).Where(u => u.Level == AdminLevel.Commune && u.ProvinceCode == Province).OrderBy(u => u.Code).ToListAsync();
            var rows = Generate(communes, count, seed).ToList();
            await using var tx = await db.Database.BeginTransactionAsync();
            await BulkInsert.InsertAsync(db, rows, withKeys: true, CancellationToken.None);
            await tx.CommitAsync();
            Console.WriteLine($"seed[{engine}]: {rows.Count:N0} beneficiaries in {communes.Count} communes in {watch.Elapsed.TotalSeconds:N1} s");
        }
        await AnalyzeAsync(provider, engine);

        var a = await ProvinceAsync(provider, new DateOnly(2025, 7, 1));
        Console.WriteLine(Row(engine, "A: July 2025, first payroll", a));
        await ApproveAllAsync(provider);
        await AnalyzeAsync(provider, engine);

        var b = await ProvinceAsync(provider, new DateOnly(2025, 8, 1));
        Console.WriteLine(Row(engine, "B: August, paid months re-checked, no change", b));
        await ApproveAllAsync(provider);

        using (var scope = provider.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AnSinhDbContext>();
            db.Add(new BaseLevel { Scheme = Scheme.SocialAssistance, ProvinceCode = Province, Amount = 600_000, ValidFrom = new DateOnly(2025, 7, 1), Source = "bench: local level published late" });
            await db.SaveChangesAsync();
        }
        var c = await ProvinceAsync(provider, new DateOnly(2025, 9, 1));
        Console.WriteLine(Row(engine, "C: September after a late local base level, everyone re-checked", c));

        // D. The largest commune's list in .xlsx, as the officer downloads it.
        var times = new List<double>();
        long bytes = 0;
        int lines = 0;
        for (var i = 0; i < 5; i++)
        {
            using var scope = provider.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AnSinhDbContext>();
            var run = await db.Set<PayrollRun>().AsNoTracking().Where(r => r.Month == new DateOnly(2025, 9, 1)).OrderByDescending(r => r.People).FirstAsync();
            lines = run.People;
            var docs = scope.ServiceProvider.GetRequiredService<PayrollDocuments>();
            using var output = new MemoryStream();
            var t = Stopwatch.StartNew();
            await docs.XlsxAsync(output, run.Id, CancellationToken.None);
            times.Add(t.Elapsed.TotalMilliseconds);
            bytes = output.Length;
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {engine} | D: largest commune's list .xlsx, {lines:N0} people, {bytes / 1024:N0} KiB | p50 {times[2]:F0} ms | max {times[^1]:F0} ms |"));
    }

    private static string Row(string engine, string what, (double Seconds, PayrollJob.Result R) x) => string.Create(CultureInfo.InvariantCulture,
        $"| {engine} | {what} | {x.R.Communes} communes, {x.R.People:N0} paid, {x.R.Adjustments:N0} arrears/recoveries, {x.R.Total:N0} đồng | {x.Seconds:F1} s |");

    private static async Task<(double, PayrollJob.Result)> ProvinceAsync(ServiceProvider provider, DateOnly month)
    {
        using var scope = provider.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<PayrollJob>();
        var watch = Stopwatch.StartNew();
        var result = await job.RunAsync(new PayrollJob.Payload(Province, month.ToString("yyyy-MM", CultureInfo.InvariantCulture)), null, CancellationToken.None);
        return (watch.Elapsed.TotalSeconds, result);
    }

    private static async Task ApproveAllAsync(ServiceProvider provider)
    {
        using var scope = provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AnSinhDbContext>();
        await db.Set<PayrollRun>().Where(r => r.Status == PayrollStatus.Draft).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, PayrollStatus.Approved).SetProperty(r => r.ApprovedBy, "bench"));
    }

    private static async Task AnalyzeAsync(ServiceProvider provider, string engine)
    {
        using var scope = provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AnSinhDbContext>();
        await db.Database.ExecuteSqlRawAsync(engine == "postgres" ? "ANALYZE" : "ANALYZE");
    }

    private static IEnumerable<Beneficiary> Generate(List<AdminUnit> communes, int count, int seed)
    {
        var random = new Random(seed);
        var created = new DateTime(2024, 1, 5, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var unit = communes[random.Next(communes.Count)];
            var kind = random.Next(100);
            var b = new Beneficiary
            {
                Id = Guid.CreateVersion7(),
                PersonId = Guid.CreateVersion7(),
                HouseholdId = Guid.CreateVersion7(),
                CommuneUnitId = unit.Id,
                CommuneCode = unit.Code,
                ProvinceCode = Province,
                FullName = $"Người hưởng {i}",
                NationalId = $"014{random.Next(0, 4)}{i:D8}",
                DecisionNumber = $"QĐ {i}/2024",
                DecisionDate = new DateOnly(2024, 1, 2),
                EntitledFrom = new DateOnly(2024, 1, 1),
                CreatedAt = created,
                ChangedAt = created,
                CreatedBy = "bench",
            };
            if (kind < 60)
            {
                b.Scheme = Scheme.SocialAssistance;
                switch (random.Next(6))
                {
                    case 0 or 1:
                        b.Clauses = "5.5a";
                        b.BirthDate = new DateOnly(1930 + random.Next(34), 1 + random.Next(12), 1 + random.Next(28));
                        break;
                    case 2:
                        b.Clauses = "5.5c";
                        b.BirthDate = new DateOnly(1925 + random.Next(18), 1 + random.Next(12), 1 + random.Next(28));
                        break;
                    case 3:
                        b.Clauses = "5.6";
                        b.Disability = random.Next(2) == 0 ? "severe" : "particularly_severe";
                        b.BirthDate = new DateOnly(1940 + random.Next(80), 1 + random.Next(12), 1 + random.Next(28));
                        break;
                    case 4:
                        b.Clauses = "5.1";
                        b.BirthDate = new DateOnly(2010 + random.Next(13), 1 + random.Next(12), 1 + random.Next(28));
                        break;
                    default:
                        b.Clauses = "5.4,5.6";
                        b.Disability = "severe";
                        b.Children = 1 + random.Next(3);
                        b.BirthDate = new DateOnly(1970 + random.Next(25), 1 + random.Next(12), 1 + random.Next(28));
                        break;
                }
            }
            else if (kind < 90)
            {
                b.Scheme = Scheme.Merit;
                b.BirthDate = new DateOnly(1930 + random.Next(30), 1 + random.Next(12), 1 + random.Next(28));
                switch (random.Next(3))
                {
                    case 0:
                        b.Category = "martyr_relative";
                        b.Martyrs = 1 + random.Next(3);
                        break;
                    case 1:
                        b.Category = "war_invalid";
                        b.InjuryPercent = 21 + random.Next(80);
                        break;
                    default:
                        b.Category = random.Next(10) == 0 ? "heroic_mother" : "martyr_relative";
                        b.Martyrs = 1;
                        break;
                }
            }
            else
            {
                b.Scheme = Scheme.SocialPension;
                b.BirthDate = new DateOnly(1930 + random.Next(20), 1 + random.Next(12), 1 + random.Next(28));
                b.EntitledFrom = new DateOnly(2025, 7, 1); // the social pension exists from 1 July 2025 (Decree 176/2025)
            }
            yield return b;
        }
    }
}
