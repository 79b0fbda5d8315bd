using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Platform.AdminUnits;
using AnSinh.Poverty.Classification;
using AnSinh.Poverty.Rounds;
using AnSinh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static AnSinh.Tests.Infrastructure.ApiResponses;

namespace AnSinh.Tests.Integration;

/// <summary>
/// Issue #6 on both engines: targets and their allocation, jobs and loans counted as indicators with
/// percent of plan, the report of a period approved and its period locked, housing works through
/// their stages with photos, minutes and funding, helper assignments, the public figures with small
/// numbers suppressed. Communes 01290 and 01304 are used by no other test.
/// </summary>
public sealed class ProgramsTests
{
    private const string Jobs = "01290";
    private const string Houses = "01304";

    private static async Task<Guid> HouseholdAsync(HttpClient c, string commune, string head) =>
        (await OkAsync(await c.PostAsJsonAsync("/api/households", TestData.Household(commune, head)))).GetProperty("id").GetGuid();

    private static decimal Value(JsonElement report, string indicator) =>
        report.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("rows").EnumerateArray())
            .Single(r => r.GetProperty("indicator").GetString() == indicator).GetProperty("value").GetDecimal();

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Jobs_and_loans_count_against_allocated_targets_and_an_approved_report_locks_its_period(string engine)
    {
        var app = TestApp.For(engine);
        var admin = await app.AdminAsync();
        var officer = await app.UserAsync("officer", Jobs);
        var approver = await app.UserAsync("approver", Jobs);
        string oldCommune;
        var db = app.NewDb(out var scope);
        using (scope)
        {
            oldCommune = await db.AdminUnits.Where(u => u.Level == AdminLevel.Commune && u.ValidTo != null && u.ProvinceCode == "04").Select(u => u.Code).FirstAsync();
        }

        // Targets: bad input first.
        Assert.Contains("không được âm", await FailsAsync(await admin.PostAsJsonAsync("/api/targets", new { unitCode = Jobs, year = 2026, indicator = "jobs_created", value = -1 }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("không tồn tại trong năm 2026", await FailsAsync(await admin.PostAsJsonAsync("/api/targets", new { unitCode = oldCommune, year = 2026, indicator = "jobs_created", value = 5 }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("danh mục", await FailsAsync(await admin.PostAsJsonAsync("/api/targets", new { unitCode = Jobs, year = 2026, indicator = "happiness", value = 5 }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        var old = await admin.PostAsJsonAsync("/api/targets", new { unitCode = oldCommune, year = 2024, indicator = "jobs_created", value = 5 });
        Assert.Equal(HttpStatusCode.Created, old.StatusCode);

        var province = await admin.PostAsJsonAsync("/api/targets", new { unitCode = "04", year = 2026, indicator = "jobs_created", value = 1000 });
        Assert.Equal(HttpStatusCode.Created, province.StatusCode);
        Assert.Contains("không thuộc", await FailsAsync(await admin.PostAsJsonAsync("/api/targets/allocate",
            new { unitCode = "04", year = 2026, indicator = "jobs_created", allocations = new[] { new { unitCode = "00004", value = 4m } } }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        var allocation = await OkAsync(await admin.PostAsJsonAsync("/api/targets/allocate",
            new { unitCode = "04", year = 2026, indicator = "jobs_created", allocations = new[] { new { unitCode = Jobs, value = 4m }, new { unitCode = Houses, value = 3m } } }));
        Assert.Equal(7m, allocation.GetProperty("allocated").GetDecimal());
        Assert.Equal(993m, allocation.GetProperty("unallocated").GetDecimal());

        // Jobs through the interface, refused where the input is wrong or outside the officer's commune.
        Assert.Contains("Loại phải là", await FailsAsync(await officer.PostAsJsonAsync("/api/programs/jobs", new { communeCode = Jobs, date = "2026-03-10", kind = "party" }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("tương lai", await FailsAsync(await officer.PostAsJsonAsync("/api/programs/jobs", new { communeCode = Jobs, date = "2099-03-10", kind = "job" }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("ngoài địa bàn", await FailsAsync(await officer.PostAsJsonAsync("/api/programs/jobs", new { communeCode = Houses, date = "2026-03-10", kind = "job" }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        var household = await HouseholdAsync(officer, Jobs, TestData.Unique("Hà Văn Việc "));
        var person = (await OkAsync(await officer.GetAsync($"/api/households/{household}"))).GetProperty("members")[0].GetProperty("id").GetGuid();
        foreach (var (date, kind, who) in new[] { ("2026-03-10", "job", (Guid?)person), ("2026-08-12", "job", null), ("2026-04-01", "training", person), ("2026-05-20", "labour_export", null) })
        {
            var created = await officer.PostAsJsonAsync("/api/programs/jobs", new { communeCode = Jobs, date, kind, personId = who });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        Assert.Contains("Chương trình vay", await FailsAsync(await officer.PostAsJsonAsync("/api/programs/loans",
            new { communeCode = Jobs, date = "2026-04-02", programme = "casino", amount = 50_000_000, termMonths = 36, householdId = household }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("lớn hơn 0", await FailsAsync(await officer.PostAsJsonAsync("/api/programs/loans",
            new { communeCode = Jobs, date = "2026-04-02", programme = "poor_household", amount = 0, termMonths = 36, householdId = household }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        var loan = await officer.PostAsJsonAsync("/api/programs/loans", new { communeCode = Jobs, date = "2026-04-02", programme = "poor_household", amount = 50_000_000, termMonths = 36, purpose = "Nuôi bò", householdId = household });
        Assert.Equal(HttpStatusCode.Created, loan.StatusCode);

        var jobs = await OkAsync(await officer.GetAsync($"/api/indicators?unitCode={Jobs}&year=2026&indicator=jobs_created"));
        Assert.Equal("jobs_created", jobs.GetProperty("indicator").GetString());
        Assert.Equal(Jobs, jobs.GetProperty("unitCode").GetString());
        Assert.Equal(2026, jobs.GetProperty("year").GetInt32());
        Assert.Equal(4m, jobs.GetProperty("target").GetDecimal());
        Assert.Equal(2m, jobs.GetProperty("actual").GetDecimal());
        Assert.Equal(50.00m, jobs.GetProperty("percent").GetDecimal());
        var halfYear = await OkAsync(await officer.GetAsync($"/api/indicators?unitCode={Jobs}&year=2026&indicator=jobs_created&period=half"));
        Assert.Equal(1m, halfYear.GetProperty("actual").GetDecimal());
        Assert.Equal(50_000_000m, (await OkAsync(await officer.GetAsync($"/api/indicators?unitCode={Jobs}&year=2026&indicator=loan_amount"))).GetProperty("actual").GetDecimal());
        Assert.Equal(1m, (await OkAsync(await officer.GetAsync($"/api/indicators?unitCode={Jobs}&year=2026&indicator=trained_workers"))).GetProperty("actual").GetDecimal());
        await FailsAsync(await officer.GetAsync($"/api/indicators?unitCode={Houses}&year=2026&indicator=jobs_created"), HttpStatusCode.NotFound);

        // The officer's list holds the commune's own target, not the province's.
        var listed = (await OkAsync(await officer.GetAsync("/api/targets?year=2026"))).EnumerateArray().ToList();
        Assert.Contains(listed, t => t.GetProperty("unitCode").GetString() == Jobs && t.GetProperty("value").GetDecimal() == 4m);
        Assert.DoesNotContain(listed, t => t.GetProperty("unitCode").GetString() == "04");

        // The gap per commune under the province.
        var progress = (await OkAsync(await admin.GetAsync("/api/targets/progress?unitCode=04&year=2026&indicator=jobs_created"))).EnumerateArray().ToDictionary(r => r.GetProperty("unitCode").GetString()!);
        Assert.Equal(2m, progress[Jobs].GetProperty("actual").GetDecimal());
        Assert.Equal(2m, progress[Jobs].GetProperty("gap").GetDecimal());
        Assert.Equal(3m, progress[Houses].GetProperty("gap").GetDecimal());

        // The year's report is provisional while the year runs; the first half is over and can be approved, which locks it.
        var report = await OkAsync(await officer.GetAsync($"/api/reports/social?unitCode={Jobs}&year=2026&period=year"));
        Assert.Equal("provisional", report.GetProperty("status").GetString());
        Assert.Equal(2m, Value(report, "jobs_created"));
        Assert.Equal(1m, Value(report, "households"));
        Assert.Contains("Chỉ lãnh đạo phê duyệt", await FailsAsync(await officer.PostAsJsonAsync("/api/reports/social/approve", new { unitCode = Jobs, year = 2026, period = "half", decisionNumber = "BC-1" }), HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Contains("chưa kết thúc", await FailsAsync(await approver.PostAsJsonAsync("/api/reports/social/approve", new { unitCode = Jobs, year = 2026, period = "year", decisionNumber = "BC-1" }), HttpStatusCode.Conflict), StringComparison.Ordinal);
        var approved = await OkAsync(await approver.PostAsJsonAsync("/api/reports/social/approve", new { unitCode = Jobs, year = 2026, period = "half", decisionNumber = "BC-06/2026" }));
        Assert.Equal("final", approved.GetProperty("status").GetString());
        Assert.Contains("đã khóa", await FailsAsync(await officer.PostAsJsonAsync("/api/programs/jobs", new { communeCode = Jobs, date = "2026-06-01", kind = "job" }), HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/programs/jobs", new { communeCode = Jobs, date = "2026-07-01", kind = "job" })).StatusCode);
        // A record dated last year, entered now, reaches last year's summaries (worked out already) on the next read.
        async Task<decimal> Jobs2025() => (await OkAsync(await officer.GetAsync($"/api/indicators?unitCode={Jobs}&year=2025&indicator=jobs_created"))).GetProperty("actual").GetDecimal();
        var before2025 = await Jobs2025();
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/programs/jobs", new { communeCode = Jobs, date = "2025-10-01", kind = "job" })).StatusCode);
        Assert.Equal(before2025 + 1, await Jobs2025());

        // The lock holds in the other modules too: a fund receipt of the commune dated in the locked half is refused, one after it is taken.
        var fundMade = await admin.PostAsJsonAsync("/api/funds", new { unitCode = Jobs, kind = "special", name = TestData.Unique("Quỹ khóa kỳ ") });
        Assert.Equal(HttpStatusCode.Created, fundMade.StatusCode);
        var lockedFund = (await fundMade.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Contains("đã khóa", await FailsAsync(await admin.PostAsJsonAsync($"/api/funds/{lockedFund}/receipts",
            new { date = "2026-05-10", donor = new { name = "Ông Khóa", type = "individual" }, form = "cash", amount = 1_000_000 }), HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/funds/{lockedFund}/receipts",
            new { date = "2026-07-10", donor = new { name = "Ông Mở", type = "individual" }, form = "cash", amount = 1_000_000 })).StatusCode);
        // A household registered with a date in the locked half would change its counts: refused too.
        Assert.Contains("đã khóa", await FailsAsync(await officer.PostAsJsonAsync("/api/households", new
        {
            communeCode = Jobs,
            village = "",
            address = "Số 3, bản Nà Khóa",
            date = "2026-05-02",
            members = new[] { new { fullName = TestData.Unique("Hoàng Văn Khóa "), sex = "male", birthDate = "1980-01-01", nationalId = TestData.NationalId(true, 1980), ethnicity = "Tày", relationship = "head" } },
        }), HttpStatusCode.Conflict), StringComparison.Ordinal);
        var frozen = await OkAsync(await officer.GetAsync($"/api/reports/social?unitCode={Jobs}&year=2026&period=half"));
        Assert.Equal("final", frozen.GetProperty("status").GetString());
        Assert.Equal("BC-06/2026", frozen.GetProperty("decisionNumber").GetString());
        Assert.Equal(1m, Value(frozen, "jobs_created"));
        Assert.Equal(3m, (await OkAsync(await officer.GetAsync($"/api/indicators?unitCode={Jobs}&year=2026&indicator=jobs_created"))).GetProperty("actual").GetDecimal());

        var xlsx = await officer.GetAsync($"/api/reports/social.xlsx?unitCode={Jobs}&year=2026");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync())[..2]);
        var pdf = await officer.GetAsync($"/api/reports/social.pdf?unitCode={Jobs}&year=2026");
        Assert.Equal("%PDF"u8.ToArray(), (await pdf.Content.ReadAsByteArrayAsync())[..4]);

        // The public portal: no sign-in; one household is shown as "< 5".
        var anonymous = app.CreateClient();
        var figures = await OkAsync(await anonymous.GetAsync($"/api/public/figures?unitCode={Jobs}&year=2026"));
        Assert.Equal("< 5", figures.GetProperty("total").GetProperty("households").GetString());
        Assert.Equal("—", figures.GetProperty("total").GetProperty("poorRate").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/reports/social?unitCode={Jobs}&year=2026")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_house_goes_through_its_stages_in_order_with_photos_minutes_and_funding_and_a_helper_is_assigned_to_a_poor_household(string engine)
    {
        var app = TestApp.For(engine);
        var admin = await app.AdminAsync();
        var officer = await app.UserAsync("officer", Houses);
        var household = await HouseholdAsync(officer, Houses, TestData.Unique("Nông Văn Nhà "));

        Assert.Contains("Chương trình", await FailsAsync(await officer.PostAsJsonAsync("/api/programs/housing", new { householdId = household, programme = "palace", workKind = "new_build" }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        var work = await officer.PostAsJsonAsync("/api/programs/housing", new { householdId = household, programme = "great_unity", workKind = "new_build", listedOn = "2026-02-01", estimatedCost = 60_000_000 });
        Assert.Equal(HttpStatusCode.Created, work.StatusCode);
        var id = (await work.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        async Task<HttpResponseMessage> Step(string stage, string date) => await officer.PostAsJsonAsync($"/api/programs/housing/{id}/stage", new { stage, date });

        Assert.Contains("Phải qua bước", await FailsAsync(await Step("handed_over", "2026-02-05"), HttpStatusCode.Conflict), StringComparison.Ordinal);
        await OkAsync(await Step("approved", "2026-02-10"));
        Assert.Contains("trước ngày của bước trước", await FailsAsync(await Step("started", "2026-02-01"), HttpStatusCode.Conflict), StringComparison.Ordinal);
        await OkAsync(await Step("started", "2026-03-01"));
        Assert.Contains("không thể quay lại", await FailsAsync(await Step("approved", "2026-03-02"), HttpStatusCode.Conflict), StringComparison.Ordinal);

        async Task<HttpResponseMessage> Upload(string kind, byte[] bytes, string name)
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "file", name);
            form.Add(new StringContent(kind), "kind");
            return await officer.PostAsync($"/api/programs/housing/{id}/attachments", form);
        }
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
        Assert.Contains("JPEG hoặc PNG", await FailsAsync(await Upload("photo", "not an image"u8.ToArray(), "anh.jpg"), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("JPEG hoặc PNG", await FailsAsync(await Upload("photo", "%PDF-1.4 x"u8.ToArray(), "anh.pdf"), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("giới hạn", await FailsAsync(await Upload("photo", [.. png, .. new byte[11 * 1024 * 1024]], "lon.png"), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await Upload("photo", png, "mong-nha.png")).StatusCode);
        await OkAsync(await Step("completed", "2026-05-01"));
        Assert.Contains("biên bản bàn giao", await FailsAsync(await Step("handed_over", "2026-05-10"), HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await Upload("handover_minutes", "%PDF-1.4 bien ban"u8.ToArray(), "bien-ban.pdf")).StatusCode);
        var handed = await OkAsync(await Step("handed_over", "2026-05-10"));
        Assert.Equal("handed_over", handed.GetProperty("stage").GetString());
        Assert.Equal(2, handed.GetProperty("attachments").GetArrayLength());

        Assert.Contains("fundEntryId", await FailsAsync(await officer.PostAsJsonAsync($"/api/programs/housing/{id}/funding", new { source = "fund", amount = 10_000_000 }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        await OkAsync(await officer.PostAsJsonAsync($"/api/programs/housing/{id}/funding", new { source = "state_budget", amount = 40_000_000 }));
        await OkAsync(await officer.PostAsJsonAsync($"/api/programs/housing/{id}/funding", new { source = "community", amount = 10_000_000 }));
        var funded = await OkAsync(await officer.PostAsJsonAsync($"/api/programs/housing/{id}/funding", new { source = "labour_days", labourDays = 50 }));
        Assert.Equal(50_000_000, funded.GetProperty("funded").GetInt64());
        Assert.Equal(50, funded.GetProperty("labourDays").GetInt32());
        // Fund money is tied to the fund's spending voucher; reversed in the fund's books, it no longer counts and cannot be tied again.
        var fundMade = await admin.PostAsJsonAsync("/api/funds", new { unitCode = Houses, kind = "special", name = TestData.Unique("Quỹ nhà ") });
        Assert.Equal(HttpStatusCode.Created, fundMade.StatusCode);
        var houseFund = (await fundMade.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/funds/{houseFund}/receipts",
            new { date = "2026-07-01", donor = new { name = "Công ty Nhà Xanh", type = "enterprise" }, form = "cash", amount = 30_000_000 })).StatusCode);
        var spent = await admin.PostAsJsonAsync($"/api/funds/{houseFund}/spendings", new { date = "2026-07-02", category = "new_house", cases = 1, amount = 20_000_000, householdIds = new[] { household } });
        Assert.Equal(HttpStatusCode.Created, spent.StatusCode);
        var spentEntry = (await spent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var withFund = await OkAsync(await officer.PostAsJsonAsync($"/api/programs/housing/{id}/funding", new { source = "fund", amount = 20_000_000, fundEntryId = spentEntry }));
        Assert.Equal(70_000_000, withFund.GetProperty("funded").GetInt64());
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/funds/{houseFund}/entries/{spentEntry}/reverse", new { reason = "Chi nhầm công trình" })).StatusCode);
        var afterReversal = await OkAsync(await officer.GetAsync($"/api/programs/housing/{id}"));
        Assert.Equal(50_000_000, afterReversal.GetProperty("funded").GetInt64());
        Assert.Contains(afterReversal.GetProperty("funding").EnumerateArray(), f => f.GetProperty("reversed").GetBoolean());
        Assert.Contains("đã bị hủy", await FailsAsync(await officer.PostAsJsonAsync($"/api/programs/housing/{id}/funding", new { source = "fund", amount = 1_000_000, fundEntryId = spentEntry }), HttpStatusCode.Conflict), StringComparison.Ordinal);
        var visited = await OkAsync(await officer.PostAsJsonAsync($"/api/programs/housing/{id}/visits", new { date = "2026-04-01", visitedBy = "Ban Thanh tra nhân dân", findings = "Đúng tiến độ, đúng thiết kế" }));
        Assert.Equal(1, visited.GetProperty("visits").GetArrayLength());

        var built = await OkAsync(await officer.GetAsync($"/api/indicators?unitCode={Houses}&year=2026&indicator=houses_built"));
        Assert.Equal(1m, built.GetProperty("actual").GetDecimal());
        var progress = (await OkAsync(await officer.GetAsync($"/api/programs/housing/progress?unitCode={Houses}&year=2026"))).EnumerateArray().Single();
        Assert.Equal(1, progress.GetProperty("handedOver").GetInt32());
        Assert.Equal(50_000_000, progress.GetProperty("funded").GetInt64());

        // Helpers: only for a poor or near-poor household (from the decided statuses).
        var notPoor = await HouseholdAsync(officer, Houses, TestData.Unique("Lý Văn Khá "));
        Assert.Contains("không phải hộ nghèo", await FailsAsync(await officer.PostAsJsonAsync("/api/programs/helpers",
            new { householdId = notPoor, helperName = "Hội Cựu chiến binh", helperKind = "organisation", commitment = "Hỗ trợ giống", from = "2026-03-01" }), HttpStatusCode.Conflict), StringComparison.Ordinal);
        var db = app.NewDb(out var scope);
        using (scope)
        {
            var h = await db.Set<AnSinh.Registry.Households.Household>().FindAsync(household);
            db.Add(new PovertyStatus { HouseholdId = household, RoundId = Guid.NewGuid(), CommuneUnitId = h!.CommuneUnitId, VillageName = h.VillageName, Status = PovertyClass.Poor, Movement = Movement.NewlyPoor, From = new DateOnly(2025, 12, 15) });
            await db.SaveChangesAsync();
        }
        var assigned = await officer.PostAsJsonAsync("/api/programs/helpers",
            new { householdId = household, helperName = "Hội Cựu chiến binh xã", helperKind = "organisation", commitment = "Hỗ trợ 2 con bò giống, hướng dẫn chăn nuôi", from = "2026-03-01" });
        Assert.Equal(HttpStatusCode.Created, assigned.StatusCode);
        var helperId = (await assigned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var helped = await OkAsync(await officer.PostAsJsonAsync($"/api/programs/helpers/{helperId}/activities", new { date = "2026-04-15", done = "Trao 2 con bò giống", value = 30_000_000 }));
        Assert.Equal(30_000_000, helped.GetProperty("valueDone").GetInt64());
        Assert.Equal("Hộ nghèo", helped.GetProperty("statusNow").GetString());
        Assert.False(helped.GetProperty("escapedPoverty").GetBoolean());
    }
}
