using AnSinh.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AnSinh.Tests.Browser;

/// <summary>
/// The layout on a desktop (1366 px) and a phone (390 px), as an officer of a commune and as the
/// administrator: one page-specific title, a skip link to the main content, the navigation grouped by
/// task with only the links the role may use, who is signed in, a menu that stays folded on a phone
/// until asked for, and pages that never scroll sideways.
/// </summary>
public sealed class LayoutTests : BrowserTest
{
    private static readonly string[] Groups = ["Hộ & nhân khẩu", "Rà soát nghèo", "Chế độ & chi trả", "Quỹ & vận động", "Chương trình", "Báo cáo", "Quản trị"];

    [LaneFact("browser")]
    public async Task An_officer_sees_the_grouped_navigation_of_the_role_on_a_desktop_and_a_phone()
    {
        var name = await SecondUserAsync("officer", "00004");
        var page = await PageAsAsync(name);
        await page.SetViewportSizeAsync(1366, 900);

        await CheckDesktopAsync(page);
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync(name);
        await Assertions.Expect(page.Locator("#who-role")).ToHaveTextAsync("Cán bộ nghiệp vụ");
        var scope = await page.Locator("#who-scope").InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(scope));
        Assert.NotEqual("Toàn quốc", scope.Trim());
        // Links of pages the officer may not open are not shown.
        Assert.Equal(0, await page.Locator("a[href='/users']").CountAsync());
        Assert.Equal(0, await page.Locator("a[href='/audit']").CountAsync());
        await Assertions.Expect(page.Locator("#nav-import")).ToBeVisibleAsync();

        await CheckPhoneAsync(page);
    }

    [LaneFact("browser")]
    public async Task The_administrator_sees_the_administration_links_on_a_desktop_and_a_phone()
    {
        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.SetViewportSizeAsync(1366, 900);

        await CheckDesktopAsync(page);
        await Assertions.Expect(page.Locator("#who-role")).ToHaveTextAsync("Quản trị hệ thống");
        await Assertions.Expect(page.Locator("#who-scope")).ToContainTextAsync("Toàn quốc");
        await Assertions.Expect(page.Locator("#nav-users")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#nav-audit")).ToBeVisibleAsync();

        await CheckPhoneAsync(page);
    }

    private static async Task CheckDesktopAsync(IPage page)
    {
        await page.GotoAsync("/households");
        Assert.Equal(1, await page.EvaluateAsync<int>("document.querySelectorAll('title').length"));
        var householdsTitle = await page.TitleAsync();
        Assert.Equal("Hộ gia đình – AnSinh", householdsTitle);
        await page.GotoAsync("/funds");
        Assert.Equal(1, await page.EvaluateAsync<int>("document.querySelectorAll('title').length"));
        Assert.NotEqual(householdsTitle, await page.TitleAsync());
        Assert.Equal("Quỹ – AnSinh", await page.TitleAsync());
        // Breadcrumbs: overview › the task group › the page, the page marked.
        await Assertions.Expect(page.Locator("nav.crumbs li")).ToHaveTextAsync(["Tổng quan", "Quỹ & vận động", "Quỹ"]);
        await Assertions.Expect(page.Locator("nav.crumbs [aria-current='page']")).ToHaveTextAsync("Quỹ");

        // The skip link leads to the one main element.
        var skip = page.Locator("a.skip");
        await Assertions.Expect(skip).ToHaveCountAsync(1);
        Assert.Equal("#main", await skip.GetAttributeAsync("href"));
        Assert.Equal("Bỏ qua đến nội dung chính", (await skip.InnerTextAsync()).Trim());
        await Assertions.Expect(page.Locator("main#main")).ToHaveCountAsync(1);

        // The groups by task, in Vietnamese, every link shown beside the content; the page shown is marked.
        var summaries = page.Locator("nav#nav details.nav-group > summary");
        await Assertions.Expect(summaries).ToHaveTextAsync(Groups);
        await Assertions.Expect(page.Locator("#nav-households")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#nav-funds")).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(page.Locator("nav#nav a[aria-current='page']")).ToHaveCountAsync(1);
        await page.GotoAsync("/households");
        await Assertions.Expect(page.Locator("nav#nav a[aria-current='page']")).ToHaveAttributeAsync("href", "/households");
        await Assertions.Expect(page.Locator(".menu-button")).ToBeHiddenAsync();
        Assert.True(await FitsAsync(page));
        await page.GotoAsync("/households/new");
        await Assertions.Expect(page.Locator("nav.crumbs li")).ToHaveTextAsync(["Tổng quan", "Hộ & nhân khẩu", "Hộ gia đình", "Thêm mới"]);
        await Assertions.Expect(page.Locator("nav.crumbs a[href='/households']")).ToBeVisibleAsync();
    }

    private static async Task CheckPhoneAsync(IPage page)
    {
        await page.SetViewportSizeAsync(390, 844);
        foreach (var url in new[] { "/dashboard", "/households", "/funds" })
        {
            await page.GotoAsync(url);
            await Assertions.Expect(page.Locator("#main h1")).ToBeVisibleAsync();
            Assert.True(await FitsAsync(page), $"{url} scrolls sideways at 390 px");
            await Assertions.Expect(page.Locator("#who")).ToBeVisibleAsync();
        }

        // The menu is folded until toggled; then the groups show, the current page's group open.
        await page.GotoAsync("/dashboard");
        await Assertions.Expect(page.Locator("nav#nav")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#nav-dashboard")).ToBeHiddenAsync();
        await page.ClickAsync(".menu-button");
        await Assertions.Expect(page.Locator("nav#nav")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("nav#nav details.nav-group > summary")).ToHaveTextAsync(Groups);
        await Assertions.Expect(page.Locator("#nav-dashboard")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#nav-dashboard")).ToHaveAttributeAsync("aria-current", "page");
        Assert.True(await FitsAsync(page));
        await page.ClickAsync(".menu-button");
        await Assertions.Expect(page.Locator("nav#nav")).ToBeHiddenAsync();
    }

    private static Task<bool> FitsAsync(IPage page) =>
        page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth");
}
