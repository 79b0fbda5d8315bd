using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Cli;
using AnSinh.Funds.Import;
using AnSinh.Platform.Excel;
using AnSinh.Tests.Infrastructure;

namespace AnSinh.Tests.Integration;

/// <summary>`ansinh funds …` against the test app's database of each engine.</summary>
public sealed class FundsCliTests
{
    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        var code = await CliApp.RunAsync(args, output, output);
        return (code, output.ToString());
    }

    private static string Workbook(params object?[][] rows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"phieu-thu-{Guid.NewGuid():N}.xlsx");
        using (var file = File.Create(path))
        using (var w = new XlsxWriter(file, "Phiếu thu"))
        {
            w.WriteHeader(FundReceiptImport.Columns);
            foreach (var r in rows)
            {
                w.WriteRow(r);
            }
        }
        return path;
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task The_fund_board_imports_receipts_reports_and_inspects_from_the_command_line(string engine)
    {
        var app = TestApp.For(engine);
        using var started = await app.AdminAsync(); // the test app migrates its database on start
        string[] db = ["--provider", engine, "--connection", TestApp.ConnectionFor(engine)];
        var name = "quy" + Guid.NewGuid().ToString("N")[..8];
        var user = await Run(["users", "create", name, "--password", "Mat-khau-123", "--role", "fund_board", "--scope", "04", .. db]);
        Assert.True(user.Code == 0, user.Output);
        var board = await app.ClientAsAsync(name, "Mat-khau-123");
        var created = await board.PostAsJsonAsync("/api/funds", new { unitCode = "01594", kind = "special", name = TestData.Unique("Quỹ dòng lệnh ") });
        var fund = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid().ToString();

        var bad = Workbook(["02/03/2026", "Ông Lò Văn A", "Cá nhân", "Tiền mặt", "-5", null, null, null, null, null]);
        var refused = await Run(["funds", "import", fund, bad, "--as", name, .. db]);
        Assert.Equal(2, refused.Code);
        Assert.Contains("dòng 2", refused.Output, StringComparison.Ordinal);

        var good = Workbook(
            ["02/03/2026", "Công ty Điện lực", "Doanh nghiệp", "Chuyển khoản", "5000000", null, null, null, null, null],
            ["03/03/2026", "Bà Lý Thị Mai", "Cá nhân", "Tiền mặt", "200000", null, null, null, null, null]);
        var imported = await Run(["funds", "import", fund, good, "--as", name, .. db]);
        Assert.True(imported.Code == 0, imported.Output);
        var again = await Run(["funds", "import", fund, good, "--as", name, .. db]);
        Assert.NotEqual(0, again.Code);
        Assert.Contains("đã được nhập", again.Output, StringComparison.Ordinal);

        var balance = await Run(["funds", "balance", fund, "--as", name, .. db]);
        Assert.Contains("5.200.000", balance.Output, StringComparison.Ordinal);
        Assert.Contains((await Run(["funds", "list", "--unit", "01594", "--as", name, .. db])).Output.Split('\n'), l => l.StartsWith(fund, StringComparison.Ordinal));

        var xlsx = Path.Combine(Path.GetTempPath(), $"bao-cao-{Guid.NewGuid():N}.xlsx");
        var report = await Run(["funds", "report", fund, "--year", "2026", "--out", xlsx, "--as", name, .. db]);
        Assert.True(report.Code == 0, report.Output);
        Assert.Contains(report.Output.Split('\n'), l => l.Contains("Tổng thu", StringComparison.Ordinal) && l.Contains("5.200.000", StringComparison.Ordinal));
        using (var reader = XlsxReader.Open(File.OpenRead(xlsx)))
        {
            Assert.Contains(reader.ReadRows(), r => r[0]?.Contains("Tổng thu", StringComparison.Ordinal) == true && r[2] == "5200000");
        }

        Assert.Equal(0, (await Run(["funds", "inspect", fund, "--cash", "200000", "--as", name, .. db])).Code);
        var short_ = await Run(["funds", "inspect", fund, "--cash", "150000", "--as", name, .. db]);
        Assert.Equal(2, short_.Code);
        Assert.Contains("chênh lệch", short_.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, (await Run(["funds", "balance", "not-a-fund", "--as", name, .. db])).Code);
    }
}
