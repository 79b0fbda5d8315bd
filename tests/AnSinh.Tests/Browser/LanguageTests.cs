using AnSinh.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AnSinh.Tests.Browser;

/// <summary>Vietnamese first; English on request, remembered by a cookie.</summary>
public sealed class LanguageTests : BrowserTest
{
    [LaneFact("browser")]
    public async Task The_interface_switches_to_english_and_back()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/login");
        Assert.Equal("Đăng nhập", await page.Locator("h1").InnerTextAsync());
        await page.ClickAsync("#lang-en");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in"); // waits for the reload
        Assert.Equal("Sign in", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", TestApp.AdminPassword);
        await page.ClickAsync("#login");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), Committed);
        await page.GotoAsync("/households");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Households");
        await page.ClickAsync("#lang-vi");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Hộ gia đình");
        Assert.Equal("vi", await page.Locator("html").GetAttributeAsync("lang"));
    }
}
