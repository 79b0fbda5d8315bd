using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AnSinh.Tests.Browser;

public sealed class FundJourneyTests : BrowserTest
{
    [LaneFact("browser")]
    public async Task A_fund_board_records_a_gift_and_a_house_and_a_donor_finds_the_voucher_without_signing_in()
    {
        var api = await AdminApiAsync();
        var hh = await api.PostAsJsonAsync("/api/households", TestData.Household("01525", "Đinh Văn Nhà"));
        hh.EnsureSuccessStatusCode();
        var code = (await hh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;

        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.GotoAsync("/funds");
        await page.FillAsync("#f-unit", "01525");
        await page.SelectOptionAsync("#f-kind", "for_the_poor");
        await page.ClickAsync("#create-fund");
        await page.WaitForURLAsync(url => url.Contains("/funds/", StringComparison.Ordinal), Committed);
        await Assertions.Expect(page.Locator("#fund-balance")).ToHaveAttributeAsync("data-balance", "0");

        // A gift of 80 million from an enterprise: a numbered receipt voucher.
        await page.FillAsync("#r-date", "2026-10-20");
        await page.FillAsync("#r-donor", "Công ty CP Xi măng Cao Bằng");
        await page.SelectOptionAsync("#r-type", "enterprise");
        await page.FillAsync("#r-amount", "80000000");
        await page.ClickAsync("#post-receipt");
        await Assertions.Expect(page.Locator("#fund-message")).ToContainTextAsync("PT-01525-2026-");
        var voucher = await page.Locator("#entries tbody tr[data-voucher]").Last.GetAttributeAsync("data-voucher");

        // A second gift from the same page is a new receipt, not a repeat of the first.
        await page.FillAsync("#r-donor", "Bà Nông Thị Hoa");
        await page.SelectOptionAsync("#r-type", "individual");
        await page.FillAsync("#r-amount", "5000000");
        await page.ClickAsync("#post-receipt");
        await Assertions.Expect(page.Locator("#fund-balance")).ToHaveAttributeAsync("data-balance", "85000000");
        Assert.StartsWith("PT-01525-2026-", voucher, StringComparison.Ordinal);

        // Spending above the balance is refused in Vietnamese; a house within it is recorded with its household.
        await page.FillAsync("#s-date", "2026-10-25");
        await page.SelectOptionAsync("#s-category", "new_house");
        await page.FillAsync("#s-amount", "95000000");
        await page.ClickAsync("#post-spending");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("không được chi quá");
        await page.FillAsync("#s-amount", "60000000");
        await page.FillAsync("#s-households", code);
        // The approver is a user who may approve in the commune, picked from the list (never the one recording it).
        var approver = await SecondUserAsync("approver", "01525");
        await page.GotoAsync(page.Url);
        await page.FillAsync("#s-date", "2026-10-25");
        await page.SelectOptionAsync("#s-category", "new_house");
        await page.FillAsync("#s-amount", "60000000");
        await page.FillAsync("#s-households", code);
        await page.SelectOptionAsync("#s-approver", approver);
        await page.ClickAsync("#post-spending");
        await Assertions.Expect(page.Locator("#fund-message")).ToContainTextAsync("PC-01525-2026-");
        await Assertions.Expect(page.Locator("#fund-balance")).ToHaveAttributeAsync("data-balance", "25000000");

        await page.ClickAsync("#report-link");
        await Assertions.Expect(page.Locator("#fund-report")).ToHaveAttributeAsync("data-closing", "25000000");
        await Assertions.Expect(page.Locator("#fund-report")).ToContainTextAsync("Xây mới nhà Đại đoàn kết");

        // The donor, signed out, looks the voucher up.
        var donor = await NewPageAsync();
        await donor.GotoAsync("/public/vouchers");
        await donor.FillAsync("#v-number", voucher!);
        await donor.ClickAsync("#lookup");
        await Assertions.Expect(donor.Locator("#voucher-found")).ToContainTextAsync("80.000.000");
        await Assertions.Expect(donor.Locator("#fund-report")).ToContainTextAsync("60.000.000");
    }

    [LaneFact("browser")]
    public async Task A_commune_officer_opens_a_longevity_gift_campaign_and_hands_a_gift_once()
    {
        var api = await AdminApiAsync();
        var hh = await api.PostAsJsonAsync("/api/households", TestData.Household("01561", "Hà Văn Thọ"));
        hh.EnsureSuccessStatusCode();
        var code = (await hh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;

        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.GotoAsync("/funds");
        await page.ClickAsync("#gifts-link");
        await page.FillAsync("#g-unit", "01561");
        await page.SelectOptionAsync("#g-occasion", "longevity");
        await page.FillAsync("#g-name", "Mừng thọ người cao tuổi 2026");
        await page.FillAsync("#g-year", "2026");
        await page.SelectOptionAsync("#g-form", "goods");
        await page.FillAsync("#g-goods", "Suất quà mừng thọ");
        await page.FillAsync("#g-value", "300000");
        await page.FillAsync("#g-gifts", "20");
        await page.ClickAsync("#create-gift-campaign");
        await page.WaitForURLAsync(url => url.Contains("/funds/gifts/", StringComparison.Ordinal), Committed);
        await Assertions.Expect(page.Locator("#gift-summary")).ToContainTextAsync("6.000.000");

        // Every household of the register may be chosen; the elderly man's household gets one gift, once.
        await page.SelectOptionAsync("#c-group", "all");
        await page.FillAsync("#c-q", "Hà Văn Thọ");
        await page.ClickAsync("#candidates-search");
        var row = page.Locator($"#gift-candidates tr[data-household='{code}']");
        await row.Locator("select").SelectOptionAsync("elderly");
        await ConfirmAsync(page, row.Locator("button"), "Hà Văn Thọ");
        await Assertions.Expect(page.Locator("#gift-message")).ToContainTextAsync("Hà Văn Thọ");
        await Assertions.Expect(page.Locator($"#gift-candidates tr[data-household='{code}']")).ToContainTextAsync("Đã nhận quà");
        await Assertions.Expect(page.Locator("#gift-handed")).ToHaveTextAsync("1");
        var pdf = await page.Locator("#signature-pdf").GetAttributeAsync("href");
        var list = await api.GetAsync(pdf);
        Assert.Equal("application/pdf", list.Content.Headers.ContentType?.MediaType);
    }
}
