using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Benefits.Registers;
using AnSinh.Platform.Excel;
using AnSinh.Tests.Infrastructure;
using static AnSinh.Tests.Infrastructure.ApiResponses;

namespace AnSinh.Tests.Integration;

/// <summary>
/// The HIV clause of Decree 20/2021 (5.8, and 5.3 for children) names the person's HIV status: a
/// province viewer and an inspector see neither the HIV field nor the clause, in the record, the
/// list, the payroll and its export, or the audit log; the officer still does, and the amounts are
/// the same for everyone (RULES.md §6). Commune 01438 (Hà Quảng, Cao Bằng) is used by no other test.
/// </summary>
public sealed class HivClauseTests
{
    private const string Commune = "01438";
    private const string Province = "04";

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task The_hiv_clause_is_shown_only_to_the_roles_that_read_hiv_in_the_record_the_list_the_payroll_and_the_audit(string engine)
    {
        var app = TestApp.For(engine);
        var officer = await app.UserAsync("officer", Commune);
        var name = TestData.Unique("Vi Thị Kín ");
        var created = await OkAsync(await officer.PostAsJsonAsync("/api/households", TestData.Household(Commune, TestData.Unique("Vi Văn Chủ "),
            new { fullName = name, sex = "female", birthDate = "1985-03-04", nationalId = TestData.NationalId(false, 1985), ethnicity = "Nùng", relationship = "spouse" })));
        var household = await OkAsync(await officer.GetAsync($"/api/households/{created.GetProperty("id").GetString()}"));
        var person = household.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("fullName").GetString() == name).GetProperty("id").GetGuid();
        var created5_8 = await OkAsync(await officer.PostAsJsonAsync("/api/benefits/beneficiaries", new
        {
            personId = person,
            scheme = "social_assistance",
            clauses = new[] { "5.8" },
            hiv = true,
            decisionNumber = "QĐ 12/2025",
            decisionDate = "2025-06-05",
        }));
        var id = created5_8.GetProperty("id").GetGuid();

        // The officer who handles the dossier sees the clause.
        Assert.Equal("5.8", (await OkAsync(await officer.GetAsync($"/api/benefits/beneficiaries/{id}"))).GetProperty("clauses").GetString());

        // A province viewer and an inspector: the record and the list show the marker, never the clause; the amount is right (1.5 × 500,000).
        foreach (var role in new[] { "viewer", "inspector" })
        {
            var reader = await app.UserAsync(role, Province);
            var record = await OkAsync(await reader.GetAsync($"/api/benefits/beneficiaries/{id}"));
            Assert.DoesNotContain("5.8", record.GetRawText(), StringComparison.Ordinal);
            Assert.Equal(SensitiveClauses.Marker, record.GetProperty("clauses").GetString());
            Assert.Equal(JsonValueKind.Null, record.GetProperty("hiv").ValueKind);
            var row = (await OkAsync(await reader.GetAsync($"/api/benefits/beneficiaries?communeCode={Commune}&month=2025-06-01"))).EnumerateArray()
                .Single(x => x.GetProperty("id").GetGuid() == id);
            Assert.DoesNotContain("5.8", row.GetRawText(), StringComparison.Ordinal);
            Assert.Equal(750_000, row.GetProperty("monthlyAmount").GetInt64());
        }

        // The payroll: the officer's line names the clause; the inspector's line, its .xlsx and the audit do not; a viewer reads no payroll at all.
        var run = await OkAsync(await officer.PostAsJsonAsync("/api/payroll/runs", new { communeCode = Commune, month = "2025-06" }));
        var runId = run.GetProperty("id").GetGuid();
        var officerLine = (await OkAsync(await officer.GetAsync($"/api/payroll/runs/{runId}"))).GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("beneficiaryId").GetGuid() == id);
        Assert.Contains("khoản 5.8", officerLine.GetProperty("basis").GetString(), StringComparison.Ordinal);
        Assert.Equal(750_000, officerLine.GetProperty("amount").GetInt64());

        var inspector = await app.UserAsync("inspector", Province);
        var inspectorLine = (await OkAsync(await inspector.GetAsync($"/api/payroll/runs/{runId}"))).GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("beneficiaryId").GetGuid() == id);
        Assert.DoesNotContain("5.8", inspectorLine.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(SensitiveClauses.Marker, inspectorLine.GetProperty("basis").GetString(), StringComparison.Ordinal);
        Assert.Equal(750_000, inspectorLine.GetProperty("amount").GetInt64());
        Assert.Contains(await CellsAsync(officer, runId), c => c.Contains("khoản 5.8", StringComparison.Ordinal));
        var inspectorCells = await CellsAsync(inspector, runId);
        Assert.Contains(name, inspectorCells);
        Assert.DoesNotContain(inspectorCells, c => c.Contains("5.8", StringComparison.Ordinal));
        var viewer = await app.UserAsync("viewer", Province);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/api/payroll/runs/{runId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/api/payroll/runs/{runId}/payroll.xlsx")).StatusCode);

        // The audit log, which inspectors read, records the creation without the clause.
        var events = (await OkAsync(await inspector.GetAsync($"/api/audit?entityId={id}"))).GetProperty("items").EnumerateArray().ToList();
        var create = events.Single(e => e.GetProperty("action").GetString() == "beneficiary.create");
        Assert.DoesNotContain("5.8", create.GetProperty("after").GetString(), StringComparison.Ordinal);
        Assert.Contains(SensitiveClauses.Marker, create.GetProperty("after").GetString(), StringComparison.Ordinal);
    }

    private static async Task<List<string>> CellsAsync(HttpClient c, Guid runId)
    {
        var xlsx = await c.GetAsync($"/api/payroll/runs/{runId}/payroll.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var reader = XlsxReader.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        return reader.ReadRows().SelectMany(r => r.Values).Where(v => v is not null).Select(v => v!).ToList();
    }
}
