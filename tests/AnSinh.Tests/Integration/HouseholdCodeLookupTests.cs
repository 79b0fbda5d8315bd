using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Registry.Households;
using AnSinh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static AnSinh.Tests.Infrastructure.ApiResponses;

namespace AnSinh.Tests.Integration;

/// <summary>
/// Household codes repeat from commune to commune: a fund's spending and a programme record look a code up
/// in one commune only, within the user's scope, and refuse an ambiguous code in Vietnamese (both engines).
/// </summary>
public sealed class HouseholdCodeLookupTests
{
    /// <summary>A household registered with a given code: codes repeat from commune to commune in real registers.</summary>
    private static async Task<Guid> HouseholdAsync(HttpClient c, string commune, string head, string code) =>
        (await OkAsync(await c.PostAsJsonAsync("/api/households", new
        {
            communeCode = commune,
            village = "",
            address = "Số 5, đường Kim Đồng",
            code,
            members = new[] { new { fullName = head, sex = "male", birthDate = "1970-02-03", nationalId = TestData.NationalId(true, 1970), ethnicity = "Tày", relationship = "head" } },
        }))).GetProperty("id").GetGuid();

    /// <summary>Puts a household back on an old commune merged in July 2025, as one not yet moved onto today's map.</summary>
    private static async Task MoveOntoOldCommuneAsync(TestApp app, Guid household, string oldCommune, string into, string code)
    {
        var db = app.NewDb(out var scope);
        using (scope)
        {
            var link = await db.AdminUnitLinks.FirstAsync(l => l.OldCode == oldCommune && l.NewCode == into);
            await db.Set<Household>().Where(h => h.Id == household)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.CommuneUnitId, link.OldUnitId).SetProperty(h => h.CommuneCode, oldCommune).SetProperty(h => h.Code, code));
        }
    }

    private static async Task<Guid> FundAsync(HttpClient c, string unitCode)
    {
        var r = await c.PostAsJsonAsync("/api/funds", new { unitCode, kind = "special", name = TestData.Unique("Quỹ tra mã hộ ") });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_spending_looks_household_codes_up_in_one_commune_of_the_funds_area_and_refuses_an_ambiguous_one(string engine)
    {
        var app = TestApp.For(engine);
        var admin = await app.AdminAsync();
        var code = TestData.Unique("TM");
        var here = await HouseholdAsync(admin, "01786", "Nông Văn Đây", code);
        var there = await HouseholdAsync(admin, "01795", "Nông Văn Kia", code);
        await HouseholdAsync(admin, "00004", "Nguyễn Văn Xa", code);
        var board = await app.UserAsync("fund_board", "04");
        var commune = await FundAsync(board, "01786");
        var province = await FundAsync(board, "04");

        // A commune's fund: the code in its own commune, no picker.
        var found = await OkAsync(await board.GetAsync($"/api/funds/{commune}/households?codes={code}"));
        Assert.Equal(here, Assert.Single(found.EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Empty((await OkAsync(await board.GetAsync($"/api/funds/{commune}/beneficiary-communes"))).EnumerateArray());

        // A province's fund: the commune must be chosen, among today's communes of the province.
        var why = await FailsAsync(await board.GetAsync($"/api/funds/{province}/households?codes={code}"), HttpStatusCode.BadRequest);
        Assert.Contains("hãy chọn xã", why, StringComparison.Ordinal);
        var communes = (await OkAsync(await board.GetAsync($"/api/funds/{province}/beneficiary-communes"))).EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToList();
        Assert.Contains("01786", communes);
        Assert.Contains("01795", communes);
        Assert.DoesNotContain("01816", communes); // merged into 01786 in July 2025
        Assert.DoesNotContain("00004", communes);
        found = await OkAsync(await board.GetAsync($"/api/funds/{province}/households?codes={code}&communeCode=01795"));
        Assert.Equal(there, Assert.Single(found.EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Contains("không thuộc địa bàn", await FailsAsync(await board.GetAsync($"/api/funds/{province}/households?codes={code}&communeCode=00004"), HttpStatusCode.BadRequest),
            StringComparison.Ordinal);
        var missing = await FailsAsync(await board.GetAsync($"/api/funds/{province}/households?codes={code},KHONGCO&communeCode=01795"), HttpStatusCode.BadRequest);
        Assert.Contains("Không có hộ mã KHONGCO", missing, StringComparison.Ordinal);
        Assert.DoesNotContain(there.ToString(), missing, StringComparison.OrdinalIgnoreCase);

        // The household found is the one the ledger records.
        await OkAsync(await board.PostAsJsonAsync($"/api/funds/{province}/receipts",
            new { date = "2026-03-02", donor = new { name = "Công ty TNHH Đông Khê", type = "enterprise" }, form = "cash", amount = 5_000_000 }));
        var spent = await OkAsync(await board.PostAsJsonAsync($"/api/funds/{province}/spendings",
            new { date = "2026-03-05", category = "hardship_gift", cases = 1, amount = 1_000_000, householdIds = new[] { there } }));
        var detail = await OkAsync(await board.GetAsync($"/api/funds/{province}/entries/{spent.GetProperty("id").GetInt64()}"));
        Assert.Equal("Nông Văn Kia", detail.GetProperty("beneficiaries")[0].GetProperty("name").GetString());

        // A household of an old commune merged into 01786, not yet moved onto today's map, with the same code: refused, not guessed.
        var old = await HouseholdAsync(admin, "01795", "Nông Văn Cũ", TestData.Unique("TC"));
        await MoveOntoOldCommuneAsync(app, old, "01816", "01786", code);
        var ambiguous = await FailsAsync(await board.GetAsync($"/api/funds/{commune}/households?codes={code}"), HttpStatusCode.BadRequest);
        Assert.Contains($"Mã hộ {code} có ở 2 xã", ambiguous, StringComparison.Ordinal);
        Assert.DoesNotContain(here.ToString(), ambiguous, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(old.ToString(), ambiguous, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_loan_names_its_household_by_code_in_the_loans_commune_only(string engine)
    {
        var app = TestApp.For(engine);
        var admin = await app.AdminAsync();
        var code = TestData.Unique("TV");
        var first = await HouseholdAsync(admin, "01768", "Lưu Văn Một", code);
        var second = await HouseholdAsync(admin, "01774", "Lưu Văn Hai", code);

        var officer = await app.UserAsync("officer", "04");
        var loan = await OkAsync(await officer.PostAsJsonAsync("/api/programs/loans",
            new { communeCode = "01774", date = "2026-03-15", programme = "poor_household", amount = 40_000_000, termMonths = 36, householdCode = code }));
        Assert.Equal(second, loan.GetProperty("householdId").GetGuid());
        Assert.Equal("Lưu Văn Hai", loan.GetProperty("personName").GetString());
        loan = await OkAsync(await officer.PostAsJsonAsync("/api/programs/loans",
            new { communeCode = "01768", date = "2026-03-15", programme = "poor_household", amount = 40_000_000, termMonths = 36, householdCode = code }));
        Assert.Equal(first, loan.GetProperty("householdId").GetGuid());

        Assert.Contains("Không có hộ mã KHONGCO", await FailsAsync(await officer.PostAsJsonAsync("/api/programs/loans",
            new { communeCode = "01774", date = "2026-03-15", programme = "poor_household", amount = 40_000_000, termMonths = 36, householdCode = "KHONGCO" }), HttpStatusCode.BadRequest),
            StringComparison.Ordinal);
        // Outside the officer's commune, the code is not looked up at all.
        var local = await app.UserAsync("officer", "01768");
        Assert.Contains("ngoài địa bàn", await FailsAsync(await local.PostAsJsonAsync("/api/programs/loans",
            new { communeCode = "01774", date = "2026-03-15", programme = "poor_household", amount = 40_000_000, termMonths = 36, householdCode = code }), HttpStatusCode.BadRequest),
            StringComparison.Ordinal);
    }
}
