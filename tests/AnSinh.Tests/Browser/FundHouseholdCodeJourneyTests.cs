using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AnSinh.Tests.Browser;

public sealed class FundHouseholdCodeJourneyTests : BrowserTest
{
    private static async Task<Guid> HouseholdAsync(HttpClient api, string commune, string head, string code)
    {
        var r = await api.PostAsJsonAsync("/api/households", new
        {
            communeCode = commune,
            village = "",
            address = "Số 2, đường Hoàng Đình Giong",
            code,
            members = new[] { new { fullName = head, sex = "male", birthDate = "1968-06-01", nationalId = TestData.NationalId(true, 1968), ethnicity = "Nùng", relationship = "head" } },
        });
        r.EnsureSuccessStatusCode();
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [LaneFact("browser")]
    public async Task A_province_funds_spending_asks_for_the_commune_and_finds_the_household_code_there_only()
    {
        var api = await AdminApiAsync();
        // One code in two communes of the province, as in every real register.
        await HouseholdAsync(api, "01786", "Lương Văn Đông", "000005");
        var wanted = await HouseholdAsync(api, "01795", "Lương Văn Khai", "000005");
        var created = await api.PostAsJsonAsync("/api/funds", new { unitCode = "04", kind = "for_the_poor" });
        created.EnsureSuccessStatusCode();
        var fund = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await api.PostAsJsonAsync($"/api/funds/{fund}/receipts",
            new { date = "2026-03-02", donor = new { name = "Công ty CP Cao Bình", type = "enterprise" }, form = "cash", amount = 10_000_000 })).EnsureSuccessStatusCode();

        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.GotoAsync($"/funds/{fund}");
        await page.FillAsync("#s-date", "2026-03-10");
        await page.SelectOptionAsync("#s-category", "hardship_gift");
        await page.FillAsync("#s-amount", "1000000");
        await page.FillAsync("#s-households", "000005");
        // Without the commune the code is not looked up across the province.
        await page.ClickAsync("#post-spending");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("hãy chọn xã");
        await Assertions.Expect(page.Locator("#fund-balance")).ToHaveAttributeAsync("data-balance", "10000000");

        await page.SelectOptionAsync("#s-commune", "01795");
        await page.FillAsync("#s-households", "000005");
        await page.ClickAsync("#post-spending");
        await Assertions.Expect(page.Locator("#fund-message")).ToContainTextAsync("PC-04-2026-");
        await Assertions.Expect(page.Locator("#fund-balance")).ToHaveAttributeAsync("data-balance", "9000000");

        var entries = await api.GetFromJsonAsync<JsonElement>($"/api/funds/{fund}/entries?kind=spending");
        var entry = entries.GetProperty("items")[0].GetProperty("id").GetInt64();
        var detail = await api.GetFromJsonAsync<JsonElement>($"/api/funds/{fund}/entries/{entry}");
        var beneficiary = Assert.Single(detail.GetProperty("beneficiaries").EnumerateArray());
        Assert.Equal(wanted, beneficiary.GetProperty("householdId").GetGuid());
    }
}
