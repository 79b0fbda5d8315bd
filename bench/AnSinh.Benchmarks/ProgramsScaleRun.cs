using System.Diagnostics;
using System.Globalization;
using AnSinh.Platform.Persistence;
using AnSinh.Programs.Indicators;
using AnSinh.Programs.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnSinh.Benchmarks;

/// <summary>
/// Issue #6 at scale, on a database where review rounds were just decided (PovertyScaleRun step E):
/// the first annual report of the province after the day's changes (catch-up from the audit log,
/// one pass over every source, the read), then warm reports and dashboards, a commune's report, and
/// a pass over the province again (what a day's changes cost).
/// </summary>
public static class ProgramsScaleRun
{
    public static async Task RunAsync(ServiceProvider provider, string engine, string province, int year)
    {
        string communeCode;
        using (var scope = provider.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AnSinhDbContext>();
            communeCode = await db.AdminUnits.AsNoTracking().Where(u => u.Level == AnSinh.Platform.AdminUnits.AdminLevel.Commune && u.ProvinceCode == province && u.ValidTo == null)
                .OrderBy(u => u.Code).Select(u => u.Code).FirstAsync();
        }
        async Task<double> TimeAsync(Func<IServiceProvider, Task> action)
        {
            using var scope = provider.CreateScope();
            var watch = Stopwatch.StartNew();
            await action(scope.ServiceProvider);
            return watch.Elapsed.TotalMilliseconds;
        }
        var cold = await TimeAsync(sp => sp.GetRequiredService<SocialReports>().BuildAsync(province, year, "year", null));
        var warm = new List<double>();
        for (var i = 0; i < 25; i++)
        {
            warm.Add(await TimeAsync(sp => sp.GetRequiredService<SocialReports>().BuildAsync(province, year, "year", null)));
        }
        var dashboard = new List<double>();
        for (var i = 0; i < 25; i++)
        {
            dashboard.Add(await TimeAsync(sp => sp.GetRequiredService<SocialReports>().BuildAsync(province, year, "year", "today")));
        }
        var commune = new List<double>();
        for (var i = 0; i < 25; i++)
        {
            commune.Add(await TimeAsync(sp => sp.GetRequiredService<SocialReports>().BuildAsync(communeCode, year, "year", null)));
        }
        var pass = await TimeAsync(sp => sp.GetRequiredService<IndicatorSummaries>().RefreshAsync(province, year, default));
        double P(List<double> xs, double q) => xs.Order().ElementAt((int)Math.Min(xs.Count - 1, Math.Floor(q * xs.Count)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {engine} | E: annual report of province {province} {year} | first after the changes {cold:F0} ms | warm p50 {P(warm.Skip(5).ToList(), 0.5):F1} / p95 {P(warm.Skip(5).ToList(), 0.95):F1} ms | dashboard (today's map) p50 {P(dashboard.Skip(5).ToList(), 0.5):F1} ms | commune {communeCode} p50 {P(commune.Skip(5).ToList(), 0.5):F1} ms | province pass again {pass:F0} ms |"));
    }
}
