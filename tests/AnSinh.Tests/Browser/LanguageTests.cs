using AnSinh.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AnSinh.Tests.Browser;

/// <summary>Vietnamese first; English on request, remembered by a cookie.</summary>
public sealed class LanguageTests : IAsyncLifetime
{
    private TestApp? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        if (!Lanes.ChromiumAvailable && !Lanes.Required)
        {
            return;
        }
        _app = TestApp.ForBrowser();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Lanes.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [LaneFact("browser")]
    public async Task The_interface_switches_to_english_and_back()
    {
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { BaseURL = _app!.ClientOptions.BaseAddress.ToString().TrimEnd('/') });
        await page.GotoAsync("/login");
        Assert.Equal("Đăng nhập", await page.Locator("h1").InnerTextAsync());
        await page.ClickAsync("#lang-en");
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        Assert.Equal("Sign in", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", TestApp.AdminPassword);
        await page.ClickAsync("#login");
        await page.GotoAsync("/households");
        Assert.Equal("Households", await page.Locator("h1").InnerTextAsync());
        await page.ClickAsync("#lang-vi");
        await page.WaitForURLAsync(url => url.Contains("/households", StringComparison.Ordinal));
        Assert.Equal("Hộ gia đình", await page.Locator("h1").InnerTextAsync());
    }
}
