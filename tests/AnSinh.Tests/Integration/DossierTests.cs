using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Tests.Infrastructure;
using static AnSinh.Tests.Infrastructure.ApiResponses;

namespace AnSinh.Tests.Integration;

/// <summary>
/// Issue #5, item 2, on both engines: the dossier of Decree 20/2021, Art. 8 — filed, reviewed
/// within 7 working days (late ones flagged), posted 2 working days without HIV information,
/// complaints answered before the chairperson decides, the beneficiary recorded from the right
/// month. Commune 01273 is used by no other test.
/// </summary>
public sealed class DossierTests
{
    private const string Commune = "01273";

    private static async Task<Guid> PersonAsync(HttpClient officer, string name, string birthDate)
    {
        var created = await OkAsync(await officer.PostAsJsonAsync("/api/households", TestData.Household(Commune, TestData.Unique("Hộ "),
            new { fullName = name, sex = "female", birthDate, nationalId = TestData.NationalId(false, int.Parse(birthDate[..4], System.Globalization.CultureInfo.InvariantCulture)), ethnicity = "Kinh", relationship = "parent" })));
        var household = await OkAsync(await officer.GetAsync($"/api/households/{created.GetProperty("id").GetString()}"));
        return household.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("fullName").GetString() == name).GetProperty("id").GetGuid();
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_dossier_goes_from_filing_to_decision_in_order_and_the_beneficiary_is_paid_from_the_month_of_filing(string engine)
    {
        var app = TestApp.For(engine);
        var officer = await app.UserAsync("officer", Commune);
        var approver = await app.UserAsync("approver", Commune);
        var elder = await PersonAsync(officer, "Trương Thị Thọ", "1944-03-01");

        Assert.Contains("ở tương lai", await FailsAsync(await officer.PostAsJsonAsync("/api/benefits/dossiers",
            new { personId = elder, scheme = "social_assistance", clauses = new[] { "5.5c" }, filedOn = TestData.Today.AddDays(3).ToString("yyyy-MM-dd") }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync("/api/benefits/dossiers",
            new { personId = elder, scheme = "social_assistance", clauses = new[] { "5.9" }, filedOn = "2026-10-05" })).StatusCode);

        // Filed on Monday 5 October 2026: the review is due 7 working days later, on 14 October.
        var filed = await OkAsync(await officer.PostAsJsonAsync("/api/benefits/dossiers",
            new { personId = elder, scheme = "social_assistance", clauses = new[] { "5.5c" }, filedOn = "2026-10-05" }));
        var id = filed.GetProperty("id").GetGuid();
        Assert.Equal("filed", filed.GetProperty("status").GetString());
        Assert.Equal("2026-10-14", filed.GetProperty("reviewDueOn").GetString());
        Assert.Contains("đang xử lý", await FailsAsync(await officer.PostAsJsonAsync("/api/benefits/dossiers",
            new { personId = elder, scheme = "social_assistance", clauses = new[] { "5.5c" }, filedOn = "2026-10-06" }), HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Contains("chưa được niêm yết", await FailsAsync(await approver.PostAsJsonAsync($"/api/benefits/dossiers/{id}/decision",
            new { approve = true, decisionNumber = "1/QĐ", decidedOn = "2026-10-06" }), HttpStatusCode.Conflict), StringComparison.Ordinal);

        // Reviewed two days late: recorded, and flagged.
        var reviewed = await OkAsync(await officer.PostAsJsonAsync($"/api/benefits/dossiers/{id}/review", new { eligible = true, reviewedOn = "2026-10-16" }));
        Assert.True(reviewed.GetProperty("reviewLate").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/benefits/dossiers/{id}/review", new { eligible = true, reviewedOn = "2026-10-16" })).StatusCode);

        // Posted from Monday 19 October for 2 working days; a complaint on the 20th is due 10 working days later.
        var posted = await OkAsync(await officer.PostAsJsonAsync($"/api/benefits/dossiers/{id}/posting", new { from = "2026-10-19" }));
        Assert.Equal("2026-10-20", posted.GetProperty("postedTo").GetString());
        var complained = await OkAsync(await officer.PostAsJsonAsync($"/api/benefits/dossiers/{id}/complaints", new { receivedOn = "2026-10-20", text = "Bà có lương hưu?" }));
        var complaint = complained.GetProperty("complaints").EnumerateArray().Single();
        Assert.Equal("2026-11-03", complaint.GetProperty("dueOn").GetString());

        // The decision waits for the end of the posting and for every answer; only the approver decides.
        Assert.Contains("20/10/2026", await FailsAsync(await approver.PostAsJsonAsync($"/api/benefits/dossiers/{id}/decision",
            new { approve = true, decisionNumber = "1/QĐ", decidedOn = "2026-10-20" }), HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Contains("chưa trả lời", await FailsAsync(await approver.PostAsJsonAsync($"/api/benefits/dossiers/{id}/decision",
            new { approve = true, decisionNumber = "1/QĐ", decidedOn = "2026-10-22" }), HttpStatusCode.Conflict), StringComparison.Ordinal);
        await OkAsync(await officer.PostAsJsonAsync($"/api/benefits/dossiers/{id}/complaints/{complaint.GetProperty("id").GetInt64()}/answer",
            new { answer = "Đã kiểm tra: bà không có lương hưu.", answeredOn = "2026-10-23" }));
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/benefits/dossiers/{id}/decision",
            new { approve = true, decisionNumber = "1/QĐ", decidedOn = "2026-11-02" })).StatusCode);
        var decided = await OkAsync(await approver.PostAsJsonAsync($"/api/benefits/dossiers/{id}/decision",
            new { approve = true, decisionNumber = "15/QĐ-UBND", decidedOn = "2026-11-02" }));
        Assert.Equal("decided", decided.GetProperty("status").GetString());
        Assert.Equal("2026-10-01", decided.GetProperty("entitledFrom").GetString());
        var beneficiary = await OkAsync(await officer.GetAsync($"/api/benefits/beneficiaries/{decided.GetProperty("beneficiaryId").GetGuid()}"));
        Assert.Equal("2026-10-01", beneficiary.GetProperty("entitledFrom").GetString());
        Assert.Equal("15/QĐ-UBND", beneficiary.GetProperty("decisionNumber").GetString());
        Assert.Contains("đã được quyết định", await FailsAsync(await approver.PostAsJsonAsync($"/api/benefits/dossiers/{id}/decision",
            new { approve = true, decisionNumber = "16/QĐ-UBND", decidedOn = "2026-11-02" }), HttpStatusCode.Conflict), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task The_posted_list_never_shows_hiv_and_a_dossier_not_eligible_is_answered_with_its_reason(string engine)
    {
        var app = TestApp.For(engine);
        var officer = await app.UserAsync("officer", Commune);
        var hivPerson = await PersonAsync(officer, TestData.Unique("Hà Thị Kín "), "1990-05-01");
        var filed = await OkAsync(await officer.PostAsJsonAsync("/api/benefits/dossiers",
            new { personId = hivPerson, scheme = "social_assistance", clauses = new[] { "5.8" }, hiv = true, filedOn = "2026-11-02" }));
        var id = filed.GetProperty("id").GetGuid();
        await OkAsync(await officer.PostAsJsonAsync($"/api/benefits/dossiers/{id}/review", new { eligible = true, reviewedOn = "2026-11-03" }));
        await OkAsync(await officer.PostAsJsonAsync($"/api/benefits/dossiers/{id}/posting", new { from = "2026-11-04" }));

        var posted = await OkAsync(await officer.GetAsync($"/api/benefits/dossiers/posted?communeCode={Commune}"));
        var line = posted.EnumerateArray().Single(p => p.GetProperty("fullName").GetString() == filed.GetProperty("fullName").GetString());
        var text = line.GetRawText();
        Assert.DoesNotContain("5.8", text, StringComparison.Ordinal);
        Assert.DoesNotContain("HIV", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hiv", text, StringComparison.Ordinal);
        Assert.Equal("Trợ cấp xã hội hằng tháng (Điều 5 Nghị định 20/2021/NĐ-CP)", line.GetProperty("category").GetString());

        // An inspector reads the dossier without the HIV details (the HIV clause is masked, as everywhere); a viewer not at all.
        var inspector = await app.UserAsync("inspector", Commune);
        var seen = await OkAsync(await inspector.GetAsync($"/api/benefits/dossiers/{id}"));
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("hiv").ValueKind);
        Assert.Equal(AnSinh.Benefits.Registers.SensitiveClauses.Marker, seen.GetProperty("clauses").GetString());
        Assert.DoesNotContain("5.8", seen.GetRawText(), StringComparison.Ordinal);
        var viewer = await app.UserAsync("viewer", Commune);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/api/benefits/dossiers/{id}")).StatusCode);

        // Not eligible: a reason is required, and the dossier ends there.
        var other = await PersonAsync(officer, TestData.Unique("Hà Văn Khỏe "), "1946-05-01");
        var second = await OkAsync(await officer.PostAsJsonAsync("/api/benefits/dossiers",
            new { personId = other, scheme = "social_assistance", clauses = new[] { "5.5c" }, filedOn = "2026-11-02" }));
        var secondId = second.GetProperty("id").GetGuid();
        Assert.Contains("lý do", await FailsAsync(await officer.PostAsJsonAsync($"/api/benefits/dossiers/{secondId}/review", new { eligible = false, reviewedOn = "2026-11-03" }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        var rejected = await OkAsync(await officer.PostAsJsonAsync($"/api/benefits/dossiers/{secondId}/review", new { eligible = false, note = "Đang hưởng lương hưu.", reviewedOn = "2026-11-03" }));
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal("Đang hưởng lương hưu.", rejected.GetProperty("rejectionReason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/benefits/dossiers/{secondId}/posting", new { from = "2026-11-04" })).StatusCode);
    }
}
