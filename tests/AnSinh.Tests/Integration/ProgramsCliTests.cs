using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Cli;
using AnSinh.Tests.Infrastructure;

namespace AnSinh.Tests.Integration;

/// <summary>`ansinh programs …` against the test app's database of each engine. Commune 01321 is used by no other test.</summary>
public sealed class ProgramsCliTests
{
    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        var code = await CliApp.RunAsync(args, output, output);
        return (code, output.ToString());
    }

    private static string Digits(string s) => s.Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Jobs_loans_targets_a_house_and_the_report_from_the_command_line(string engine)
    {
        var app = TestApp.For(engine);
        using var admin = await app.AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/households", TestData.Household("01321", TestData.Unique("Sầm Văn Vay ")));
        created.EnsureSuccessStatusCode();
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        string[] db = ["--provider", engine, "--connection", TestApp.ConnectionFor(engine), "--as", "admin"];

        var target = await Run(["programs", "target", "--unit", "01321", "--year", "2026", "--indicator", "jobs_created", "--value", "3", .. db]);
        Assert.True(target.Code == 0, target.Output);
        foreach (var kind in new[] { "job", "job", "training" })
        {
            var job = await Run(["programs", "job", "--commune", "01321", "--date", "2026-02-03", "--kind", kind, .. db]);
            Assert.True(job.Code == 0, job.Output);
        }
        var bad = await Run(["programs", "job", "--commune", "01321", "--date", "2026-02-03", "--kind", "holiday", .. db]);
        Assert.NotEqual(0, bad.Code);
        Assert.Contains("Loại phải là", bad.Output, StringComparison.Ordinal);
        var loan = await Run(["programs", "loan", "--commune", "01321", "--date", "2026-02-04", "--household", code, "--programme", "job_creation", "--amount", "40000000", "--term", "60", .. db]);
        Assert.True(loan.Code == 0, loan.Output);

        var indicator = await Run(["programs", "indicator", "--unit", "01321", "--year", "2026", "--indicator", "jobs_created", .. db]);
        Assert.True(indicator.Code == 0, indicator.Output);
        Assert.Contains("đạt 66", indicator.Output, StringComparison.Ordinal);

        var house = await Run(["programs", "housing", "--household", code, "--commune", "01321", "--programme", "temporary_house", "--kind", "repair", "--listed", "2026-03-01", "--cost", "30000000", .. db]);
        Assert.True(house.Code == 0, house.Output);
        var workId = house.Output.Split(' ', 2)[0];
        var stage = await Run(["programs", "housing-stage", workId, "--stage", "started", "--date", "2026-03-05", .. db]);
        Assert.NotEqual(0, stage.Code);
        Assert.Contains("Phải qua bước", stage.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await Run(["programs", "housing-stage", workId, "--stage", "approved", "--date", "2026-03-05", .. db])).Code);

        var xlsx = Path.Combine(Path.GetTempPath(), $"ansinh-report-{engine}-{Guid.NewGuid():N}.xlsx");
        var report = await Run(["programs", "report", "--unit", "01321", "--year", "2026", "--out", xlsx, .. db]);
        Assert.True(report.Code == 0, report.Output);
        Assert.Contains("Tạm tính", report.Output, StringComparison.Ordinal);
        Assert.Matches(@"jobs_created\s+200\s+người\s+KH 300 = 6667 %", Digits(report.Output));
        Assert.Matches(@"loan_amount\s+4000000000\s+đồng", Digits(report.Output));
        Assert.Equal("PK"u8.ToArray(), (await File.ReadAllBytesAsync(xlsx))[..2]);
        File.Delete(xlsx);

        var refresh = await Run(["programs", "refresh", "--province", "04", "--year", "2026", .. db]);
        Assert.True(refresh.Code == 0, refresh.Output);
        Assert.Contains("giây", refresh.Output, StringComparison.Ordinal);
    }
}
