using System.Net.Http.Json;
using AnSinh.Cli;
using AnSinh.Tests.Infrastructure;

namespace AnSinh.Tests.Integration;

/// <summary>`ansinh benefits …` against the test app's database of each engine.</summary>
public sealed class BenefitsCliTests
{
    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        var code = await CliApp.RunAsync(args, output, output);
        return (code, output.ToString());
    }

    /// <summary>A second user (the one who prepares does not approve): created by the administrator, its user name for <c>--as</c>.</summary>
    private static async Task<string> SecondUserAsync(HttpClient admin, string role, string? scope)
    {
        var name = $"{role}-{Guid.NewGuid():N}"[..20];
        (await admin.PostAsJsonAsync("/api/users", new { userName = name, password = "Pass-word-123", role, scopeUnitCode = scope })).EnsureSuccessStatusCode();
        return name;
    }

    private static string Digits(string s) => s.Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Base_levels_and_quotes_from_the_command_line(string engine)
    {
        var app = TestApp.For(engine);
        using var started = await app.AdminAsync();
        string[] db = ["--provider", engine, "--connection", TestApp.ConnectionFor(engine), "--as", "admin"];

        var levels = await Run(["benefits", "base-levels", .. db]);
        Assert.True(levels.Code == 0, levels.Output);
        Assert.Contains("76/2024", levels.Output, StringComparison.Ordinal);
        Assert.Contains("TẠM TÍNH", levels.Output, StringComparison.Ordinal);

        var elderly = await Run(["benefits", "quote-assistance", "--date", "2024-08-15", "--birth", "1944-08-15", "--clauses", "5.5a", .. db]);
        Assert.True(elderly.Code == 0, elderly.Output);
        Assert.Contains("Mỗi tháng: 1000000", Digits(elderly.Output), StringComparison.Ordinal);

        var invalid = await Run(["benefits", "quote-merit", "--date", "2025-01-01", "--category", "war_invalid", "--percent", "41", .. db]);
        Assert.True(invalid.Code == 0, invalid.Output);
        Assert.Contains("Mỗi tháng: 3667000", Digits(invalid.Output), StringComparison.Ordinal);

        var refused = await Run(["benefits", "quote-assistance", "--date", "2025-01-01", "--birth", "1990-01-01", "--clauses", "5.6", .. db]);
        Assert.NotEqual(0, refused.Code);
        Assert.Contains("mức độ khuyết tật", refused.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, (await Run(["benefits", "quote-merit", "--date", "01/01/2025", "--category", "hero", .. db])).Code);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_payroll_is_computed_approved_and_exported_from_the_command_line(string engine)
    {
        var app = TestApp.For(engine);
        using var admin = await app.AdminAsync();
        var nationalId = TestData.NationalId(false, 1941);
        (await admin.PostAsJsonAsync("/api/households", TestData.Household("01738", "Đàm Văn Sơn",
            new { fullName = "Đàm Thị Lan", sex = "female", birthDate = "1941-02-03", nationalId, ethnicity = "Nùng", relationship = "parent" }))).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/benefits/beneficiaries", new { nationalId, scheme = "social_assistance", clauses = new[] { "5.5a" }, decisionNumber = "QĐ 5/2025", decisionDate = "2025-01-10" }))
            .EnsureSuccessStatusCode();
        string[] db = ["--provider", engine, "--connection", TestApp.ConnectionFor(engine), "--as", "admin"];

        var computed = await Run(["benefits", "payroll", "--commune", "01738", "--month", "2025-02", .. db]);
        Assert.True(computed.Code == 0, computed.Output);
        Assert.Contains("tổng 1000000 đồng", Digits(computed.Output), StringComparison.Ordinal);
        var runId = computed.Output.Split(' ', 2)[0].Trim();

        // The administrator computed it and does not approve it; the commune's approver does.
        var own = await Run(["benefits", "approve-payroll", runId, .. db]);
        Assert.NotEqual(0, own.Code);
        Assert.Contains("không được tự phê duyệt", own.Output, StringComparison.Ordinal);
        var approver = await SecondUserAsync(admin, "approver", "01738");
        var approved = await Run(["benefits", "approve-payroll", runId, "--provider", engine, "--connection", TestApp.ConnectionFor(engine), "--as", approver]);
        Assert.True(approved.Code == 0, approved.Output);
        Assert.Contains("ĐÃ DUYỆT", approved.Output, StringComparison.Ordinal);
        var again = await Run(["benefits", "payroll", "--commune", "01738", "--month", "2025-02", .. db]);
        Assert.NotEqual(0, again.Code);
        Assert.Contains("đã được duyệt và khóa", again.Output, StringComparison.Ordinal);

        var xlsx = Path.Combine(Path.GetTempPath(), $"chi-tra-{Guid.NewGuid():N}.xlsx");
        var pdf = Path.ChangeExtension(xlsx, ".pdf");
        try
        {
            Assert.Equal(0, (await Run(["benefits", "payroll-export", runId, "--out", xlsx, .. db])).Code);
            Assert.Equal(0, (await Run(["benefits", "payroll-export", runId, "--out", pdf, .. db])).Code);
            using (var reader = AnSinh.Platform.Excel.XlsxReader.Open(File.OpenRead(xlsx)))
            {
                Assert.Contains("Đàm Thị Lan", reader.ReadRows().SelectMany(r => r.Values));
            }
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 4));
        }
        finally
        {
            File.Delete(xlsx);
            File.Delete(pdf);
        }

        // The whole province as the recorded job; the approved commune is left as it was.
        var province = await Run(["benefits", "payroll", "--province", "04", "--month", "2025-02", .. db]);
        Assert.True(province.Code == 0, province.Output);
        Assert.Contains("xã đã khóa từ trước", province.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, (await Run(["benefits", "payroll", "--commune", "01738", "--month", "2025-14", .. db])).Code);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Health_cards_are_listed_issued_and_expiring_from_the_command_line(string engine)
    {
        var app = TestApp.For(engine);
        using var admin = await app.AdminAsync();
        var childId = TestData.NationalId(false, 2024);
        (await admin.PostAsJsonAsync("/api/households", TestData.Household("01777", "Hoàng Văn Tú",
            new { fullName = "Hoàng Thị Na", sex = "female", birthDate = "2024-01-05", nationalId = childId, ethnicity = "Tày", relationship = "child" }))).EnsureSuccessStatusCode();
        string[] db = ["--provider", engine, "--connection", TestApp.ConnectionFor(engine), "--as", "admin"];

        var listed = await Run(["benefits", "cards", "--commune", "01777", "--date", "2026-01-01", .. db]);
        Assert.True(listed.Code == 0, listed.Output);
        Assert.Contains("Hoàng Thị Na", listed.Output, StringComparison.Ordinal);
        Assert.Contains("trẻ em dưới 6 tuổi", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Hoàng Văn Tú", listed.Output, StringComparison.Ordinal);

        var xlsx = Path.Combine(Path.GetTempPath(), $"the-{Guid.NewGuid():N}.xlsx");
        try
        {
            var issued = await Run(["benefits", "issue-cards", "--commune", "01777", "--from", "2026-01-01", "--to", "2026-12-31", "--out", xlsx, .. db]);
            Assert.True(issued.Code == 0, issued.Output);
            Assert.Contains("đã cấp 1 thẻ", issued.Output, StringComparison.Ordinal);
            Assert.Contains("ngân sách đóng 1263600 đồng", Digits(issued.Output), StringComparison.Ordinal);
            using var reader = AnSinh.Platform.Excel.XlsxReader.Open(File.OpenRead(xlsx));
            Assert.Contains("TE104" + childId, reader.ReadRows().SelectMany(r => r.Values));
        }
        finally
        {
            File.Delete(xlsx);
        }
        var again = await Run(["benefits", "issue-cards", "--commune", "01777", "--from", "2026-01-01", .. db]);
        Assert.NotEqual(0, again.Code);
        Assert.Contains("đều đã có thẻ", again.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, (await Run(["benefits", "issue-cards", "--commune", "01777", "--from", "01/01/2026", .. db])).Code);

        var expiring = await Run(["benefits", "cards-expiring", "--commune", "01777", "--month", "2026-12", .. db]);
        Assert.True(expiring.Code == 0, expiring.Output);
        Assert.Contains("TE104" + childId, expiring.Output, StringComparison.Ordinal);
        Assert.Contains("vẫn được cấp thẻ nhóm trẻ em dưới 6 tuổi", expiring.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task The_presidents_gifts_are_drawn_and_handed_over_from_the_command_line(string engine)
    {
        var app = TestApp.For(engine);
        using var admin = await app.AdminAsync();
        var nationalId = TestData.NationalId(false, 1935);
        (await admin.PostAsJsonAsync("/api/households", TestData.Household("01789", "Ngô Văn Hùng",
            new { fullName = "Ngô Thị Mẹ", sex = "female", birthDate = "1935-02-03", nationalId, ethnicity = "Kinh", relationship = "parent" }))).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/benefits/beneficiaries", new { nationalId, scheme = "merit", category = "heroic_mother", decisionNumber = "QĐ 9/2025", decisionDate = "2025-01-10" }))
            .EnsureSuccessStatusCode();
        string[] db = ["--provider", engine, "--connection", TestApp.ConnectionFor(engine), "--as", "admin"];

        var drawn = await Run(["benefits", "president-gifts", "--commune", "01789", "--occasion", "july27", "--year", "2026", .. db]);
        Assert.True(drawn.Code == 0, drawn.Output);
        Assert.Contains("Ngô Thị Mẹ", drawn.Output, StringComparison.Ordinal);
        Assert.Contains("1 suất tổng 600000 đồng", Digits(drawn.Output), StringComparison.Ordinal);
        var listId = drawn.Output.Split('\n').Single(l => l.Contains("suất, tổng", StringComparison.Ordinal)).Split(' ', 2)[0].Trim();

        var delivered = await Run(["benefits", "deliver-gifts", listId, "--date", "2026-07-20", .. db]);
        Assert.True(delivered.Code == 0, delivered.Output);
        Assert.Contains("1 suất quà 600000 đồng", Digits(delivered.Output), StringComparison.Ordinal);
        var again = await Run(["benefits", "president-gifts", "--commune", "01789", "--occasion", "july27", "--year", "2026", .. db]);
        Assert.NotEqual(0, again.Code);
        Assert.Contains("đã bắt đầu phát", again.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, (await Run(["benefits", "president-gifts", "--commune", "01789", "--occasion", "christmas", "--year", "2026", .. db])).Code);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Emergency_relief_is_recorded_proposed_and_decided_from_the_command_line(string engine)
    {
        var app = TestApp.For(engine);
        using var admin = await app.AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/households", TestData.Household("01822", TestData.Unique("Lường Văn Cháy "),
            new { fullName = "Lường Thị Khói", sex = "female", birthDate = "1982-02-03", nationalId = TestData.NationalId(false, 1982), ethnicity = "Thái", relationship = "spouse" }));
        created.EnsureSuccessStatusCode();
        var code = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("code").GetString()!;
        string[] db = ["--provider", engine, "--connection", TestApp.ConnectionFor(engine), "--as", "admin"];

        var ev = await Run(["benefits", "relief-event", "--kind", "fire", "--name", TestData.Unique("Cháy nhà "), "--date", "2026-10-02", "--communes", "01822", .. db]);
        Assert.True(ev.Code == 0, ev.Output);
        var eventId = ev.Output.Split(' ', 2)[0].Trim();
        var proposed = await Run(["benefits", "relief-case", eventId, "--household", code, "--months", "1", "--house", "collapsed", .. db]);
        Assert.True(proposed.Code == 0, proposed.Output);
        Assert.Contains("gạo 30 kg tiền 40000000 đồng", Digits(proposed.Output), StringComparison.Ordinal);
        var caseId = proposed.Output.Split(' ', 2)[0].Trim();
        var today = TestData.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var own = await Run(["benefits", "decide-relief", caseId, "--number", "5/QĐ-UBND", "--date", today, .. db]);
        Assert.NotEqual(0, own.Code);
        Assert.Contains("không được tự phê duyệt", own.Output, StringComparison.Ordinal);
        var chair = await SecondUserAsync(admin, "approver", "01822");
        var decided = await Run(["benefits", "decide-relief", caseId, "--number", "5/QĐ-UBND", "--date", today, "--provider", engine, "--connection", TestApp.ConnectionFor(engine), "--as", chair]);
        Assert.True(decided.Code == 0, decided.Output);
        Assert.Contains("Đã quyết định", decided.Output, StringComparison.Ordinal);
        var refused = await Run(["benefits", "relief-case", eventId, "--household", code, "--months", "1", .. db]);
        Assert.NotEqual(0, refused.Code);
        Assert.Contains("mỗi hộ một hồ sơ", refused.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, (await Run(["benefits", "relief-event", "--kind", "meteor", "--name", "X", "--date", "2026-10-02", "--communes", "01822", .. db])).Code);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_dossier_is_filed_reviewed_posted_and_decided_from_the_command_line(string engine)
    {
        var app = TestApp.For(engine);
        using var admin = await app.AdminAsync();
        var nationalId = TestData.NationalId(true, 1942);
        (await admin.PostAsJsonAsync("/api/households", TestData.Household("01288", TestData.Unique("Kiều Văn Lão "),
            new { fullName = "Kiều Văn Cố", sex = "male", birthDate = "1942-02-03", nationalId, ethnicity = "Kinh", relationship = "parent" }))).EnsureSuccessStatusCode();
        string[] db = ["--provider", engine, "--connection", TestApp.ConnectionFor(engine), "--as", "admin"];

        var filed = await Run(["benefits", "dossier-file", "--national-id", nationalId, "--scheme", "social_assistance", "--clauses", "5.5c", "--filed", "2026-09-07", .. db]);
        Assert.True(filed.Code == 0, filed.Output);
        Assert.Contains("hạn xem xét 16/09/2026", filed.Output, StringComparison.Ordinal);
        var id = filed.Output.Split(' ', 2)[0].Trim();
        Assert.Equal(0, (await Run(["benefits", "dossier-review", id, "--eligible", "yes", "--date", "2026-09-08", .. db])).Code);
        var posted = await Run(["benefits", "dossier-post", id, "--from", "2026-09-09", .. db]);
        Assert.Contains("niêm yết đến 10/09/2026", posted.Output, StringComparison.Ordinal);
        var early = await Run(["benefits", "dossier-decide", id, "--approve", "yes", "--number", "40/QĐ-UBND", "--date", "2026-09-10", .. db]);
        Assert.NotEqual(0, early.Code);
        Assert.Contains("niêm yết đến hết ngày 10/09/2026", early.Output, StringComparison.Ordinal);
        var decided = await Run(["benefits", "dossier-decide", id, "--approve", "yes", "--number", "40/QĐ-UBND", "--date", "2026-10-01", .. db]);
        Assert.True(decided.Code == 0, decided.Output);
        Assert.Contains("hưởng từ tháng 09/2026", decided.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, (await Run(["benefits", "dossier-review", id, "--eligible", "maybe", .. db])).Code);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task An_administrator_loads_a_new_merit_table_from_a_csv_file(string engine)
    {
        var app = TestApp.For(engine);
        using var started = await app.AdminAsync();
        string[] db = ["--provider", engine, "--connection", TestApp.ConnectionFor(engine), "--as", "admin"];
        var csv = Path.Combine(Path.GetTempPath(), $"bang-{Guid.NewGuid():N}.csv");
        try
        {
            await File.WriteAllLinesAsync(csv, ["row,allowance,supplement", "41,4tr,"]);
            var bad = await Run(["benefits", "merit-table", csv, "--table", "war_invalid", "--from", "2028-01-01", "--source", "Nghị định (thử nghiệm CLI), Phụ lục II", .. db]);
            Assert.NotEqual(0, bad.Code);
            Assert.Contains("Dòng 2", bad.Output, StringComparison.Ordinal);

            await File.WriteAllLinesAsync(csv, ["row,allowance,supplement", "41,4000000,", "42,4100000,"]);
            var loaded = await Run(["benefits", "merit-table", csv, "--table", "war_invalid", "--from", "2028-01-01", "--source", "Nghị định (thử nghiệm CLI), Phụ lục II", .. db]);
            Assert.True(loaded.Code == 0, loaded.Output);
            Assert.Contains("Đã nạp 2 dòng", loaded.Output, StringComparison.Ordinal);
            var quote = await Run(["benefits", "quote-merit", "--date", "2028-02-01", "--category", "war_invalid", "--percent", "41", .. db]);
            Assert.True(quote.Code == 0, quote.Output);
            Assert.Contains("Mỗi tháng: 4000000", Digits(quote.Output), StringComparison.Ordinal);
            Assert.NotEqual(0, (await Run(["benefits", "merit-table", csv, "--table", "war_invalid", "--from", "2028-01-01", "--source", "lặp lại", .. db])).Code);
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
