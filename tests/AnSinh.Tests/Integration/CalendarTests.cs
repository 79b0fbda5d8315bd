using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Cli;
using AnSinh.Tests.Infrastructure;
using static AnSinh.Tests.Infrastructure.ApiResponses;

namespace AnSinh.Tests.Integration;

/// <summary>
/// The public-holiday calendar on both engines: read by everyone, kept by an administrator, used by
/// the working-day deadlines of the dossier procedure. Commune 01324 and the year 2030 are used by
/// no other test.
/// </summary>
public sealed class CalendarTests
{
    private const string Commune = "01324";

    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        var code = await CliApp.RunAsync(args, output, output);
        return (code, output.ToString());
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task An_administrator_keeps_the_holidays_and_deadlines_skip_them(string engine)
    {
        var app = TestApp.For(engine);
        var admin = await app.AdminAsync();
        var officer = await app.UserAsync("officer", Commune);

        var year = await OkAsync(await officer.GetAsync("/api/calendar/holidays?year=2026"));
        var items = year.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, h => h.GetProperty("date").GetString() == "2026-02-17" && h.GetProperty("kind").GetString() == "holiday");
        Assert.Contains(items, h => h.GetProperty("date").GetString() == "2026-04-27" && h.GetProperty("kind").GetString() == "compensatory");
        Assert.All(items, h => Assert.StartsWith("2026-", h.GetProperty("date").GetString(), StringComparison.Ordinal));
        Assert.Contains(year.GetProperty("years").EnumerateArray(), y => y.GetProperty("year").GetInt32() == 2025 && y.GetProperty("workingDays").GetInt32() == 250);

        // Only an administrator writes; bad rows are refused in Vietnamese.
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/calendar/holidays", new { date = "2030-03-15", kind = "holiday", name = "Lễ", source = "Điều 112" })).StatusCode);
        Assert.Contains("thứ Bảy hoặc Chủ nhật", await FailsAsync(await admin.PostAsJsonAsync("/api/calendar/holidays",
            new { date = "2030-03-15", kind = "swap_work", name = "Làm bù", source = "Thông báo" }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("căn cứ pháp lý", await FailsAsync(await admin.PostAsJsonAsync("/api/calendar/holidays",
            new { date = "2030-03-15", kind = "holiday", name = "Lễ" }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("đã có trong lịch", await FailsAsync(await admin.PostAsJsonAsync("/api/calendar/holidays",
            new { date = "2026-09-02", kind = "holiday", name = "Quốc khánh", source = "Bộ luật Lao động 2019, Điều 112" }), HttpStatusCode.Conflict), StringComparison.Ordinal);

        // Thursday 14/3/2030 + 2 working days is Friday 15/3 until that Friday becomes a holiday.
        Assert.Equal("2030-03-15", (await OkAsync(await officer.GetAsync("/api/calendar/working-days?from=2030-03-14&days=2"))).GetProperty("end").GetString());
        var added = await admin.PostAsJsonAsync("/api/calendar/holidays", new { date = "2030-03-15", kind = "holiday", name = "Ngày nghỉ thử", source = "Bộ luật Lao động 2019, Điều 112", provisional = true });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var row = await added.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(row.GetProperty("provisional").GetBoolean());
        var due = await OkAsync(await officer.GetAsync("/api/calendar/working-days?from=2030-03-14&days=2"));
        Assert.Equal("2030-03-18", due.GetProperty("end").GetString());
        Assert.True(due.GetProperty("holidaysLoaded").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync("/api/calendar/working-days?from=2030-03-14&days=0")).StatusCode);
        var confirmed = await OkAsync(await admin.PostAsJsonAsync($"/api/calendar/holidays/{row.GetProperty("id").GetInt32()}/confirm", new { source = "Bộ luật Lao động 2019, Điều 112 (đã đối chiếu)" }));
        Assert.False(confirmed.GetProperty("provisional").GetBoolean());
        var audit = await OkAsync(await admin.GetAsync("/api/audit?entityId=2030-03-15"));
        Assert.True(audit.GetProperty("total").GetInt32() >= 2, audit.ToString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/calendar/holidays/{row.GetProperty("id").GetInt32()}")).StatusCode);
        Assert.Equal("2030-03-15", (await OkAsync(await officer.GetAsync("/api/calendar/working-days?from=2030-03-14&days=2"))).GetProperty("end").GetString());

        // A dossier filed on Friday 24/4/2026 is reviewed within 7 working days that skip the
        // compensatory Monday 27/4, 30/4 and 1/5: due Friday 8/5 (weekends only would say 5/5).
        var created = await OkAsync(await officer.PostAsJsonAsync("/api/households", TestData.Household(Commune, TestData.Unique("Hộ Lễ "),
            new { fullName = "Lò Thị Lễ", sex = "female", birthDate = "1940-06-01", nationalId = TestData.NationalId(false, 1940), ethnicity = "Thái", relationship = "parent" })));
        var household = await OkAsync(await officer.GetAsync($"/api/households/{created.GetProperty("id").GetString()}"));
        var elder = household.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("fullName").GetString() == "Lò Thị Lễ").GetProperty("id").GetGuid();
        var filed = await OkAsync(await officer.PostAsJsonAsync("/api/benefits/dossiers",
            new { personId = elder, scheme = "social_assistance", clauses = new[] { "5.5c" }, filedOn = "2026-04-24" }));
        Assert.Equal("2026-05-08", filed.GetProperty("reviewDueOn").GetString());

        // The command line reads the same calendar.
        string[] db = ["--provider", engine, "--connection", TestApp.ConnectionFor(engine), "--as", "admin"];
        var list = await Run(["calendar", "list", "--year", "2026", .. db]);
        Assert.True(list.Code == 0, list.Output);
        Assert.Contains("17/02/2026", list.Output, StringComparison.Ordinal);
        var cliDue = await Run(["calendar", "due", "--from", "2026-02-13", "--days", "3", .. db]);
        Assert.True(cliDue.Code == 0, cliDue.Output);
        Assert.Contains("đến hết 24/02/2026", cliDue.Output, StringComparison.Ordinal);
        var bad = await Run(["calendar", "add", "--date", "2030-04-01", "--kind", "party", "--name", "X", "--source", "Y", .. db]);
        Assert.NotEqual(0, bad.Code);
        Assert.Contains("Loại ngày phải là", bad.Output, StringComparison.Ordinal);
        var add = await Run(["calendar", "add", "--date", "2030-04-01", "--kind", "holiday", "--name", "Ngày nghỉ thử", "--source", "Bộ luật Lao động 2019, Điều 112", .. db]);
        Assert.True(add.Code == 0, add.Output);
        Assert.Contains("2030-04-01", (await OkAsync(await officer.GetAsync("/api/calendar/holidays?year=2030"))).ToString(), StringComparison.Ordinal);
        var removed = await Run(["calendar", "remove", "--date", "2030-04-01", .. db]);
        Assert.True(removed.Code == 0, removed.Output);
    }
}
