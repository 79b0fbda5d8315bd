using System.Diagnostics;
using System.Globalization;
using AnSinh.Data;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Excel;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Jobs;
using AnSinh.Platform.Persistence;
using AnSinh.Registry.Demo;
using AnSinh.Registry.Households;
using AnSinh.Registry.Import;
using AnSinh.Registry.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AnSinh.Benchmarks;

/// <summary>
/// Whole-job runs at scale (timings printed, never asserted):
///   scale make-file --rows N --out FILE.xlsx [--seed S]
///   scale import --engine sqlite|postgres --file FILE.xlsx       import time, raw bulk-insert time of the same rows, peak memory
///   scale query  --engine sqlite|postgres --people N             name search and household page p50/p95 with N people stored
///   scale poverty --engine sqlite|postgres --people N            review rounds classified and decided, lists and rates (PovertyScaleRun)
///   scale poverty … --reports-only yes                     A, B and E (issue #6 summaries and reports) only
///   scale funds --engine sqlite|postgres --web WEB.dll           receipts through the API, 100k-receipt imports, balance and reports at 1M entries (FundsScaleRun)
/// PostgreSQL: ANSINH_BENCH_POSTGRES (server connection without a database); a fresh database is made per run.
/// </summary>
public static class ScaleRun
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public static async Task<int> RunAsync(string[] args)
    {
        var o = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            o[args[i].TrimStart('-')] = args[i + 1];
        }
        switch (args[0])
        {
            case "make-file":
                MakeFile(int.Parse(o["rows"], CultureInfo.InvariantCulture), o["out"], int.Parse(o.GetValueOrDefault("seed", "7"), CultureInfo.InvariantCulture));
                return 0;
            case "import":
                await ImportAsync(o.GetValueOrDefault("engine", "sqlite"), o["file"]);
                return 0;
            case "query":
                await QueryAsync(o.GetValueOrDefault("engine", "sqlite"), int.Parse(o["people"], CultureInfo.InvariantCulture));
                return 0;
            case "poverty":
                await PovertyScaleRun.RunAsync(o.GetValueOrDefault("engine", "sqlite"), int.Parse(o["people"], CultureInfo.InvariantCulture),
                    int.Parse(o.GetValueOrDefault("seed", "13"), CultureInfo.InvariantCulture), o.GetValueOrDefault("copy-of"), o.GetValueOrDefault("reports-only") == "yes");
                return 0;
            case "funds":
                await FundsScaleRun.RunAsync(o.GetValueOrDefault("engine", "sqlite"), o["web"], int.Parse(o.GetValueOrDefault("clients", "8"), CultureInfo.InvariantCulture),
                    int.Parse(o.GetValueOrDefault("seconds", "30"), CultureInfo.InvariantCulture), int.Parse(o.GetValueOrDefault("import-rows", "100000"), CultureInfo.InvariantCulture),
                    int.Parse(o.GetValueOrDefault("imports", "10"), CultureInfo.InvariantCulture));
                return 0;
            case "payroll":
                await PayrollScaleRun.RunAsync(o.GetValueOrDefault("engine", "sqlite"), int.Parse(o.GetValueOrDefault("beneficiaries", "300000"), CultureInfo.InvariantCulture),
                    int.Parse(o.GetValueOrDefault("seed", "21"), CultureInfo.InvariantCulture));
                return 0;
            default:
                Console.Error.WriteLine("scale make-file|import|query|poverty|funds|payroll");
                return 1;
        }
    }

    /// <summary>Communes of Sơn La (14) with the map's own ids, so generated rows match the loaded map.</summary>
    private static List<CommuneInfo> Communes(string province = "14")
    {
        var map = AdminMapSource.Load();
        return map.Units.Where(u => u.Level == AdminLevel.Commune && u.ValidTo is null && u.ProvinceCode == province)
            .Select(u => new CommuneInfo(u.Id, u.Code, u.CurrentProvinceCode, u.IsUrban)).ToList();
    }

    private static IEnumerable<GeneratedHousehold> Generate(int people, int seed)
    {
        var communes = Communes();
        var villages = PopulationGenerator.Villages(communes, seed);
        return new PopulationGenerator(seed, Today).Households(communes, villages, people, _ => 1);
    }

    private static void MakeFile(int rows, string path, int seed)
    {
        var watch = Stopwatch.StartNew();
        using var file = File.Create(path);
        using var w = new XlsxWriter(file, "Ho gia dinh");
        w.WriteHeader(ImportTemplate.Headers);
        var n = 0;
        foreach (var g in Generate(rows, seed))
        {
            foreach (var p in g.Members)
            {
                w.WriteRow([g.Household.CommuneCode, g.Household.Code, g.Household.VillageName, g.Household.Address, p.FullName,
                    PersonRules.Vietnamese(p.Sex), p.BirthDate.ToString(), p.NationalId, Ethnicities.NameOf(p.EthnicityCode),
                    PersonRules.Vietnamese(p.Relationship), p.Occupation, p.Schooling, PersonRules.Vietnamese(p.Disability)]);
                n++;
            }
        }
        Console.WriteLine($"make-file: {n:N0} rows → {path} in {watch.Elapsed.TotalSeconds:N1} s");
    }

    private static Task<ServiceProvider> FreshDatabaseAsync(string engine) => DatabaseAsync(engine, null);

    /// <summary>
    /// A new database: empty, or a copy of <paramref name="copyOf"/> (a SQLite file, or a PostgreSQL
    /// database used as a template) so a scale run can skip seeding; its name is printed.
    /// </summary>
    internal static async Task<ServiceProvider> DatabaseAsync(string engine, string? copyOf)
    {
        string connection;
        if (engine == "postgres")
        {
            var server = Environment.GetEnvironmentVariable("ANSINH_BENCH_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";
            var name = "ansinh_bench_" + Guid.NewGuid().ToString("N")[..10];
            await using (var c = new NpgsqlConnection(server))
            {
                await c.OpenAsync();
                await using var cmd = new NpgsqlCommand(copyOf is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {copyOf}", c);
                cmd.CommandTimeout = 3600;
                await cmd.ExecuteNonQueryAsync();
            }
            connection = $"{server};Database={name}";
            Console.WriteLine($"database: {name}");
        }
        else
        {
            var path = Path.Combine(Path.GetTempPath(), $"ansinh-bench-{Guid.NewGuid():N}.db");
            if (copyOf is not null)
            {
                File.Copy(copyOf, path);
            }
            connection = $"Data Source={path}";
            Console.WriteLine($"database: {path}");
        }
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = engine,
            ["ConnectionStrings:Default"] = connection,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Warning);
            if (Environment.GetEnvironmentVariable("ANSINH_BENCH_SQL") == "1")
            {
                // Every command with its time, to find the slow one.
                b.AddSimpleConsole().AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information);
            }
        });
        services.AddAnSinhCore(config);
        services.AddHttpContextAccessor();
        var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var init = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        await init.MigrateAsync();
        await init.EnsureAdminUnitsAsync();
        await init.EnsurePovertyStandardsAsync();
        await init.EnsureHolidaysAsync();
        return provider;
    }

    private static async Task ImportAsync(string engine, string file)
    {
        // 1. The import itself, from the file, both passes.
        long rows;
        double importSeconds;
        await using (var provider = await FreshDatabaseAsync(engine))
        {
            using var scope = provider.CreateScope();
            var import = scope.ServiceProvider.GetRequiredService<HouseholdImport>();
            await using (var check = File.OpenRead(file))
            {
                var v = Stopwatch.StartNew();
                await import.RunAsync(check, ImportMode.ValidateOnly, null);
                Console.WriteLine($"validation pass alone: {v.Elapsed.TotalSeconds:F1} s");
            }
            var watch = Stopwatch.StartNew();
            await using var stream = File.OpenRead(file);
            var result = await import.RunAsync(stream, ImportMode.AllOrNothing, null);
            importSeconds = watch.Elapsed.TotalSeconds;
            rows = result.PersonsWritten;
            Console.WriteLine($"import[{engine}]: {result.Summary}");
        }
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;

        // 2. The engine's raw bulk insert of the same rows (same generator, same writer, no file, no checks).
        double rawSeconds;
        await using (var provider = await FreshDatabaseAsync(engine))
        {
            using var scope = provider.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AnSinhDbContext>();
            var bulk = scope.ServiceProvider.GetRequiredService<IRegistryBulkWriter>();
            var households = new List<Household>();
            var persons = new List<Person>();
            foreach (var g in Generate((int)rows, 7))
            {
                households.Add(g.Household);
                persons.AddRange(g.Members);
            }
            var watch = Stopwatch.StartNew();
            await using var tx = await db.Database.BeginTransactionAsync();
            for (var i = 0; i < households.Count; i += 5000)
            {
                var hs = households.Skip(i).Take(5000).ToList();
                var ids = hs.Select(h => h.Id).ToHashSet();
                await bulk.WriteAsync(hs, persons.Where(p => ids.Contains(p.HouseholdId)).ToList(), Today, HouseholdEventKind.Imported, "bench", CancellationToken.None);
            }
            await tx.CommitAsync();
            rawSeconds = watch.Elapsed.TotalSeconds;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {engine} | {rows:N0} | {importSeconds:F1} s ({rows / importSeconds:N0} rows/s) | {rawSeconds:F1} s ({rows / rawSeconds:N0} rows/s) | {100 * rawSeconds / importSeconds:F0} % | {peak / 1024 / 1024:N0} MB |"));
    }

    private static async Task QueryAsync(string engine, int people)
    {
        await using var provider = await FreshDatabaseAsync(engine);
        var watch = Stopwatch.StartNew();
        using (var scope = provider.CreateScope())
        {
            var init = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
            var seeded = await init.SeedAsync("14", people, 11);
            Console.WriteLine($"seed[{engine}]: {seeded.Persons:N0} people, {seeded.Households:N0} households in {watch.Elapsed.TotalSeconds:N1} s");
        }
        if (engine == "sqlite")
        {
            using var scope = provider.CreateScope();
            await scope.ServiceProvider.GetRequiredService<AnSinhDbContext>().Database.ExecuteSqlRawAsync("ANALYZE");
        }
        else
        {
            using var scope = provider.CreateScope();
            await scope.ServiceProvider.GetRequiredService<AnSinhDbContext>().Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        }

        // Names to look for: real stored names, typed without diacritics.
        List<string> names;
        List<string> communes;
        using (var scope = provider.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AnSinhDbContext>();
            names = await db.Set<Person>().OrderBy(p => p.Id).Select(p => p.SearchName).Take(5000).ToListAsync();
            communes = await db.Set<Household>().Select(h => h.CommuneCode).Distinct().ToListAsync();
        }
        var random = new Random(3);
        var nameTimes = new List<double>();
        var pageTimes = new List<double>();
        var communeSearchTimes = new List<double>();
        for (var i = 0; i < 220; i++)
        {
            var q = names[random.Next(names.Count)];
            var commune = communes[random.Next(communes.Count)];
            using var scope = provider.CreateScope();
            var search = scope.ServiceProvider.GetRequiredService<PersonSearch>();
            var households = scope.ServiceProvider.GetRequiredService<HouseholdService>();
            var w = Stopwatch.StartNew();
            var found = await search.SearchAsync(new PersonFilter { Q = q });
            var t1 = w.Elapsed.TotalMilliseconds;
            w.Restart();
            var page = await households.ListAsync(new HouseholdFilter { CommuneCode = commune, Page = 1 + random.Next(3) });
            var t2 = w.Elapsed.TotalMilliseconds;
            w.Restart();
            var inCommune = await search.SearchAsync(new PersonFilter { Q = q.Split(' ')[^1], CommuneCode = commune });
            var t3 = w.Elapsed.TotalMilliseconds;
            if (i >= 20) // warm-up excluded
            {
                nameTimes.Add(t1);
                pageTimes.Add(t2);
                communeSearchTimes.Add(t3);
            }
            if (found.Total == 0 || page.Items.Count == 0)
            {
                throw new InvalidOperationException($"benchmark query returned nothing: {q} / {commune}");
            }
            _ = inCommune;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {engine} | {people:N0} | name search (province/nation) p50 {P(nameTimes, 50):F1} ms, p95 {P(nameTimes, 95):F1} ms | page of 50 households of a commune p50 {P(pageTimes, 50):F1} ms, p95 {P(pageTimes, 95):F1} ms | given-name search in a commune p95 {P(communeSearchTimes, 95):F1} ms |"));
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }
}
