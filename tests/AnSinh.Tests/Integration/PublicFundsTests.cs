using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Tests.Infrastructure;
using static AnSinh.Tests.Infrastructure.ApiResponses;

namespace AnSinh.Tests.Integration;

/// <summary>The public fund portal on both engines: only published accounts, and no beneficiary named (RULES.md §6).</summary>
public sealed class PublicFundsTests
{
    private const long Million = 1_000_000;

    private static async Task<Guid> FundAsync(HttpClient c, string unitCode)
    {
        var r = await c.PostAsJsonAsync("/api/funds", new { unitCode, kind = "special", name = TestData.Unique("Quỹ công khai thử ") });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<string> PageAsync(HttpClient c, string url)
    {
        var r = await c.GetAsync(url);
        var text = WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync());
        Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode}: {text}");
        return text;
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task The_list_of_published_accounts_answers_on_both_engines_in_the_api_and_on_the_page(string engine)
    {
        var app = TestApp.For(engine);
        var board = await app.UserAsync("fund_board", "04");
        var fund = await FundAsync(board, "01456");
        var name = (await OkAsync(await board.GetAsync($"/api/funds/{fund}"))).GetProperty("name").GetString()!;
        await OkAsync(await board.PostAsJsonAsync($"/api/funds/{fund}/receipts",
            new { date = "2025-05-02", donor = new { name = "Công ty TNHH Sông Bằng", type = "enterprise" }, form = "cash", amount = 4 * Million }));
        await OkAsync(await board.PostAsJsonAsync($"/api/funds/{fund}/publish", new { year = 2025 }));

        var anonymous = app.CreateClient();
        var list = await OkAsync(await anonymous.GetAsync("/api/public/funds"));
        var mine = list.EnumerateArray().Single(p => p.GetProperty("fundId").GetGuid() == fund);
        Assert.Equal(2025, mine.GetProperty("year").GetInt32());
        Assert.Equal(name, mine.GetProperty("fundName").GetString());

        var page = await PageAsync(anonymous, "/public/funds");
        Assert.Contains(name, page, StringComparison.Ordinal);
        Assert.Contains($"/public/funds/{fund}/2025", page, StringComparison.Ordinal);
        Assert.DoesNotContain("\"status\":", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Published_accounts_name_no_beneficiary_and_unpublished_accounts_answer_404(string engine)
    {
        var app = TestApp.For(engine);
        var board = await app.UserAsync("fund_board", "04");
        var published = await FundAsync(board, "01447");
        var never = await FundAsync(board, "01447");
        var officer = await app.UserAsync("officer", "01447");
        var head = TestData.Unique("Bế Văn Ốm ");
        var household = (await OkAsync(await officer.PostAsJsonAsync("/api/households", TestData.Household("01447", head)))).GetProperty("id").GetGuid();
        foreach (var fund in new[] { published, never })
        {
            await OkAsync(await board.PostAsJsonAsync($"/api/funds/{fund}/receipts",
                new { date = "2026-03-02", donor = new { name = "Công ty CP Non Nước", type = "enterprise" }, form = "cash", amount = 10 * Million }));
            await OkAsync(await board.PostAsJsonAsync($"/api/funds/{fund}/spendings",
                new { date = "2026-03-20", category = "medical", cases = 1, amount = 2 * Million, householdIds = new[] { household } }));
        }
        await OkAsync(await board.PostAsJsonAsync($"/api/funds/{published}/publish", new { year = 2026 }));

        var anonymous = app.CreateClient();
        // Published: the accounts, the donors and the support by kind, counted; no household, no name, no village.
        var accounts = await OkAsync(await anonymous.GetAsync($"/api/public/funds/{published}/accounts?year=2026"));
        var text = accounts.ToString();
        Assert.Contains("Công ty CP Non Nước", text, StringComparison.Ordinal);
        Assert.DoesNotContain(head, text, StringComparison.Ordinal);
        Assert.DoesNotContain(household.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.False(accounts.TryGetProperty("beneficiaries", out _));
        var medical = accounts.GetProperty("supported").EnumerateArray().Single(s => s.GetProperty("category").GetString() == "medical");
        Assert.Equal(1, medical.GetProperty("households").GetInt32());
        Assert.Equal(2 * Million, accounts.GetProperty("report").GetProperty("spendingTotal").GetInt64());
        var page = await PageAsync(anonymous, $"/public/funds/{published}/2026");
        Assert.Contains("Công ty CP Non Nước", page, StringComparison.Ordinal);
        Assert.DoesNotContain(head, page, StringComparison.Ordinal);

        // Never published, or not for that year: 404 in the API, a Vietnamese message on the page.
        Assert.Contains("chưa được công khai", await FailsAsync(await anonymous.GetAsync($"/api/public/funds/{never}/accounts?year=2026"), HttpStatusCode.NotFound),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/public/funds/{published}/accounts?year=2025")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/public/funds/{Guid.NewGuid()}/accounts?year=2026")).StatusCode);
        var hidden = await PageAsync(anonymous, $"/public/funds/{never}/2026");
        Assert.Contains("chưa được công khai", hidden, StringComparison.Ordinal);
        Assert.DoesNotContain(head, hidden, StringComparison.Ordinal);
        Assert.DoesNotContain("Công ty CP Non Nước", hidden, StringComparison.Ordinal);
        Assert.DoesNotContain("\"status\":", hidden, StringComparison.Ordinal);
        var list = await OkAsync(await anonymous.GetAsync("/api/public/funds"));
        Assert.DoesNotContain(list.EnumerateArray(), p => p.GetProperty("fundId").GetGuid() == never);
    }
}
