using AnSinh.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AnSinh.Tests.Browser;

/// <summary>
/// Amounts typed as a Vietnamese officer writes them: "1.500.000" and "1,5 triệu" are both one million five hundred
/// thousand đồng, shown back as "1.500.000 đ"; "abc" is refused with a message next to the field, the typed values kept
/// and nothing written. On a desktop (1366 px) and a phone (390 px).
/// </summary>
public sealed class MoneyInputTests : BrowserTest
{
    [LaneFact("browser")]
    public async Task An_officer_types_amounts_with_dots_or_in_words_on_a_desktop()
    {
        var page = await FundPageAsync(1366);
        await ReceiveAsync(page, "Bà Nông Thị Hoa", "1.500.000");
        await Assertions.Expect(page.Locator("#fund-balance")).ToHaveAttributeAsync("data-balance", "1500000");
        await Assertions.Expect(page.Locator("#fund-balance")).ToContainTextAsync("1.500.000 đ");

        await ReceiveAsync(page, "Ông Lò Văn Sáng", "1,5 triệu");
        await Assertions.Expect(page.Locator("#fund-balance")).ToHaveAttributeAsync("data-balance", "3000000");
        await Assertions.Expect(page.Locator("#fund-balance")).ToContainTextAsync("3.000.000 đ");
        var receipts = page.Locator("#entries tbody tr[data-voucher]");
        await Assertions.Expect(receipts).ToHaveCountAsync(2);
        await Assertions.Expect(receipts.Nth(0).Locator("td.num")).ToHaveTextAsync("1.500.000 đ");
        await Assertions.Expect(receipts.Nth(1).Locator("td.num")).ToHaveTextAsync("1.500.000 đ");
        // What was typed in words is shown back as the amount it is.
        await Assertions.Expect(page.Locator("#r-amount")).ToHaveValueAsync("1.500.000");
        Assert.Equal("decimal", await page.Locator("#r-amount").GetAttributeAsync("inputmode"));

        await RefusedAsync(page);
        await ShotAsync(page, "desktop");
    }

    [LaneFact("browser")]
    public async Task A_wrong_amount_is_refused_next_to_the_field_on_a_phone()
    {
        var page = await FundPageAsync(390);
        await ReceiveAsync(page, "Bà Nông Thị Hoa", "1.500.000 đ");
        await Assertions.Expect(page.Locator("#fund-balance")).ToHaveAttributeAsync("data-balance", "1500000");
        await Assertions.Expect(page.Locator("#entries tbody tr[data-voucher] td.num")).ToHaveTextAsync("1.500.000 đ");

        await RefusedAsync(page);
        // The message fits the phone: the page does not scroll sideways.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
        await page.Locator("#r-amount").ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "phone");
    }

    private async Task<IPage> FundPageAsync(int width)
    {
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(width, 900);
        await SignInAsAdminAsync(page);
        await page.GotoAsync("/funds");
        await page.FillAsync("#f-unit", "01525");
        await page.SelectOptionAsync("#f-kind", "for_the_poor");
        await page.ClickAsync("#create-fund");
        await page.WaitForURLAsync(url => url.Contains("/funds/", StringComparison.Ordinal), Committed);
        await Assertions.Expect(page.Locator("#fund-balance")).ToHaveAttributeAsync("data-balance", "0");
        return page;
    }

    private static async Task ReceiveAsync(IPage page, string donor, string amount)
    {
        var before = await page.Locator("#entries tbody tr[data-voucher]").CountAsync();
        await page.FillAsync("#r-date", "2026-10-20");
        await page.FillAsync("#r-donor", donor);
        await page.FillAsync("#r-amount", amount);
        await page.ClickAsync("#post-receipt");
        await Assertions.Expect(page.Locator("#fund-message")).ToContainTextAsync("PT-01525-2026-");
        await Assertions.Expect(page.Locator("#entries tbody tr[data-voucher]")).ToHaveCountAsync(before + 1);
        await Assertions.Expect(page.Locator(".field-error")).ToHaveCountAsync(0);
    }

    /// <summary>"abc": the message next to the amount, every typed value kept, no receipt written.</summary>
    private static async Task RefusedAsync(IPage page)
    {
        var balance = await page.Locator("#fund-balance").GetAttributeAsync("data-balance");
        var entries = await page.Locator("#entries tbody tr[data-voucher]").CountAsync();
        await page.FillAsync("#r-date", "2026-10-21");
        await page.FillAsync("#r-donor", "Công ty TNHH Sai Số");
        await page.SelectOptionAsync("#r-type", "enterprise");
        await page.FillAsync("#r-amount", "abc");
        await page.ClickAsync("#post-receipt");

        var error = page.Locator("#r-amount-error");
        await Assertions.Expect(error).ToHaveTextAsync("Số tiền không hợp lệ — nhập như 1.500.000 hoặc 1,5 triệu.");
        await Assertions.Expect(error).ToBeVisibleAsync();
        // Next to the field: in the same cell, right under it.
        Assert.True(await page.EvaluateAsync<bool>("document.getElementById('r-amount').parentElement.contains(document.getElementById('r-amount-error'))"));
        var field = (await page.Locator("#r-amount").BoundingBoxAsync())!;
        var message = (await error.BoundingBoxAsync())!;
        Assert.InRange(message.Y - (field.Y + field.Height), 0, 20);
        await Assertions.Expect(page.Locator("#r-amount")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#r-amount")).ToHaveAttributeAsync("aria-describedby", "r-amount-error");

        await Assertions.Expect(page.Locator("#r-amount")).ToHaveValueAsync("abc");
        await Assertions.Expect(page.Locator("#r-donor")).ToHaveValueAsync("Công ty TNHH Sai Số");
        await Assertions.Expect(page.Locator("#r-date")).ToHaveValueAsync("2026-10-21");
        await Assertions.Expect(page.Locator("#r-type")).ToHaveValueAsync("enterprise");
        await Assertions.Expect(page.Locator("#fund-message")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("Số tiền không hợp lệ");
        await Assertions.Expect(page.Locator(".errors")).Not.ToContainTextAsync("Thiếu số tiền");
        await Assertions.Expect(page.Locator("#fund-balance")).ToHaveAttributeAsync("data-balance", balance!);
        await Assertions.Expect(page.Locator("#entries tbody tr[data-voucher]")).ToHaveCountAsync(entries);
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("ANSINH_BROWSER_SHOTS") is { } dir)
        {
            Directory.CreateDirectory(dir);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, $"money-{name}.png"), FullPage = true });
        }
    }
}
