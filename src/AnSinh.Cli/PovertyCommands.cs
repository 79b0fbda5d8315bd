using System.Globalization;
using System.Text.Json;
using AnSinh.Platform.Jobs;
using AnSinh.Platform.Persistence;
using AnSinh.Poverty.Documents;
using AnSinh.Poverty.Rounds;
using AnSinh.Poverty.Standards;
using AnSinh.Poverty.Statistics;
using Microsoft.Extensions.DependencyInjection;

namespace AnSinh.Cli;

/// <summary>`ansinh poverty …`: the review round's job, lists and rates, and the form-B point tables.</summary>
internal static class PovertyCommands
{
    public static async Task<int> RunAsync(IServiceProvider root, List<string> positional, Dictionary<string, string> o, TextWriter output)
    {
        if (positional.Count < 3)
        {
            throw new CliException("Dùng: ansinh poverty classify ROUND_ID | statistics UNIT --date D | score-table STANDARD [FILE.csv] --as USER");
        }
        using var scope = root.CreateScope();
        await CliApp.ActAsAsync(scope.ServiceProvider, CliApp.Required(o, "as"));
        var sp = scope.ServiceProvider;
        switch (positional[1])
        {
            case "classify":
                {
                    if (!Guid.TryParse(positional[2], out var roundId))
                    {
                        throw new CliException($"Mã đợt rà soát \"{positional[2]}\" không hợp lệ.");
                    }
                    var rounds = sp.GetRequiredService<ReviewRounds>();
                    var db = sp.GetRequiredService<AnSinhDbContext>();
                    var round = await rounds.LoadAsync(roundId, CancellationToken.None);
                    if (!ReviewRounds.CanRun(db.Actor.Role))
                    {
                        throw new CliException("Vai trò của người dùng này không được thực hiện rà soát hộ nghèo.");
                    }
                    // The same job as the web's, recorded on the job page, run here to its end.
                    var job = await JobStore.CreateAsync(db, ClassifyRoundJob.JobKind, JsonSerializer.Serialize(new ClassifyRoundJob.Payload(round.Id)), CancellationToken.None);
                    var bar = new ProgressBar(output);
                    await JobStore.RunAsync(sp, job.Id, bar, CancellationToken.None);
                    bar.Done();
                    await using var check = await sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<AnSinhDbContext>>().CreateDbContextAsync();
                    var done = await check.Jobs.FindAsync(job.Id) ?? throw new CliException("Không thấy tác vụ.");
                    if (done.Status != JobStatus.Succeeded)
                    {
                        throw new CliException(done.Message ?? "Tác vụ không thành công.");
                    }
                    var counts = JsonSerializer.Deserialize<ClassifyRoundJob.Counts>(done.Result ?? "{}")!;
                    output.WriteLine($"Đã phân loại {counts.Classified:N0} hộ: nghèo {counts.Poor:N0}, cận nghèo {counts.NearPoor:N0}, mức sống trung bình {counts.AverageLiving:N0}, không nghèo {counts.NotPoor:N0}, chưa đủ dữ liệu {counts.Incomplete:N0}; chưa khảo sát {counts.NotSurveyed:N0}.");
                    return 0;
                }
            case "statistics":
                {
                    if (!DateOnly.TryParseExact(CliApp.Required(o, "date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        throw new CliException("Ngày phải có dạng YYYY-MM-DD.");
                    }
                    var todayMap = o.GetValueOrDefault("map", "then") switch
                    {
                        "then" => false,
                        "today" => true,
                        var m => throw new CliException($"--map \"{m}\" không hợp lệ: then hoặc today."),
                    };
                    var f = await sp.GetRequiredService<PovertyStatistics>().ComputeAsync(positional[2], date, todayMap);
                    output.WriteLine($"{f.UnitName} ({f.UnitCode}) ngày {f.Date:dd/MM/yyyy}, bản đồ {(todayMap ? "hiện nay" : "thời điểm đó")}");
                    output.WriteLine($"{"Đơn vị",-40} {"Số hộ",10} {"Hộ nghèo",10} {"Tỷ lệ %",8} {"Cận nghèo",10} {"Tỷ lệ %",8}");
                    foreach (var r in f.Rows)
                    {
                        output.WriteLine($"{Clip(r.Name, 40),-40} {r.Households,10:N0} {r.Poor,10:N0} {r.PoorRate,8:F2} {r.NearPoor,10:N0} {r.NearPoorRate,8:F2}");
                    }
                    output.WriteLine($"{"Tổng",-40} {f.Households,10:N0} {f.Poor,10:N0} {f.PoorRate,8:F2} {f.NearPoor,10:N0} {f.NearPoorRate,8:F2}");
                    if (o.TryGetValue("out", out var path))
                    {
                        await using var file = File.Create(path);
                        await sp.GetRequiredService<PovertyDocuments>().WriteStatisticsXlsxAsync(positional[2], date, todayMap, file);
                        output.WriteLine($"Đã ghi {path}.");
                    }
                    return 0;
                }
            case "score-table":
                {
                    var tables = sp.GetRequiredService<ManageScoreTables>();
                    ScoreTableView view;
                    if (positional.Count >= 4)
                    {
                        if (!File.Exists(positional[3]))
                        {
                            throw new CliException($"Không có tệp {positional[3]}.");
                        }
                        var rows = ManageScoreTables.ParseCsv(await File.ReadAllTextAsync(positional[3]));
                        view = await tables.LoadAsync(positional[2], new ScoreTableInput(o.GetValueOrDefault("source"), rows));
                        output.WriteLine($"Đã nạp {view.Rows.Count:N0} phương án cho chuẩn {view.StandardCode}.");
                    }
                    else
                    {
                        view = await tables.GetAsync(positional[2]);
                    }
                    output.WriteLine(view.Message);
                    return 0;
                }
            default:
                throw new CliException($"Lệnh poverty không rõ: {positional[1]} (classify, statistics, score-table).");
        }
    }

    private static string Clip(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
}
