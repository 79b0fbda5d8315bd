using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Benefits.Relief;
using AnSinh.Platform.Audit;
using AnSinh.Poverty.Rounds;
using AnSinh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static AnSinh.Tests.Infrastructure.ApiResponses;

namespace AnSinh.Tests.Integration;

/// <summary>
/// Four eyes, on both engines: the one who prepares a payroll, a relief decision, a round's decision
/// or a fund spending does not approve it, the administrator included (409, in Vietnamese); another
/// user of the right role does, and is recorded. Communes 01351, 01354, 01360, 01393, 01438 and 01576
/// are used by no other test.
/// </summary>
public sealed class SeparationOfDutiesTests
{
    private const string Refused = "không được tự phê duyệt";
    private const string Village = "Bản Hai Người";

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task The_administrator_who_computed_a_payroll_does_not_approve_it_and_another_approver_does(string engine)
    {
        var app = TestApp.For(engine);
        using var admin = await app.AdminAsync();
        var nationalId = TestData.NationalId(false, 1940);
        await OkAsync(await admin.PostAsJsonAsync("/api/households", TestData.Household("01354", TestData.Unique("Hà Văn Lập "),
            new { fullName = "Hà Thị Duyệt", sex = "female", birthDate = "1940-02-03", nationalId, ethnicity = "Tày", relationship = "parent" })));
        await OkAsync(await admin.PostAsJsonAsync("/api/benefits/beneficiaries",
            new { nationalId, scheme = "social_assistance", clauses = new[] { "5.5a" }, decisionNumber = "QĐ 9/2025", decisionDate = "2025-01-10" }));
        var run = await OkAsync(await admin.PostAsJsonAsync("/api/payroll/runs", new { communeCode = "01354", month = "2025-03" }));
        var id = run.GetProperty("id").GetGuid();
        Assert.Equal("admin", run.GetProperty("computedBy").GetString());

        var own = await FailsAsync(await admin.PostAsync($"/api/payroll/runs/{id}/approve", null), HttpStatusCode.Conflict);
        Assert.Equal("Bảng chi trả này do chính bạn (admin) lập; người lập không được tự phê duyệt. Cần một người khác có quyền phê duyệt.", own);
        Assert.Equal("draft", (await OkAsync(await admin.GetAsync($"/api/payroll/runs/{id}"))).GetProperty("run").GetProperty("status").GetString());

        var (approverName, approver) = await NamedUsers.CreateAsync(app, "approver", "01354");
        var approved = await OkAsync(await approver.PostAsync($"/api/payroll/runs/{id}/approve", null));
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal(approverName, approved.GetProperty("approvedBy").GetString());
        Assert.Equal("admin", approved.GetProperty("computedBy").GetString());
        using var db = app.NewDb(out var scope);
        using var _ = scope;
        var audit = await db.Set<AuditEvent>().SingleAsync(e => e.Action == "payroll.approve" && e.EntityId == id.ToString());
        Assert.Equal(approverName, audit.UserName);
        Assert.Contains(audit.UserId!.Value.ToString(), audit.After!, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task The_administrator_who_proposed_relief_does_not_decide_it_and_the_chairperson_does(string engine)
    {
        var app = TestApp.For(engine);
        using var admin = await app.AdminAsync();
        var household = (await OkAsync(await admin.PostAsJsonAsync("/api/households", TestData.Household("01576", TestData.Unique("Nông Văn Lũ "))))).GetProperty("id").GetGuid();
        var ev = await OkAsync(await admin.PostAsJsonAsync("/api/relief/events",
            new { kind = "flood", name = TestData.Unique("Lũ quét "), occurredOn = TestData.Today.AddDays(-1).ToString("yyyy-MM-dd"), communeCodes = new[] { "01576" } }));
        var proposed = await OkAsync(await admin.PostAsJsonAsync($"/api/relief/events/{ev.GetProperty("id").GetGuid()}/cases", new { householdId = household, riceMonths = 1 }));
        var caseId = proposed.GetProperty("id").GetGuid();
        var decision = new { decisionNumber = "7/QĐ-UBND", decidedOn = TestData.Today.ToString("yyyy-MM-dd") };

        Assert.Contains(Refused, await FailsAsync(await admin.PostAsJsonAsync($"/api/relief/cases/{caseId}/decision", decision), HttpStatusCode.Conflict), StringComparison.Ordinal);
        var (chairName, chair) = await NamedUsers.CreateAsync(app, "approver", "01576");
        Assert.Equal("decided", (await OkAsync(await chair.PostAsJsonAsync($"/api/relief/cases/{caseId}/decision", decision))).GetProperty("status").GetString());
        using var db = app.NewDb(out var scope);
        using var _ = scope;
        var c = await db.Set<ReliefCase>().AsNoTracking().SingleAsync(x => x.Id == caseId);
        Assert.Equal("admin", c.ProposedBy);
        Assert.Equal(chairName, c.DecidedBy);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Who_opened_a_round_or_ran_its_classification_does_not_decide_it(string engine)
    {
        var app = TestApp.For(engine);
        using var admin = await app.AdminAsync();

        // Opened by the administrator: the administrator does not decide it.
        var opened = await RoundToDecisionAsync(app, admin, "01351", openedByAdmin: true, classifiedByAdmin: false);
        Assert.Contains("Đợt rà soát này do chính bạn (admin) lập hoặc phân loại", await FailsAsync(await admin.PostAsJsonAsync($"/api/poverty/rounds/{opened}/decision", Decision), HttpStatusCode.Conflict), StringComparison.Ordinal);
        var (chairName, chair) = await NamedUsers.CreateAsync(app, "approver", "01351");
        await OkAsync(await chair.PostAsJsonAsync($"/api/poverty/rounds/{opened}/decision", Decision));

        // Opened by an officer, classified by the administrator's job: still not the administrator's to decide.
        var classified = await RoundToDecisionAsync(app, admin, "01360", openedByAdmin: false, classifiedByAdmin: true);
        Assert.Contains(Refused, await FailsAsync(await admin.PostAsJsonAsync($"/api/poverty/rounds/{classified}/decision", Decision), HttpStatusCode.Conflict), StringComparison.Ordinal);
        var (otherName, other) = await NamedUsers.CreateAsync(app, "approver", "01360");
        await OkAsync(await other.PostAsJsonAsync($"/api/poverty/rounds/{classified}/decision", Decision));

        using var db = app.NewDb(out var scope);
        using var _ = scope;
        var rounds = await db.Set<ReviewRound>().AsNoTracking().Where(r => r.Id == opened || r.Id == classified).ToDictionaryAsync(r => r.Id);
        Assert.Equal(("admin", chairName), (rounds[opened].CreatedBy, rounds[opened].DecidedBy));
        Assert.Equal(RoundStage.Decided, rounds[classified].Stage);
        Assert.Equal(otherName, rounds[classified].DecidedBy);
    }

    private static readonly object Decision = new { decisionNumber = "30/QĐ-UBND", decidedOn = "2025-09-24" };

    /// <summary>A regular round of one household, surveyed, met on and posted: ready for its decision on 24/9/2025.</summary>
    private static async Task<Guid> RoundToDecisionAsync(TestApp app, HttpClient admin, string commune, bool openedByAdmin, bool classifiedByAdmin)
    {
        await admin.PostAsJsonAsync($"/api/admin-units/{commune}/villages", new { name = Village });
        var officer = await app.UserAsync("officer", commune);
        var created = await officer.PostAsJsonAsync("/api/households", new
        {
            communeCode = commune,
            village = Village,
            address = Village,
            date = "2025-08-01",
            members = new[] { new { fullName = TestData.Unique("Lò Văn Rà "), sex = "male", birthDate = "1970-03-02", nationalId = TestData.NationalId(true, 1970), ethnicity = "Tày", relationship = "head" } },
        });
        var household = (await OkAsync(created)).GetProperty("id").GetGuid();
        var round = await OkAsync(await (openedByAdmin ? admin : officer).PostAsJsonAsync("/api/poverty/rounds", new { communeCode = commune, kind = "regular", startedOn = "2025-09-15" }));
        var id = round.GetProperty("id").GetGuid();
        await OkAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/requests", new { requests = new[] { new { householdId = household, formAPassed = true } } }));
        await OkAsync(await officer.PutAsJsonAsync($"/api/poverty/rounds/{id}/households/{household}/survey",
            new { incomePerPersonMonthly = 1_000_000, deprivations = new[] { "water", "sanitation", "telecom" }, surveyedOn = "2025-09-16" }));
        if (classifiedByAdmin)
        {
            var job = (await OkAsync(await admin.PostAsync($"/api/poverty/rounds/{id}/classify", null))).GetProperty("jobId").GetGuid();
            var status = "";
            for (var i = 0; i < 100 && status is not ("succeeded" or "failed"); i++)
            {
                await Task.Delay(100);
                status = (await admin.GetFromJsonAsync<JsonElement>($"/api/jobs/{job}")).GetProperty("status").GetString()!;
            }
            Assert.Equal("succeeded", status);
        }
        await OkAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/meetings", new { village = Village, heldOn = "2025-09-17", attendees = 20, agreeing = 15, minutes = "Biên bản" }));
        await OkAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/posting", new { start = "2025-09-18" }));
        return id;
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_spending_is_approved_by_another_user_who_may_approve_in_the_fund_s_unit_never_by_free_text_or_the_spender(string engine)
    {
        var app = TestApp.For(engine);
        var (boardName, board) = await NamedUsers.CreateAsync(app, "fund_board", "01393");
        var (approverName, _) = await NamedUsers.CreateAsync(app, "approver", "01393");
        var (outsiderName, _) = await NamedUsers.CreateAsync(app, "approver", "01438");
        var (officerName, _) = await NamedUsers.CreateAsync(app, "officer", "01393");
        var fund = (await OkAsync(await board.PostAsJsonAsync("/api/funds", new { unitCode = "01393", kind = "special", name = TestData.Unique("Quỹ bốn mắt ") }))).GetProperty("id").GetGuid();
        var today = TestData.Today.ToString("yyyy-MM-dd");
        await OkAsync(await board.PostAsJsonAsync($"/api/funds/{fund}/receipts", new { date = today, donor = new { name = "Bà Lục Thị Góp", type = "individual" }, form = "cash", amount = 10_000_000 }));
        object Spending(string? approvedBy) => new { date = today, category = "hardship_gift", cases = 1, amount = 1_000_000, approvedBy };

        // The spender is not their own approver; free text, an officer or someone outside the commune is no approver.
        Assert.Equal($"Khoản chi này do chính bạn ({boardName}) ghi; người ghi không được tự phê duyệt. Cần một người khác có quyền phê duyệt.",
            await FailsAsync(await board.PostAsJsonAsync($"/api/funds/{fund}/spendings", Spending(boardName.ToUpperInvariant())), HttpStatusCode.Conflict));
        Assert.Contains("không phải là người dùng", await FailsAsync(await board.PostAsJsonAsync($"/api/funds/{fund}/spendings", Spending("Trưởng ban Nông Văn Chủ")), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("không có quyền duyệt chi", await FailsAsync(await board.PostAsJsonAsync($"/api/funds/{fund}/spendings", Spending(outsiderName)), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("không có quyền duyệt chi", await FailsAsync(await board.PostAsJsonAsync($"/api/funds/{fund}/spendings", Spending(officerName)), HttpStatusCode.BadRequest), StringComparison.Ordinal);

        // The approvers offered: the commune's approver (and administrators), not the spender nor the outsider.
        var offered = (await OkAsync(await board.GetAsync($"/api/funds/{fund}/approvers"))).EnumerateArray().Select(a => a.GetProperty("userName").GetString()).ToList();
        Assert.Contains(approverName, offered);
        Assert.Contains("admin", offered);
        Assert.DoesNotContain(boardName, offered);
        Assert.DoesNotContain(outsiderName, offered);
        Assert.DoesNotContain(officerName, offered);

        var spent = await OkAsync(await board.PostAsJsonAsync($"/api/funds/{fund}/spendings", Spending(approverName)));
        var entry = await OkAsync(await board.GetAsync($"/api/funds/{fund}/entries/{spent.GetProperty("id").GetInt64()}"));
        Assert.Equal(approverName, entry.GetProperty("approvedBy").GetString());
        Assert.Equal(boardName, entry.GetProperty("entry").GetProperty("postedBy").GetString());
        Assert.Equal(9_000_000, (await OkAsync(await board.GetAsync($"/api/funds/{fund}/balance"))).GetProperty("balance").GetInt64());
    }
}
