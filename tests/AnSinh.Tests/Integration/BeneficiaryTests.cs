using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Tests.Infrastructure;
using static AnSinh.Tests.Infrastructure.ApiResponses;

namespace AnSinh.Tests.Integration;

/// <summary>Issue #5: the registers of beneficiaries linked to the household register, on both engines.</summary>
public sealed class BeneficiaryTests
{
    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_beneficiary_is_registered_from_the_household_register_priced_by_the_rules_and_sensitive_data_is_shown_only_to_who_needs_it(string engine)
    {
        var app = TestApp.For(engine);
        var officer = await app.UserAsync("officer", "01699");
        var created = await OkAsync(await officer.PostAsJsonAsync("/api/households", TestData.Household("01699", "Lường Văn Cả",
            new { fullName = "Lường Thị Già", sex = "female", birthDate = "1941-02-03", nationalId = TestData.NationalId(false, 1941), ethnicity = "Thái", relationship = "parent" })));
        var household = await OkAsync(await officer.GetAsync($"/api/households/{created.GetProperty("id").GetString()}"));
        var elder = household.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("relationship").GetString() == "parent").GetProperty("id").GetGuid();
        var head = household.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("relationship").GetString() == "head").GetProperty("id").GetGuid();

        // Elderly (5.5a) and disabled (5.6, severe): only the higher is paid; at 500,000 both are 2.0 → 1,000,000.
        var b = await OkAsync(await officer.PostAsJsonAsync("/api/benefits/beneficiaries", new
        {
            personId = elder,
            scheme = "social_assistance",
            clauses = new[] { "5.5a", "5.6" },
            disability = "severe",
            hiv = true,
            decisionNumber = "QĐ 15/2025",
            decisionDate = "2025-01-10",
        }));
        Assert.Equal("2025-01-01", b.GetProperty("entitledFrom").GetString());
        Assert.True(b.GetProperty("hiv").GetBoolean());

        var list = await OkAsync(await officer.GetAsync("/api/benefits/beneficiaries?communeCode=01699&month=2025-03-01"));
        var row = list.EnumerateArray().Single(x => x.GetProperty("id").GetGuid() == b.GetProperty("id").GetGuid());
        Assert.Equal(1_000_000, row.GetProperty("monthlyAmount").GetInt64());

        // The same person twice in the scheme; a decision before birth; a clause that does not fit the person's age.
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync("/api/benefits/beneficiaries",
            new { personId = elder, scheme = "social_assistance", clauses = new[] { "5.5c" }, decisionNumber = "QĐ 16/2025", decisionDate = "2025-02-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync("/api/benefits/beneficiaries",
            new { personId = head, scheme = "social_assistance", clauses = new[] { "5.5a" }, decisionNumber = "QĐ 17/2025", decisionDate = "1970-01-01" })).StatusCode);
        var young = await officer.PostAsJsonAsync("/api/benefits/beneficiaries",
            new { personId = head, scheme = "social_assistance", clauses = new[] { "5.5a" }, decisionNumber = "QĐ 18/2025", decisionDate = "2025-02-01" });
        Assert.Equal(HttpStatusCode.BadRequest, young.StatusCode);
        Assert.Contains("không thuộc khoản 5.5a", await young.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A merit person: the head is the relative of two martyrs.
        var merit = await OkAsync(await officer.PostAsJsonAsync("/api/benefits/beneficiaries",
            new { personId = head, scheme = "merit", category = "martyr_relative", martyrs = 2, decisionNumber = "QĐ 99/2024", decisionDate = "2024-09-01" }));
        var meritRow = (await OkAsync(await officer.GetAsync("/api/benefits/beneficiaries?scheme=merit&communeCode=01699&month=2025-01-01"))).EnumerateArray()
            .Single(x => x.GetProperty("id").GetGuid() == merit.GetProperty("id").GetGuid());
        Assert.Equal(5_578_000, meritRow.GetProperty("monthlyAmount").GetInt64());

        // A viewer of the province sees the record and its amount, not HIV or disability; another commune's officer sees nothing.
        var viewer = await app.UserAsync("viewer", "04");
        var seen = await OkAsync(await viewer.GetAsync($"/api/benefits/beneficiaries/{b.GetProperty("id").GetGuid()}"));
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("hiv").ValueKind);
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("disability").ValueKind);
        Assert.False(seen.GetProperty("sensitiveShown").GetBoolean());
        var stranger = await app.UserAsync("officer", "01708");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/benefits/beneficiaries/{b.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.DoesNotContain((await OkAsync(await stranger.GetAsync("/api/benefits/beneficiaries"))).EnumerateArray(), x => x.GetProperty("communeCode").GetString() == "01699");
        Assert.Equal(HttpStatusCode.Conflict, (await viewer.PostAsJsonAsync("/api/benefits/beneficiaries",
            new { personId = head, scheme = "social_pension", decisionNumber = "QĐ 1", decisionDate = "2025-08-01" })).StatusCode);

        // A death ends the entitlement after its month and proposes the funeral support: 20 × the base level of the day.
        var ended = await OkAsync(await officer.PostAsJsonAsync($"/api/benefits/beneficiaries/{b.GetProperty("id").GetGuid()}/end", new { reason = "death", date = "2025-05-20" }));
        Assert.Equal("2025-05-01", ended.GetProperty("lastPaidMonth").GetString());
        Assert.Equal(10_000_000, ended.GetProperty("funeralSupport").GetInt64());
        Assert.Contains("Điều 11", ended.GetProperty("funeralExplanation").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/benefits/beneficiaries/{b.GetProperty("id").GetGuid()}/end", new { reason = "death", date = "2025-05-20" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync($"/api/benefits/beneficiaries/{merit.GetProperty("id").GetGuid()}/end", new { reason = "bored", date = "2025-05-20" })).StatusCode);
        Assert.Contains("trước tháng bắt đầu hưởng", await FailsAsync(await officer.PostAsJsonAsync($"/api/benefits/beneficiaries/{merit.GetProperty("id").GetGuid()}/end",
            new { reason = "moved", date = "2024-08-20" }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.DoesNotContain((await OkAsync(await officer.GetAsync("/api/benefits/beneficiaries?communeCode=01699"))).EnumerateArray(), x => x.GetProperty("id").GetGuid() == b.GetProperty("id").GetGuid());

        // Every read is audited.
        var db = app.NewDb(out var scope);
        using (scope)
        {
            var id = b.GetProperty("id").GetGuid().ToString();
            Assert.True(db.AuditEvents.Any(e => e.Action == "beneficiary.read" && e.EntityId == id));
        }
    }
}
