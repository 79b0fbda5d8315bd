using System.Text.RegularExpressions;
using AnSinh.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AnSinh.Tests.Browser;

/// <summary>
/// The fund board's workspace: spending rice from the store, the self-inspection in words, the
/// year's accounts made public after a confirmation, the charts on the fund report.
/// </summary>
public sealed partial class FundBoardTests : BrowserTest
{
    [LaneFact("browser")]
    public async Task The_board_hands_out_rice_inspects_the_books_in_words_publishes_the_year_and_sees_the_charts()
    {
        var approver = await SecondUserAsync("approver", "01525");
        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.GotoAsync("/funds");
        await page.FillAsync("#f-unit", "01525");
        await page.SelectOptionAsync("#f-kind", "for_the_poor");
        await page.FillAsync("#f-name", "Quỹ Vì người nghèo xã thử");
        await page.ClickAsync("#create-fund");
        await page.WaitForURLAsync(url => url.Contains("/funds/", StringComparison.Ordinal), Committed);
        var fundUrl = page.Url;

        // 2.000.000 đ in cash and 100 kg of rice worth 1.500.000 đ.
        await page.FillAsync("#r-date", "2026-10-20");
        await page.FillAsync("#r-donor", "Bà Nông Thị Hoa");
        await page.FillAsync("#r-amount", "2.000.000");
        await page.ClickAsync("#post-receipt");
        await Assertions.Expect(page.Locator("#fund-message")).ToContainTextAsync("PT-01525-2026-");
        await page.FillAsync("#r-date", "2026-10-21");
        await page.FillAsync("#r-donor", "Công ty Lương thực Cao Bằng");
        await page.SelectOptionAsync("#r-type", "enterprise");
        await page.SelectOptionAsync("#r-form", "in_kind");
        await page.FillAsync("#r-amount", "1.500.000");
        await page.FillAsync("#r-goods", "Gạo");
        await page.FillAsync("#r-qty", "100");
        await page.FillAsync("#r-unit", "kg");
        await page.ClickAsync("#post-receipt");
        await Assertions.Expect(page.Locator("#fund-balance")).ToHaveAttributeAsync("data-balance", "3500000");

        // 40 kg of rice handed out as relief: valued at 600.000 đ from the store, no amount typed.
        await Assertions.Expect(page.Locator("#s-goods")).ToContainTextAsync("Gạo (còn 100 kg)");
        await page.FillAsync("#s-date", "2026-10-25");
        await page.SelectOptionAsync("#s-category", "relief");
        await page.SelectOptionAsync("#s-channel", "goods");
        await page.SelectOptionAsync("#s-goods", "Gạo");
        await page.FillAsync("#s-qty", "40");
        await page.SelectOptionAsync("#s-approver", approver);
        await page.ClickAsync("#post-spending");
        await Assertions.Expect(page.Locator("#fund-message")).ToContainTextAsync("PC-01525-2026-");
        await Assertions.Expect(page.Locator("#fund-balance")).ToHaveAttributeAsync("data-balance", "2900000");
        await Assertions.Expect(page.Locator("#s-goods")).ToContainTextAsync("Gạo (còn 60 kg)");

        // The self-inspection, in words: the chain passes, the cash counted is 100.000 đ short, the rice handed to no one is a point to look into.
        await page.ClickAsync("#inspection-link");
        await page.WaitForURLAsync(url => url.Contains("/inspection", StringComparison.Ordinal), Committed);
        await Assertions.Expect(page.Locator("#chain-verdict")).ToHaveTextAsync("Đạt");
        await Assertions.Expect(page.Locator("#inspection-chain")).ToContainTextAsync("Đã tính lại 3 bút toán");
        await page.FillAsync("#i-cash", "abc");
        await page.ClickAsync("#run-inspection");
        await Assertions.Expect(page.Locator("#i-cash-error")).ToContainTextAsync("số đồng");
        await Assertions.Expect(page.Locator("#i-cash")).ToHaveValueAsync("abc");
        await page.FillAsync("#i-cash", "1.900.000");
        await page.ClickAsync("#run-inspection");
        await Assertions.Expect(page.Locator("#rec-cash")).ToContainTextAsync("2.000.000 đ");
        await Assertions.Expect(page.Locator("#rec-cash")).ToContainTextAsync("-100.000 đ");
        await Assertions.Expect(page.Locator("#rec-cash")).ToContainTextAsync("Thực tế thiếu so với sổ");
        await Assertions.Expect(page.Locator("#anomaly-count")).ToHaveTextAsync("1 điểm");
        await Assertions.Expect(page.Locator("#anomalies")).ToContainTextAsync("600.000 đồng, Cứu trợ khẩn cấp");
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(Guid(), text);
        await ShotsAsync(page, "fund-inspection");

        // Publishing the year: the dialog says what the public will see; cancelled, nothing is published; confirmed, it is.
        await page.GotoAsync(fundUrl);
        await Assertions.Expect(page.Locator("#published-status")).ToContainTextAsync("Chưa công khai");
        await CancelAsync(page, "#publish-year", "tổng thu 3.500.000 đ, tổng chi 600.000 đ");
        await page.GotoAsync(fundUrl);
        await Assertions.Expect(page.Locator("#published-status")).ToContainTextAsync("Chưa công khai");
        await ConfirmAsync(page, "#publish-year", "Công khai tài chính năm 2026 của Quỹ Vì người nghèo xã thử");
        await Assertions.Expect(page.Locator("#published-status")).ToContainTextAsync("Đã công khai");
        await Assertions.Expect(page.Locator("#publish-year")).ToHaveCountAsync(0);
        await ShotsAsync(page, "fund-published");
        await page.ClickAsync("#public-link");
        await Assertions.Expect(page.Locator("#public-title")).ToContainTextAsync("Quỹ Vì người nghèo xã thử");
        await Assertions.Expect(page.Locator("#fund-report")).ToContainTextAsync("3.500.000");
        await Assertions.Expect(page.Locator("#public-donors")).ToContainTextAsync("Công ty Lương thực Cao Bằng");

        // The fund's report: the flows and the spending by category drawn, with vi-VN numbers.
        await page.GotoAsync(fundUrl);
        await page.ClickAsync("#report-link");
        var flows = page.Locator("svg#chart-fund-flows");
        await Assertions.Expect(flows).ToHaveAttributeAsync("aria-label", "Thu và chi trong kỳ (đồng)");
        await Assertions.Expect(flows).ToContainTextAsync("3.500.000");
        await Assertions.Expect(flows).ToContainTextAsync("Tổng chi");
        var spending = page.Locator("svg#chart-fund-spending");
        await Assertions.Expect(spending).ToHaveAttributeAsync("aria-label", "Chi quỹ theo khoản chi (đồng)");
        await Assertions.Expect(spending.Locator("title")).ToHaveTextAsync("Cứu trợ khẩn cấp: 600.000");
        await ShotsAsync(page, "fund-report-charts");
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex Guid();

    private static async Task ShotsAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("ANSINH_BROWSER_SHOTS") is not { } dir)
        {
            return;
        }
        Directory.CreateDirectory(dir);
        foreach (var width in new[] { 1366, 390 })
        {
            await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, $"{name}-{width}.png"), FullPage = true });
        }
        await page.SetViewportSizeAsync(1366, 900);
    }
}
