using System.Net;
using System.Net.Http.Json;
using AnSinh.Tests.Infrastructure;
using static AnSinh.Tests.Infrastructure.ApiResponses;

namespace AnSinh.Tests.Integration;

/// <summary>
/// Issue #5, item 2, on both engines: a beneficiary who moves to another commune is handed over,
/// not duplicated — the register keeps one person, the old commune pays through the month of the
/// move, the new commune from its own decision, and no month is paid twice. Communes 01294 and
/// 01297 are used by no other test.
/// </summary>
public sealed class HandOverTests
{
    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_beneficiary_moving_to_another_commune_is_handed_over_with_one_record_and_no_month_paid_twice(string engine)
    {
        var app = TestApp.For(engine);
        var from = await app.UserAsync("officer", "01294");
        var to = await app.UserAsync("officer", "01297");
        var approverFrom = await app.UserAsync("approver", "01294");
        var nationalId = TestData.NationalId(false, 1941);
        var created = await OkAsync(await from.PostAsJsonAsync("/api/households", TestData.Household("01294", TestData.Unique("Lục Văn Đi "),
            new { fullName = "Lục Thị Chuyển", sex = "female", birthDate = "1941-02-03", nationalId, ethnicity = "Tày", relationship = "parent" })));
        var household = await OkAsync(await from.GetAsync($"/api/households/{created.GetProperty("id").GetGuid()}"));
        var person = household.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("fullName").GetString() == "Lục Thị Chuyển").GetProperty("id").GetGuid();
        var old = await OkAsync(await from.PostAsJsonAsync("/api/benefits/beneficiaries",
            new { personId = person, scheme = "social_assistance", clauses = new[] { "5.5a" }, decisionNumber = "QĐ 3/2025", decisionDate = "2025-03-03" }));
        var may = await OkAsync(await from.PostAsJsonAsync("/api/payroll/runs", new { communeCode = "01294", month = "2025-05" }));
        await OkAsync(await approverFrom.PostAsync($"/api/payroll/runs/{may.GetProperty("id").GetGuid()}/approve", null));

        // She moves in June: the old commune ends the allowance and records the move; the new commune takes in the same person.
        await OkAsync(await from.PostAsJsonAsync($"/api/benefits/beneficiaries/{old.GetProperty("id").GetGuid()}/end", new { reason = "moved", date = "2025-06-10" }));
        Assert.Equal(HttpStatusCode.NoContent, (await from.PostAsJsonAsync($"/api/persons/{person}/move-out", new { date = "2025-06-10", toCommuneCode = "01297" })).StatusCode);
        var host = await OkAsync(await to.PostAsJsonAsync("/api/households", TestData.Household("01297", TestData.Unique("Lục Văn Đến "))));
        Assert.Contains("chuyển đi ngày 10/06/2025", await FailsAsync(await to.PostAsJsonAsync($"/api/households/{host.GetProperty("id").GetGuid()}/members",
            new { kind = "move_in", date = "2025-06-01", member = new { fullName = "Lục Thị Chuyển", sex = "female", birthDate = "1941-02-03", nationalId, ethnicity = "Tày", relationship = "parent" } }),
            HttpStatusCode.BadRequest), StringComparison.Ordinal);
        var moved = await OkAsync(await to.PostAsJsonAsync($"/api/households/{host.GetProperty("id").GetGuid()}/members",
            new { kind = "move_in", date = "2025-06-12", member = new { fullName = "Lục Thị Chuyển", sex = "female", birthDate = "1941-02-03", nationalId, ethnicity = "Tày", relationship = "parent" } }));
        Assert.Equal(person, moved.GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await from.GetAsync($"/api/persons/{person}")).StatusCode);

        // The new commune's decision from July; June stays with the old commune.
        var taken = await OkAsync(await to.PostAsJsonAsync("/api/benefits/beneficiaries",
            new { nationalId, scheme = "social_assistance", clauses = new[] { "5.5a" }, decisionNumber = "QĐ 9/2025", decisionDate = "2025-06-20", entitledFrom = "2025-07-01" }));
        Assert.Equal(person, taken.GetProperty("personId").GetGuid());
        var juneOld = await OkAsync(await from.PostAsJsonAsync("/api/payroll/runs", new { communeCode = "01294", month = "2025-06" }));
        Assert.Equal(1_000_000, juneOld.GetProperty("total").GetInt64());
        var julyOld = await OkAsync(await from.PostAsJsonAsync("/api/payroll/runs", new { communeCode = "01294", month = "2025-07" }));
        Assert.Equal(0, julyOld.GetProperty("people").GetInt32());
        var julyNew = await OkAsync(await to.PostAsJsonAsync("/api/payroll/runs", new { communeCode = "01297", month = "2025-07" }));
        Assert.Equal(1, julyNew.GetProperty("people").GetInt32());
        Assert.Equal(1_000_000, julyNew.GetProperty("total").GetInt64());
        var juneNew = await OkAsync(await to.PostAsJsonAsync("/api/payroll/runs", new { communeCode = "01297", month = "2025-06" }));
        Assert.Equal(0, juneNew.GetProperty("people").GetInt32());
    }
}
