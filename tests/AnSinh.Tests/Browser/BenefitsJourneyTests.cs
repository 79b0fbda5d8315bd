using AnSinh.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AnSinh.Tests.Browser;

public sealed class BenefitsJourneyTests : BrowserTest
{
    [LaneFact("browser")]
    public async Task An_officer_quotes_an_elderly_allowance_and_a_war_invalid_allowance_with_their_legal_basis()
    {
        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.GotoAsync("/");
        await page.ClickAsync("#nav-benefits");
        await Assertions.Expect(page.Locator("#base-levels")).ToContainTextAsync("76/2024");

        // Turning 80 on the day: coefficient 2.0 of clause 5.5a at the 500,000 base level.
        await page.FillAsync("#q-date", "2024-08-15");
        await page.FillAsync("#q-birth", "1944-08-15");
        await page.FillAsync("#q-clauses", "5.5a");
        await page.ClickAsync("#quote-assistance");
        await Assertions.Expect(page.Locator("#quote")).ToHaveAttributeAsync("data-amount", "1000000");
        await Assertions.Expect(page.Locator("#quote-explanation")).ToContainTextAsync("80 tuổi");

        // A clause that needs a disability level is refused in Vietnamese.
        await page.FillAsync("#q-clauses", "5.6");
        await page.ClickAsync("#quote-assistance");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("mức độ khuyết tật");

        await page.FillAsync("#m-date", "2025-01-01");
        await page.SelectOptionAsync("#m-category", "war_invalid");
        await page.FillAsync("#m-percent", "100");
        await page.CheckAsync("#m-severe");
        await page.ClickAsync("#quote-merit");
        await Assertions.Expect(page.Locator("#quote")).ToHaveAttributeAsync("data-amount", "11808000");
        await Assertions.Expect(page.Locator("#quote-explanation")).ToContainTextAsync("77/2024");
    }
}
