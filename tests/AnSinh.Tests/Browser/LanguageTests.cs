using AnSinh.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AnSinh.Tests.Browser;

/// <summary>Vietnamese first; English on request, remembered by a cookie.</summary>
public sealed class LanguageTests : IAsyncLifetime
{
    private TestApp? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IPage? _page;

    // Wait only until the navigation commits; the assertions that follow wait for what they need.
    private static readonly PageWaitForURLOptions Committed = new() { WaitUntil = WaitUntilState.Commit };

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
        if (_page is not null && Environment.GetEnvironmentVariable("ANSINH_BROWSER_SHOTS") is { } dir)
        {
            Directory.CreateDirectory(dir);
            await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, $"{DateTime.UtcNow:HHmmssfff}.png"), FullPage = true });
            await File.WriteAllTextAsync(Path.Combine(dir, $"{DateTime.UtcNow:HHmmssfff}.url"), _page.Url);
        }
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
        var page = _page = await _browser!.NewPageAsync(new BrowserNewPageOptions { BaseURL = _app!.ClientOptions.BaseAddress.ToString().TrimEnd('/') });
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
