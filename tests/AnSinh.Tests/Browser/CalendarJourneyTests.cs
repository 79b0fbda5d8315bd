using AnSinh.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AnSinh.Tests.Browser;

/// <summary>An administrator keeps the public-holiday calendar; a deadline is worked out against it. The year 2031 is used by no other test.</summary>
public sealed class CalendarJourneyTests : BrowserTest
{
    [LaneFact("browser")]
    public async Task An_administrator_adds_a_holiday_and_the_deadline_moves()
    {
        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.GotoAsync("/calendar?year=2026");
        await page.ClickAsync("#nav-calendar");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Lịch nghỉ lễ, Tết và ngày làm việc");
        await page.GotoAsync("/calendar?year=2026");
        await Assertions.Expect(page.Locator("#holidays tr[data-date='2026-02-17'][data-kind='holiday']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#holidays tr[data-date='2026-04-27']")).ToContainTextAsync("Nghỉ bù");

        // Posting from Friday 13/2/2026 for 3 working days ends after Tết, on 24/2.
        await page.FillAsync("#d-from", "2026-02-13");
        await page.FillAsync("#d-days", "3");
        await page.ClickAsync("#due");
        await Assertions.Expect(page.Locator("#due-result")).ToHaveAttributeAsync("data-end", "2026-02-24");

        // A weekday given as a swapped day off on a Saturday is refused with the reason.
        await page.FillAsync("#h-date", "2031-03-15");
        await page.SelectOptionAsync("#h-kind", "swap_off");
        await page.FillAsync("#h-name", "Nghỉ hoán đổi");
        await page.FillAsync("#h-source", "Thông báo hoán đổi ngày làm việc năm 2031");
        await page.ClickAsync("#add-holiday");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("phải là ngày làm việc");

        // Friday 14/3/2031 becomes a holiday: 2 working days from Thursday 13/3 now end on Monday 17/3.
        await page.FillAsync("#h-date", "2031-03-14");
        await page.SelectOptionAsync("#h-kind", "holiday");
        await page.FillAsync("#h-name", "Ngày nghỉ thử");
        await page.FillAsync("#h-source", "Bộ luật Lao động 2019, Điều 112");
        await page.CheckAsync("#h-provisional");
        await page.ClickAsync("#add-holiday");
        await Assertions.Expect(page.Locator("#calendar-message")).ToContainTextAsync("14/03/2031");
        await Assertions.Expect(page.Locator("#holidays tr[data-date='2031-03-14']")).ToContainTextAsync("Tạm tính");
        await page.ClickAsync("#confirm-2031-03-14");
        await Assertions.Expect(page.Locator("#calendar-message")).ToContainTextAsync("Đã xác nhận");
        await Assertions.Expect(page.Locator("#holidays tr[data-date='2031-03-14']")).Not.ToContainTextAsync("Tạm tính");
        await page.FillAsync("#d-from", "2031-03-13");
        await page.FillAsync("#d-days", "2");
        await page.ClickAsync("#due");
        await Assertions.Expect(page.Locator("#due-result")).ToHaveAttributeAsync("data-end", "2031-03-17");
        await page.GotoAsync("/calendar?year=2031");
        await ConfirmAsync(page, "#remove-2031-03-14");
        await Assertions.Expect(page.Locator("#calendar-message")).ToContainTextAsync("Đã xoá");
        await Assertions.Expect(page.Locator("#holidays tr[data-date='2031-03-14']")).ToHaveCountAsync(0);
    }
}
