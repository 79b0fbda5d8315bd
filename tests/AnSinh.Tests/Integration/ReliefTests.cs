using System.Net;
using System.Net.Http.Json;
using AnSinh.Benefits.Relief;
using AnSinh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static AnSinh.Tests.Infrastructure.ApiResponses;

namespace AnSinh.Tests.Integration;

/// <summary>
/// Issue #5, item 7, on both engines: an event over communes, affected households of the register
/// with rice at 15 kg a person a month and cash by the dated rules, a household outside the area
/// refused, the chairperson's decision within 2 days (later ones flagged). Communes 01795, 01807
/// and 01822 are used by no other test.
/// </summary>
public sealed class ReliefTests
{
    private static async Task<Guid> HouseholdAsync(HttpClient c, string commune, string head, int others)
    {
        var members = Enumerable.Range(1, others).Select(i => (object)new
        {
            fullName = $"{head} con {i}",
            sex = "female",
            birthDate = $"{2000 + i}-01-01",
            nationalId = TestData.NationalId(false, 2000 + i),
            ethnicity = "Kinh",
            relationship = "child",
        }).ToArray();
        return (await OkAsync(await c.PostAsJsonAsync("/api/households", TestData.Household(commune, head, members)))).GetProperty("id").GetGuid();
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_flood_gives_rice_and_cash_by_the_rules_to_households_of_its_area_decided_within_two_days(string engine)
    {
        var app = TestApp.For(engine);
        var admin = await app.AdminAsync();
        var officer = await app.UserAsync("officer", "01795");
        var approver = await app.UserAsync("approver", "01795");

        Assert.Contains("ngoài địa bàn", await FailsAsync(await officer.PostAsJsonAsync("/api/relief/events",
            new { kind = "flood", name = "Lũ tháng 9", occurredOn = "2026-09-10", communeCodes = new[] { "01795", "01807" } }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("Loại sự kiện", await FailsAsync(await admin.PostAsJsonAsync("/api/relief/events",
            new { kind = "meteor", name = "X", occurredOn = "2026-09-10", communeCodes = new[] { "01795" } }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("cùng một tỉnh", await FailsAsync(await admin.PostAsJsonAsync("/api/relief/events",
            new { kind = "flood", name = "X", occurredOn = "2026-09-10", communeCodes = new[] { "01795", "05977" } }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        var flood = await OkAsync(await admin.PostAsJsonAsync("/api/relief/events",
            new { kind = "flood", name = TestData.Unique("Lũ quét tháng 9 "), occurredOn = "2026-09-10", communeCodes = new[] { "01795", "01807" } }));
        var floodId = flood.GetProperty("id").GetGuid();

        // Four people, three months of rice; one seriously injured (10 × 540,000); the house collapsed (40,000,000).
        var hit = await HouseholdAsync(officer, "01795", TestData.Unique("Bùi Văn Lũ "), 3);
        var proposed = await OkAsync(await officer.PostAsJsonAsync($"/api/relief/events/{floodId}/cases", new { householdId = hit, riceMonths = 3, injured = 1, houseDamage = "collapsed" }));
        Assert.Equal(4, proposed.GetProperty("people").GetInt32());
        Assert.Equal(180m, proposed.GetProperty("riceKg").GetDecimal());
        Assert.Equal(5_400_000 + 40_000_000, proposed.GetProperty("cash").GetInt64());
        Assert.Contains("15 kg", proposed.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Contains("20/2021", proposed.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Equal("proposed", proposed.GetProperty("status").GetString());
        Assert.False(proposed.GetProperty("late").GetBoolean());

        // Bad input: outside the area, too many months, more casualties than people, a second case for the household.
        var elsewhere = await HouseholdAsync(admin, "01822", TestData.Unique("Bùi Văn Khô "), 0);
        Assert.Contains("ngoài vùng bị ảnh hưởng", await FailsAsync(await admin.PostAsJsonAsync($"/api/relief/events/{floodId}/cases", new { householdId = elsewhere, riceMonths = 1 }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        var other = await HouseholdAsync(officer, "01795", TestData.Unique("Bùi Thị Nước "), 1);
        Assert.Contains("tối đa 3 tháng", await FailsAsync(await officer.PostAsJsonAsync($"/api/relief/events/{floodId}/cases", new { householdId = other, riceMonths = 4 }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("không quá 2", await FailsAsync(await officer.PostAsJsonAsync($"/api/relief/events/{floodId}/cases", new { householdId = other, injured = 2, deaths = 1 }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("mỗi hộ một hồ sơ", await FailsAsync(await officer.PostAsJsonAsync($"/api/relief/events/{floodId}/cases", new { householdId = hit, riceMonths = 1 }), HttpStatusCode.Conflict), StringComparison.Ordinal);

        // A death in the flood: 50 × the base level; proposed five days ago and still undecided, it is late.
        var late = await OkAsync(await officer.PostAsJsonAsync($"/api/relief/events/{floodId}/cases", new { householdId = other, riceMonths = 1, deaths = 1 }));
        Assert.Equal(27_000_000, late.GetProperty("cash").GetInt64());
        Assert.Equal(30m, late.GetProperty("riceKg").GetDecimal());
        using (var db = app.NewDb(out var scope))
        {
            using var _ = scope;
            var c = await db.Set<ReliefCase>().SingleAsync(x => x.Id == late.GetProperty("id").GetGuid());
            c.ProposedAt = c.ProposedAt.AddDays(-5);
            await db.SaveChangesAsync();
        }

        // The chairperson decides; a second decision is refused; the late one is recorded and flagged.
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/relief/cases/{proposed.GetProperty("id").GetGuid()}/decision",
            new { decisionNumber = "12/QĐ-UBND", decidedOn = TestData.Today.ToString("yyyy-MM-dd") })).StatusCode);
        var decided = await OkAsync(await approver.PostAsJsonAsync($"/api/relief/cases/{proposed.GetProperty("id").GetGuid()}/decision",
            new { decisionNumber = "12/QĐ-UBND", decidedOn = TestData.Today.ToString("yyyy-MM-dd") }));
        Assert.Equal("decided", decided.GetProperty("status").GetString());
        Assert.False(decided.GetProperty("late").GetBoolean());
        Assert.Contains("đã được quyết định", await FailsAsync(await approver.PostAsJsonAsync($"/api/relief/cases/{proposed.GetProperty("id").GetGuid()}/decision",
            new { decisionNumber = "13/QĐ-UBND", decidedOn = TestData.Today.ToString("yyyy-MM-dd") }), HttpStatusCode.Conflict), StringComparison.Ordinal);
        var lateDecided = await OkAsync(await approver.PostAsJsonAsync($"/api/relief/cases/{late.GetProperty("id").GetGuid()}/decision",
            new { decisionNumber = "14/QĐ-UBND", decidedOn = TestData.Today.ToString("yyyy-MM-dd") }));
        Assert.True(lateDecided.GetProperty("late").GetBoolean());

        var view = await OkAsync(await officer.GetAsync($"/api/relief/events/{floodId}"));
        Assert.Equal(2, view.GetProperty("event").GetProperty("households").GetInt32());
        Assert.Equal(210m, view.GetProperty("event").GetProperty("riceKg").GetDecimal());
        Assert.Equal(72_400_000, view.GetProperty("event").GetProperty("cash").GetInt64());
        Assert.Equal(2, view.GetProperty("event").GetProperty("decided").GetInt32());

        // A household code repeats from commune to commune: by code alone, two in the area are refused; with the commune, one is meant.
        var twinCode = "R" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();
        foreach (var commune in new[] { "01795", "01807" })
        {
            await OkAsync(await admin.PostAsJsonAsync("/api/households", new
            {
                communeCode = commune,
                village = "",
                address = "Bản Nà Lũ",
                code = twinCode,
                members = new[] { new { fullName = TestData.Unique("Vi Văn Trùng "), sex = "male", birthDate = "1970-01-01", nationalId = TestData.NationalId(true, 1970), ethnicity = "Tày", relationship = "head" } },
            }));
        }
        Assert.Contains("cần ghi rõ mã xã", await FailsAsync(await admin.PostAsJsonAsync($"/api/relief/events/{floodId}/cases", new { householdCode = twinCode, riceMonths = 1 }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        var twin = await OkAsync(await admin.PostAsJsonAsync($"/api/relief/events/{floodId}/cases", new { householdCode = twinCode, communeCode = "01807", riceMonths = 1 }));
        Assert.Equal("01807", twin.GetProperty("communeCode").GetString());

        // Tết hunger: one month of rice by default, nothing else.
        var tet = await OkAsync(await officer.PostAsJsonAsync("/api/relief/events", new { kind = "tet_hunger", name = TestData.Unique("Thiếu đói Tết "), occurredOn = "2026-01-20", communeCodes = new[] { "01795" } }));
        var hungry = await OkAsync(await officer.PostAsJsonAsync($"/api/relief/events/{tet.GetProperty("id").GetGuid()}/cases", new { householdId = other }));
        Assert.Equal(1, hungry.GetProperty("riceMonths").GetInt32());
        Assert.Equal(30m, hungry.GetProperty("riceKg").GetDecimal());
        Assert.Contains("chỉ hỗ trợ gạo", await FailsAsync(await officer.PostAsJsonAsync($"/api/relief/events/{tet.GetProperty("id").GetGuid()}/cases", new { householdId = hit, houseDamage = "collapsed" }), HttpStatusCode.BadRequest), StringComparison.Ordinal);

        // Scope: an officer of a commune outside the area does not see the event.
        var stranger = await app.UserAsync("officer", "01822");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/relief/events/{floodId}")).StatusCode);
        Assert.DoesNotContain((await OkAsync(await stranger.GetAsync("/api/relief/events"))).EnumerateArray(), e => e.GetProperty("id").GetGuid() == floodId);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Decided_cash_is_paid_from_a_relief_fund_once_and_again_only_after_the_entry_is_reversed(string engine)
    {
        // Commune 01327 is used by no other test.
        var app = TestApp.For(engine);
        var admin = await app.AdminAsync();
        var officer = await app.UserAsync("officer", "01327");
        var approver = await app.UserAsync("approver", "01327");
        var board = await app.UserAsync("fund_board", "01327");
        var today = TestData.Today.ToString("yyyy-MM-dd");
        var storm = await OkAsync(await officer.PostAsJsonAsync("/api/relief/events",
            new { kind = "storm", name = TestData.Unique("Bão số 5 "), occurredOn = "2026-10-01", communeCodes = new[] { "01327" } }));
        var stormId = storm.GetProperty("id").GetGuid();
        var collapsed = await OkAsync(await officer.PostAsJsonAsync($"/api/relief/events/{stormId}/cases",
            new { householdId = await HouseholdAsync(officer, "01327", TestData.Unique("Lường Văn Bão "), 1), houseDamage = "collapsed" }));
        var riceOnly = await OkAsync(await officer.PostAsJsonAsync($"/api/relief/events/{stormId}/cases",
            new { householdId = await HouseholdAsync(officer, "01327", TestData.Unique("Lường Thị Gạo "), 2), riceMonths = 2 }));
        var undecided = await OkAsync(await officer.PostAsJsonAsync($"/api/relief/events/{stormId}/cases",
            new { householdId = await HouseholdAsync(officer, "01327", TestData.Unique("Lường Văn Chờ "), 0), houseDamage = "heavily_damaged" }));
        Assert.True(undecided.GetProperty("cash").GetInt64() > 0);
        foreach (var c in new[] { collapsed, riceOnly })
        {
            await OkAsync(await approver.PostAsJsonAsync($"/api/relief/cases/{c.GetProperty("id").GetGuid()}/decision", new { decisionNumber = "21/QĐ-UBND", decidedOn = today }));
        }

        var fundResponse = await board.PostAsJsonAsync("/api/funds", new { unitCode = "01327", kind = "relief" });
        Assert.Equal(HttpStatusCode.Created, fundResponse.StatusCode);
        var fund = (await fundResponse.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await board.PostAsJsonAsync($"/api/funds/{fund}/receipts",
            new { date = today, donor = new { name = "Công ty Bình An", type = "enterprise" }, form = "cash", amount = 50_000_000, description = "Ủng hộ đồng bào bão lũ" })).StatusCode);

        // Only the fund board pays; not before the decision; not more than the fund holds.
        Assert.Contains("Ban vận động Quỹ", await FailsAsync(await officer.PostAsJsonAsync($"/api/relief/events/{stormId}/fund-payments", new { fundId = fund, date = today }), HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Contains("trước ngày quyết định", await FailsAsync(await board.PostAsJsonAsync($"/api/relief/events/{stormId}/fund-payments",
            new { fundId = fund, date = TestData.Today.AddDays(-1).ToString("yyyy-MM-dd") }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("chưa có quyết định", await FailsAsync(await board.PostAsJsonAsync($"/api/relief/events/{stormId}/fund-payments",
            new { fundId = fund, date = today, caseIds = new[] { undecided.GetProperty("id").GetGuid() } }), HttpStatusCode.BadRequest), StringComparison.Ordinal);

        // The decided cash (the collapsed house: 40,000,000) is paid by one relief voucher; rice-only and undecided cases are not.
        var (chair, _) = await NamedUsers.CreateAsync(app, "approver", "01327");
        var paidResponse = await board.PostAsJsonAsync($"/api/relief/events/{stormId}/fund-payments", new { fundId = fund, date = today, approvedBy = chair });
        Assert.Equal(HttpStatusCode.Created, paidResponse.StatusCode);
        var paid = await paidResponse.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(1, paid.GetProperty("cases").GetInt32());
        Assert.Equal(40_000_000, paid.GetProperty("amount").GetInt64());
        Assert.Equal(10_000_000, paid.GetProperty("fundBalance").GetInt64());
        var entryId = paid.GetProperty("entryId").GetInt64();
        var entry = await OkAsync(await board.GetAsync($"/api/funds/{fund}/entries/{entryId}"));
        Assert.Equal("relief", entry.GetProperty("entry").GetProperty("category").GetString());
        Assert.Single(entry.GetProperty("beneficiaries").EnumerateArray());
        Assert.Contains("không còn hộ nào", (await FailsAsync(await board.PostAsJsonAsync($"/api/relief/events/{stormId}/fund-payments", new { fundId = fund, date = today }), HttpStatusCode.Conflict)).ToLowerInvariant(), StringComparison.Ordinal);
        var view = await OkAsync(await officer.GetAsync($"/api/relief/events/{stormId}"));
        Assert.Equal(40_000_000, view.GetProperty("event").GetProperty("paidFromFunds").GetInt64());
        var paidCase = view.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == collapsed.GetProperty("id").GetGuid());
        Assert.Equal(paid.GetProperty("voucherNumber").GetString(), paidCase.GetProperty("paidVoucher").GetString());

        // The entry reversed, the case is unpaid again and the command line pays it by a new entry.
        Assert.Equal(HttpStatusCode.Created, (await board.PostAsJsonAsync($"/api/funds/{fund}/entries/{entryId}/reverse", new { reason = "Chi nhầm nguồn" })).StatusCode);
        Assert.Equal(0, (await OkAsync(await officer.GetAsync($"/api/relief/events/{stormId}"))).GetProperty("event").GetProperty("paidFromFunds").GetInt64());
        var output = new StringWriter();
        var code = await AnSinh.Cli.CliApp.RunAsync(["benefits", "pay-relief", stormId.ToString(), "--fund", fund.ToString(), "--date", today,
            "--provider", engine, "--connection", TestApp.ConnectionFor(engine), "--as", "admin"], output, output);
        Assert.True(code == 0, output.ToString());
        Assert.Contains("40.000.000", output.ToString().Replace(",", ".", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(40_000_000, (await OkAsync(await officer.GetAsync($"/api/relief/events/{stormId}"))).GetProperty("event").GetProperty("paidFromFunds").GetInt64());
        // Relief is an indicator of the commune's year (issue #6): the two decided cases, their rice and cash.
        async Task<decimal> Indicator(string code) =>
            (await OkAsync(await admin.GetAsync($"/api/indicators?unitCode=01327&year={TestData.Today.Year}&indicator={code}"))).GetProperty("actual").GetDecimal();
        Assert.Equal(2m, await Indicator("relief_households"));
        Assert.Equal(90m, await Indicator("relief_rice_kg"));
        Assert.Equal(40_000_000m, await Indicator("relief_cash"));
        using var db = app.NewDb(out var scope);
        using var _ = scope;
        Assert.Equal(2, await db.Set<ReliefPayment>().CountAsync(p => p.EventId == stormId));
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "relief.paid_from_fund" && a.EntityId == stormId.ToString()));
    }
}
