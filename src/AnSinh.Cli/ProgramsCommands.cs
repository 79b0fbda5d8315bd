using System.Globalization;
using AnSinh.Programs.Housing;
using AnSinh.Programs.Indicators;
using AnSinh.Programs.Records;
using AnSinh.Programs.Reports;
using AnSinh.Programs.Targets;
using Microsoft.Extensions.DependencyInjection;

namespace AnSinh.Cli;

/// <summary>`ansinh programs …`: jobs and loans, targets, indicators, the social-security report and the summaries' refresh.</summary>
internal static class ProgramsCommands
{
    public const string Help = "Dùng: ansinh programs job --commune MÃ_XÃ --date D --kind job|training|labour_export [--work \"NƠI LÀM\"]"
        + " | loan --commune MÃ_XÃ --date D --household MÃ_HỘ --programme poor_household|… --amount N --term THÁNG [--purpose \"…\"]"
        + " | target --unit MÃ --year Y --indicator jobs_created --value N | indicator --unit MÃ --year Y --indicator jobs_created [--period year|half]"
        + " | report --unit MÃ --year Y [--period year|half] [--map then|today] [--out FILE.xlsx|FILE.pdf] | refresh --province MÃ_TỈNH --year Y"
        + " | housing --household MÃ_HỘ [--commune MÃ_XÃ] --programme great_unity|gratitude|temporary_house --kind new_build|repair [--listed D] [--cost N]"
        + " | housing-stage WORK_ID --stage approved|started|completed|handed_over --date D   --as USER";

    public static async Task<int> RunAsync(IServiceProvider root, List<string> positional, Dictionary<string, string> o, TextWriter output)
    {
        if (positional.Count < 2)
        {
            throw new CliException(Help);
        }
        using var scope = root.CreateScope();
        await CliApp.ActAsAsync(scope.ServiceProvider, CliApp.Required(o, "as"));
        var sp = scope.ServiceProvider;
        switch (positional[1])
        {
            case "job":
                {
                    var r = await sp.GetRequiredService<ProgramRecords>().AddJobAsync(new JobRequest(CliApp.Required(o, "commune"), Date(o, "date"), CliApp.Required(o, "kind"), null, o.GetValueOrDefault("work")));
                    output.WriteLine($"{r.Id}  {r.KindName} ngày {r.Date:dd/MM/yyyy}, xã {r.CommuneCode}.");
                    return 0;
                }
            case "loan":
                {
                    var code = CliApp.Required(o, "household");
                    var db = sp.GetRequiredService<AnSinh.Platform.Persistence.AnSinhDbContext>();
                    var loanCommune = CliApp.Required(o, "commune");
                    var household = db.Set<AnSinh.Registry.Households.Household>().Where(h => h.Code == code && h.CommuneCode == loanCommune).Select(h => (Guid?)h.Id).FirstOrDefault()
                        ?? throw new CliException($"Không có hộ mã {code}.");
                    var r = await sp.GetRequiredService<ProgramRecords>().AddLoanAsync(new LoanRequest(CliApp.Required(o, "commune"), Date(o, "date"), CliApp.Required(o, "programme"),
                        Long(o, "amount"), (int?)Long(o, "term"), o.GetValueOrDefault("purpose"), household, null));
                    output.WriteLine($"{r.Id}  {r.ProgrammeName}: {r.Amount:N0} đồng, {r.TermMonths} tháng, hộ {r.PersonName}.");
                    return 0;
                }
            case "target":
                {
                    var t = await sp.GetRequiredService<Targets>().SetAsync(new TargetRequest(CliApp.Required(o, "unit"), (int?)Long(o, "year"), CliApp.Required(o, "indicator"),
                        decimal.TryParse(CliApp.Required(o, "value"), CultureInfo.InvariantCulture, out var v) ? v : throw new CliException("--value phải là số.")));
                    output.WriteLine($"Chỉ tiêu {t.IndicatorName} năm {t.Year} của {t.UnitName}: {t.Value:N0} {t.Unit}.");
                    return 0;
                }
            case "indicator":
                {
                    var r = await sp.GetRequiredService<Targets>().IndicatorAsync(CliApp.Required(o, "unit"), (int?)Long(o, "year"), CliApp.Required(o, "indicator"), o.GetValueOrDefault("period"), o.GetValueOrDefault("map"));
                    output.WriteLine($"{r.UnitName} — {r.Name} ({r.Period} {r.Year}, đến {r.AsOf:dd/MM/yyyy}): kết quả {r.Actual:N2} {r.Unit}"
                        + (r.Target is { } t ? $", kế hoạch {t:N2}, đạt {r.Percent:0.00} %, còn thiếu {r.Gap:N2}" : ", chưa giao chỉ tiêu") + (r.Provisional ? " (tạm tính)" : "") + ".");
                    return 0;
                }
            case "report":
                {
                    var reports = sp.GetRequiredService<SocialReports>();
                    var report = await reports.BuildAsync(CliApp.Required(o, "unit"), (int?)Long(o, "year"), o.GetValueOrDefault("period"), o.GetValueOrDefault("map"));
                    output.WriteLine($"BÁO CÁO AN SINH XÃ HỘI {report.PeriodName.ToUpperInvariant()} — {report.UnitName} (đến {report.AsOf:dd/MM/yyyy}) — {SocialReports.StatusName(report)}");
                    foreach (var reason in report.ProvisionalReasons)
                    {
                        output.WriteLine("  ! " + reason);
                    }
                    foreach (var s in report.Sections)
                    {
                        output.WriteLine(s.Title);
                        foreach (var row in s.Rows)
                        {
                            output.WriteLine($"  {row.Indicator,-28} {row.Value,18:N2} {row.Unit,-7}{(row.Target is { } t ? $" KH {t:N2} = {row.Percent:0.00} %" : "")}");
                        }
                    }
                    if (o.TryGetValue("out", out var path))
                    {
                        await using var file = File.Create(path);
                        if (path.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
                        {
                            await file.WriteAsync(SocialReports.Pdf(report));
                        }
                        else
                        {
                            await reports.XlsxAsync(file, report, default);
                        }
                        output.WriteLine($"Đã ghi {path}.");
                    }
                    return 0;
                }
            case "refresh":
                {
                    var took = await sp.GetRequiredService<IndicatorSummaries>().RefreshAsync(CliApp.Required(o, "province"), (int)(Long(o, "year") ?? 0), default);
                    output.WriteLine($"Đã tổng hợp lại chỉ số của tỉnh {o["province"]} năm {o["year"]} trong {took.TotalSeconds:0.00} giây.");
                    return 0;
                }
            case "housing":
                {
                    var w = await sp.GetRequiredService<HousingWorks>().CreateAsync(new HousingRequest(null, CliApp.Required(o, "household"), CliApp.Required(o, "programme"), CliApp.Required(o, "kind"),
                        o.ContainsKey("listed") ? Date(o, "listed") : null, Long(o, "cost"), o.GetValueOrDefault("note"), o.GetValueOrDefault("commune")));
                    output.WriteLine($"{w.Id}  {w.ProgrammeName} — {w.WorkKindName}, hộ {w.HouseholdCode} ({w.HeadName}): {w.StageName}.");
                    return 0;
                }
            case "housing-stage":
                {
                    var id = positional.Count >= 3 && Guid.TryParse(positional[2], out var g) ? g : throw new CliException("Cần mã công trình (WORK_ID, dạng GUID).");
                    var w = await sp.GetRequiredService<HousingWorks>().StepAsync(id, new StageRequest(CliApp.Required(o, "stage"), Date(o, "date"), null));
                    output.WriteLine($"Công trình hộ {w.HouseholdCode}: {w.StageName}.");
                    return 0;
                }
            default:
                throw new CliException(Help);
        }
    }

    private static DateOnly Date(Dictionary<string, string> o, string key) =>
        DateOnly.TryParseExact(CliApp.Required(o, key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : throw new CliException($"--{key} phải có dạng YYYY-MM-DD.");

    private static long? Long(Dictionary<string, string> o, string key) =>
        o.TryGetValue(key, out var s) ? long.TryParse(s, CultureInfo.InvariantCulture, out var n) ? n : throw new CliException($"--{key} phải là số.") : null;
}
