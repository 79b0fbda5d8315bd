using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Benefits.Parameters;
using AnSinh.Benefits.Registers;
using AnSinh.Platform.Excel;
using AnSinh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static AnSinh.Tests.Infrastructure.ApiResponses;

namespace AnSinh.Tests.Integration;

/// <summary>
/// Issue #5, the monthly payroll, on both engines: months approved and frozen; a back-dated
/// decision, a local base level published late and a death reported late corrected in the next
/// month; one national ID never paid twice in the province; payment; increases and decreases;
/// the list in .xlsx and PDF; the whole province as a background job. Province 20 (Lạng Sơn) is
/// used by no other test, so its local base level changes nobody else's figures.
/// </summary>
public sealed class PayrollTests
{
    private const string CommuneA = "05977";
    private const string CommuneB = "05983";

    private static async Task<Guid> PersonAsync(HttpClient officer, string commune, string name, string birthDate, string nationalId)
    {
        var created = await OkAsync(await officer.PostAsJsonAsync("/api/households", TestData.Household(commune, TestData.Unique("Hộ "),
            new { fullName = name, sex = "female", birthDate, nationalId, ethnicity = "Tày", relationship = "parent" })));
        var household = await OkAsync(await officer.GetAsync($"/api/households/{created.GetProperty("id").GetString()}"));
        return household.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("fullName").GetString() == name).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> RunAsync(HttpClient officer, string commune, string month) =>
        await OkAsync(await officer.PostAsJsonAsync("/api/payroll/runs", new { communeCode = commune, month }));

    private static async Task<List<JsonElement>> LinesAsync(HttpClient c, JsonElement run) =>
        (await OkAsync(await c.GetAsync($"/api/payroll/runs/{run.GetProperty("id").GetGuid()}"))).GetProperty("lines").EnumerateArray().ToList();

    private static async Task ApproveAsync(HttpClient approver, JsonElement run) =>
        await OkAsync(await approver.PostAsync($"/api/payroll/runs/{run.GetProperty("id").GetGuid()}/approve", null));

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_commune_payroll_is_approved_frozen_and_corrected_later_by_arrears_and_recoveries_and_no_one_is_paid_twice(string engine)
    {
        var app = TestApp.For(engine);
        var officer = await app.UserAsync("officer", CommuneA);
        var approver = await app.UserAsync("approver", CommuneA);
        var admin = await app.AdminAsync();

        var nidA = TestData.NationalId(false, 1940);
        var nidC = TestData.NationalId(false, 1944);
        var a = await PersonAsync(officer, CommuneA, "Hoàng Thị An", "1940-03-01", nidA);
        var b = await PersonAsync(officer, CommuneA, "Nông Thị Bích", "1950-06-01", TestData.NationalId(false, 1950));
        var c = await PersonAsync(officer, CommuneA, "Lý Thị Cúc", "1944-05-01", nidC);
        var benA = await OkAsync(await officer.PostAsJsonAsync("/api/benefits/beneficiaries",
            new { personId = a, scheme = "social_assistance", clauses = new[] { "5.5a" }, decisionNumber = "QĐ 1/2025", decisionDate = "2025-01-10" }));
        await OkAsync(await officer.PostAsJsonAsync("/api/benefits/beneficiaries",
            new { personId = b, scheme = "merit", category = "martyr_relative", martyrs = 1, decisionNumber = "QĐ 90/2024", decisionDate = "2024-12-01" }));

        // January: 5.5a at 84 → 2.0 × 500,000; a relative of one martyr → 2,789,000.
        var jan = await RunAsync(officer, CommuneA, "2025-01");
        Assert.Equal("draft", jan.GetProperty("status").GetString());
        Assert.Equal(2, jan.GetProperty("people").GetInt32());
        Assert.Equal(3_789_000, jan.GetProperty("total").GetInt64());
        var again = await RunAsync(officer, CommuneA, "2025-01");
        Assert.Equal(jan.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());
        Assert.Equal(2, (await LinesAsync(officer, again)).Count);
        Assert.Contains("Chỉ người phê duyệt", await FailsAsync(await officer.PostAsync($"/api/payroll/runs/{jan.GetProperty("id").GetGuid()}/approve", null), HttpStatusCode.Conflict), StringComparison.Ordinal);
        await ApproveAsync(approver, jan);
        Assert.Contains("đã được duyệt và khóa", await FailsAsync(await officer.PostAsJsonAsync("/api/payroll/runs", new { communeCode = CommuneA, month = "2025-01" }), HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await approver.PostAsync($"/api/payroll/runs/{jan.GetProperty("id").GetGuid()}/approve", null)).StatusCode);

        // A decision back-dated to January, recorded after January was paid: February pays January as arrears.
        var benC = await OkAsync(await officer.PostAsJsonAsync("/api/benefits/beneficiaries",
            new { personId = c, scheme = "social_assistance", clauses = new[] { "5.5a" }, decisionNumber = "QĐ 7/2025", decisionDate = "2025-01-20" }));
        var feb = await RunAsync(officer, CommuneA, "2025-02");
        Assert.Equal(3, feb.GetProperty("people").GetInt32());
        Assert.Equal(1_000_000, feb.GetProperty("arrears").GetInt64());
        Assert.Equal(5_789_000, feb.GetProperty("total").GetInt64());
        var febArrears = (await LinesAsync(officer, feb)).Single(l => l.GetProperty("kind").GetString() == "arrears");
        Assert.Equal("Lý Thị Cúc", febArrears.GetProperty("fullName").GetString());
        Assert.Equal("2025-01", febArrears.GetProperty("forMonth").GetString());
        await ApproveAsync(approver, feb);

        // The province publishes a higher local base level from 1 January after two months were paid: March pays the difference of both.
        await OkAsync(await admin.PostAsJsonAsync("/api/benefits/base-levels",
            new { scheme = "social_assistance", provinceCode = "20", amount = 600_000, validFrom = "2025-01-01", source = "Nghị quyết HĐND tỉnh Lạng Sơn (thử nghiệm)" }));
        var mar = await RunAsync(officer, CommuneA, "2025-03");
        Assert.Equal(800_000, mar.GetProperty("arrears").GetInt64());
        Assert.Equal(1_200_000 + 2_789_000 + 1_200_000 + 800_000, mar.GetProperty("total").GetInt64());
        var marLines = await LinesAsync(officer, mar);
        Assert.Equal(4, marLines.Count(l => l.GetProperty("kind").GetString() == "arrears" && l.GetProperty("amount").GetInt64() == 200_000));
        Assert.Contains(marLines, l => l.GetProperty("kind").GetString() == "regular" && l.GetProperty("basis").GetString()!.Contains("600.000", StringComparison.Ordinal));
        await ApproveAsync(approver, mar);

        // A death in February reported in April: March is recovered; February, paid right by then, is not touched.
        await OkAsync(await officer.PostAsJsonAsync($"/api/benefits/beneficiaries/{benA.GetProperty("id").GetGuid()}/end", new { reason = "death", date = "2025-02-10" }));
        var apr = await RunAsync(officer, CommuneA, "2025-04");
        var aprLines = await LinesAsync(officer, apr);
        var recovery = aprLines.Single(l => l.GetProperty("kind").GetString() == "recovery");
        Assert.Equal(-1_200_000, recovery.GetProperty("amount").GetInt64());
        Assert.Equal("2025-03", recovery.GetProperty("forMonth").GetString());
        Assert.Equal(1_200_000, apr.GetProperty("recoveries").GetInt64());
        Assert.Equal(2_789_000, apr.GetProperty("total").GetInt64());
        var changes = await OkAsync(await officer.GetAsync($"/api/payroll/runs/{apr.GetProperty("id").GetGuid()}/changes"));
        var decrease = changes.GetProperty("decreases").EnumerateArray().Single();
        Assert.Equal("Hoàng Thị An", decrease.GetProperty("fullName").GetString());
        Assert.Equal("Thôi hưởng: qua đời", decrease.GetProperty("reason").GetString());
        Assert.Empty(changes.GetProperty("increases").EnumerateArray());

        // Payment only from an approved payroll; a transfer names its order.
        var aprId = apr.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/payroll/runs/{aprId}/payments", new { method = "cash", date = "2025-04-28" })).StatusCode);
        await ApproveAsync(approver, apr);
        Assert.Contains("số lệnh chuyển tiền", await FailsAsync(await officer.PostAsJsonAsync($"/api/payroll/runs/{aprId}/payments", new { method = "bank", date = "2025-04-28" }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        var paid = await OkAsync(await officer.PostAsJsonAsync($"/api/payroll/runs/{aprId}/payments", new { method = "cash", date = "2025-04-28" }));
        Assert.Equal(3, paid.GetProperty("lines").GetInt32());
        Assert.Equal(2_789_000, paid.GetProperty("amount").GetInt64());
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/payroll/runs/{aprId}/payments", new { method = "cash", date = "2025-04-28" })).StatusCode);

        // The list to sign, in .xlsx and PDF.
        var xlsx = await officer.GetAsync($"/api/payroll/runs/{aprId}/payroll.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var reader = XlsxReader.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            var cells = reader.ReadRows().SelectMany(r => r.Values).ToList();
            Assert.Contains("Lý Thị Cúc", cells);
            Assert.Contains("Truy thu", cells);
        }
        var pdf = await officer.GetByteArrayAsync($"/api/payroll/runs/{aprId}/payroll.pdf");
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));

        // One national ID on two communes' records in the same month (a hand-over recorded twice): the second payroll withholds it.
        using (var db = app.NewDb(out var scope))
        {
            using var _ = scope;
            var unitB = await db.AdminUnits.SingleAsync(u => u.Code == CommuneB && u.ValidTo == null);
            db.Add(new Beneficiary
            {
                Id = Guid.CreateVersion7(),
                PersonId = Guid.CreateVersion7(),
                HouseholdId = Guid.CreateVersion7(),
                CommuneUnitId = unitB.Id,
                CommuneCode = CommuneB,
                ProvinceCode = "20",
                FullName = "Lý Thị Cúc",
                BirthDate = new DateOnly(1944, 5, 1),
                NationalId = nidC,
                Scheme = Scheme.SocialAssistance,
                Clauses = "5.5a",
                DecisionNumber = "QĐ 3/2025 (xã B)",
                DecisionDate = new DateOnly(2025, 4, 2),
                EntitledFrom = new DateOnly(2025, 4, 1),
                CreatedAt = DateTime.UtcNow,
                ChangedAt = DateTime.UtcNow,
                CreatedBy = "test",
            });
            await db.SaveChangesAsync();
        }
        var officerB = await app.UserAsync("officer", CommuneB);
        var aprB = await RunAsync(officerB, CommuneB, "2025-04");
        Assert.Equal(0, aprB.GetProperty("people").GetInt32());
        var withheld = (await LinesAsync(officerB, aprB)).Single();
        Assert.Equal("withheld", withheld.GetProperty("kind").GetString());
        Assert.Contains("không chi hai nơi", withheld.GetProperty("basis").GetString(), StringComparison.Ordinal);

        // Commune A records the move: it paid April, commune B pays from May.
        await OkAsync(await officer.PostAsJsonAsync($"/api/benefits/beneficiaries/{benC.GetProperty("id").GetGuid()}/end", new { reason = "moved", date = "2025-04-15" }));

        // Scope, roles and bad input.
        Assert.Equal(HttpStatusCode.BadRequest, (await officerB.PostAsJsonAsync("/api/payroll/runs", new { communeCode = CommuneA, month = "2025-05" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officerB.GetAsync($"/api/payroll/runs/{aprId}")).StatusCode);
        var viewer = await app.UserAsync("viewer", "20");
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/api/payroll/runs/{aprId}")).StatusCode);
        Assert.Contains("YYYY-MM", await FailsAsync(await officer.PostAsJsonAsync("/api/payroll/runs", new { communeCode = CommuneA, month = "2025-13" }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync("/api/payroll/runs", new { communeCode = CommuneA, month = "2031-01" })).StatusCode);

        // The whole province in the background: May for both communes; the person who moved is paid by commune B alone now.
        var provincial = await app.UserAsync("officer", "20");
        var started = await provincial.PostAsJsonAsync("/api/payroll/province-runs", new { provinceCode = "20", month = "2025-05" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var jobId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetGuid();
        JsonElement state = default;
        for (var i = 0; i < 300; i++)
        {
            state = await (await provincial.GetAsync($"/api/jobs/{jobId}")).Content.ReadFromJsonAsync<JsonElement>();
            if (state.GetProperty("status").GetString() is "succeeded" or "failed")
            {
                break;
            }
            await Task.Delay(100);
        }
        Assert.Equal("succeeded", state.GetProperty("status").GetString());
        var may = await OkAsync(await provincial.GetAsync("/api/payroll/runs?month=2025-05"));
        Assert.Equal(2, may.GetArrayLength());
        Assert.Equal(2_789_000, may.EnumerateArray().Single(r => r.GetProperty("communeCode").GetString() == CommuneA).GetProperty("total").GetInt64());
        Assert.Equal(1_200_000, may.EnumerateArray().Single(r => r.GetProperty("communeCode").GetString() == CommuneB).GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync("/api/payroll/province-runs", new { provinceCode = "20", month = "2025-05" })).StatusCode);

        // Every step is audited.
        using (var db = app.NewDb(out var scope))
        {
            using var _ = scope;
            var actions = await db.AuditEvents.Where(e => e.EntityType == "payroll").Select(e => e.Action).Distinct().ToListAsync();
            Assert.Contains("payroll.compute", actions);
            Assert.Contains("payroll.approve", actions);
            Assert.Contains("payroll.pay", actions);
        }
    }
}
