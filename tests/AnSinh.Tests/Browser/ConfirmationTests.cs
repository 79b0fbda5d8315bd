using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AnSinh.Tests.Browser;

/// <summary>
/// Irreversible actions ask first, in a dialog that says what will happen; Cancel and Escape do
/// nothing; a double click writes once; the head's death names the new head (ADR 0023).
/// </summary>
public sealed class ConfirmationTests : BrowserTest
{
    private static async Task<Guid> FundWithReceiptAsync(HttpClient api, long amount)
    {
        var fund = await api.PostAsJsonAsync("/api/funds", new { unitCode = "01525", kind = "special", name = TestData.Unique("Quỹ xác nhận ") });
        fund.EnsureSuccessStatusCode();
        var id = (await fund.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        if (amount > 0)
        {
            (await api.PostAsJsonAsync($"/api/funds/{id}/receipts", new { date = "2026-10-20", donor = new { name = "Công ty TNHH Hòa Bình", type = "enterprise" }, form = "cash", amount })).EnsureSuccessStatusCode();
        }
        return id;
    }

    private static async Task<long> BalanceAsync(HttpClient api, Guid fund) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/funds/{fund}/balance")).GetProperty("balance").GetInt64();

    /// <summary>With ANSINH_BROWSER_SHOTS set, the open dialog at 1366 and 390 px.</summary>
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
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, $"{name}-{width}.png") });
        }
        await page.SetViewportSizeAsync(1280, 720);
    }

    [LaneFact("browser")]
    public async Task Reversing_an_entry_says_what_it_does_and_cancel_or_escape_changes_nothing()
    {
        var api = await AdminApiAsync();
        var fund = await FundWithReceiptAsync(api, 7_500_000);
        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.GotoAsync($"/funds/{fund}");
        var row = page.Locator("#entries tbody tr[data-voucher]").First;
        var voucher = await row.GetAttributeAsync("data-voucher");
        await row.Locator("input[name=Reason]").FillAsync("Ghi nhầm");

        await row.Locator("button").ClickAsync();
        var dialog = page.Locator("#confirm-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToHaveAttributeAsync("role", "alertdialog");
        await Assertions.Expect(dialog.Locator("#confirm-text")).ToContainTextAsync($"Đảo bút toán {voucher} ngày 20/10/2026");
        await Assertions.Expect(dialog.Locator("#confirm-text")).ToContainTextAsync("7.500.000 đ");
        await Assertions.Expect(dialog.Locator("#confirm-cancel")).ToBeFocusedAsync();
        await Assertions.Expect(dialog.Locator("#confirm-cancel")).ToHaveTextAsync("Huỷ");
        await Assertions.Expect(dialog.Locator("#confirm-ok")).ToHaveTextAsync("Xác nhận");
        var box = await dialog.Locator("#confirm-ok").BoundingBoxAsync();
        Assert.True(box!.Height >= 40, $"the confirm button is {box.Height} px high");
        await ShotsAsync(page, "confirm-reverse");
        await dialog.Locator("#confirm-cancel").ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        // Escape cancels too, and Enter on the focused Cancel does not confirm.
        await row.Locator("button").ClickAsync();
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await row.Locator("button").ClickAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await page.GotoAsync($"/funds/{fund}");
        await Assertions.Expect(page.Locator($"#entries tr[data-voucher='{voucher}']")).Not.ToContainTextAsync("đã đảo");
        Assert.Equal(7_500_000, await BalanceAsync(api, fund));

        row = page.Locator($"#entries tr[data-voucher='{voucher}']");
        await row.Locator("input[name=Reason]").FillAsync("Ghi nhầm");
        await ConfirmAsync(page, row.Locator("button"), "không xoá và không đảo lại được");
        await Assertions.Expect(page.Locator($"#entries tr[data-voucher='{voucher}']")).ToContainTextAsync("đã đảo");
        Assert.Equal(0, await BalanceAsync(api, fund));
    }

    [LaneFact("browser")]
    public async Task A_double_click_on_a_receipt_records_it_once()
    {
        var api = await AdminApiAsync();
        var fund = await FundWithReceiptAsync(api, 0);
        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.GotoAsync($"/funds/{fund}");
        await page.FillAsync("#r-date", "2026-10-21");
        await page.FillAsync("#r-donor", "Bà Nông Thị Hoa");
        await page.SelectOptionAsync("#r-type", "individual");
        await page.FillAsync("#r-amount", "5000000");
        // A slow link: the post reaches the server at once, its answer comes back 1.5 s later,
        // while the officer double-clicks and then clicks once more.
        await page.RouteAsync("**/funds/**", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }
            var response = await route.FetchAsync();
            await Task.Delay(1500);
            await route.FulfillAsync(new RouteFulfillOptions { Response = response });
        });
        // The mouse itself, not a locator's click, which would wait for the page that follows.
        await page.Locator("#post-receipt").ScrollIntoViewIfNeededAsync();
        var button = await page.Locator("#post-receipt").BoundingBoxAsync();
        await page.Mouse.DblClickAsync(button!.X + (button.Width / 2), button.Y + (button.Height / 2));
        await Task.Delay(300);
        await page.Mouse.ClickAsync(button.X + (button.Width / 2), button.Y + (button.Height / 2));
        await Assertions.Expect(page.Locator("#fund-message")).ToContainTextAsync("PT-01525-2026-");
        await Assertions.Expect(page.Locator("#fund-balance")).ToHaveAttributeAsync("data-balance", "5000000");
        Assert.Equal(5_000_000, await BalanceAsync(api, fund));
        var entries = await api.GetFromJsonAsync<JsonElement>($"/api/funds/{fund}/entries");
        Assert.Equal(1, entries.GetProperty("total").GetInt64());
        // The page that came back takes the next receipt.
        await Assertions.Expect(page.Locator("#post-receipt")).ToBeEnabledAsync();
        await Assertions.Expect(page.Locator("#post-receipt")).Not.ToHaveAttributeAsync("aria-busy", "true");
    }

    [LaneFact("browser")]
    public async Task When_the_head_dies_the_officer_names_the_new_head_and_the_family_is_re_mapped()
    {
        var api = await AdminApiAsync();
        var head = $"Lò Văn {TestData.Unique("Một")}";
        var created = await api.PostAsJsonAsync("/api/households", TestData.Household("01525", head,
            new { fullName = "Quàng Thị Ba", sex = "female", birthDate = "1978", relationship = "spouse" },
            new { fullName = "Lò Văn Hai", sex = "male", birthDate = "2000", relationship = "child" },
            new { fullName = "Lò Thị Bốn", sex = "female", birthDate = "2004", relationship = "child" }));
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var members = (await api.GetFromJsonAsync<JsonElement>($"/api/households/{id}")).GetProperty("members").EnumerateArray().ToList();
        string Of(string name) => members.Single(m => m.GetProperty("fullName").GetString() == name).GetProperty("id").GetString()!;

        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.GotoAsync($"/households/{id}");

        // The general form does not let the head die without a successor: it points to the guided path.
        await page.SelectOptionAsync("#ev-kind", "death");
        await page.SelectOptionAsync("#ev-person", Of(head));
        await ConfirmAsync(page, "#record-event", $"\"Chết\" của {head}");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("Chủ hộ mất");
        Assert.Equal(head, (await api.GetFromJsonAsync<JsonElement>($"/api/households/{id}")).GetProperty("headName").GetString());

        await Assertions.Expect(page.Locator("#head-death legend")).ToHaveTextAsync("Chủ hộ mất");
        await Assertions.Expect(page.Locator("#hd-new-head option")).ToHaveCountAsync(4); // "-- chọn --" and the three living members
        await page.SelectOptionAsync("#hd-new-head", Of("Lò Văn Hai"));
        await page.FillAsync("#hd-date", TestData.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await CancelAsync(page, "#record-head-death", $"Ghi nhận chủ hộ {head} đã mất ngày {TestData.Today:dd/MM/yyyy}. Lò Văn Hai (Con) làm chủ hộ mới; quan hệ với chủ hộ của 2 thành viên còn lại");
        var still = await api.GetFromJsonAsync<JsonElement>($"/api/households/{id}");
        Assert.Equal(head, still.GetProperty("headName").GetString());
        Assert.All(still.GetProperty("members").EnumerateArray(), m => Assert.Equal("resident", m.GetProperty("status").GetString()));

        await page.Locator("#record-head-death").ClickAsync();
        await ShotsAsync(page, "confirm-head-death");
        await page.Locator("#confirm-ok").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("saved=1", StringComparison.Ordinal), Committed);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Lò Văn Hai");
        await Assertions.Expect(page.Locator("#members tr", new() { HasText = "Quàng Thị Ba" })).ToContainTextAsync("Bố/mẹ");
        await Assertions.Expect(page.Locator("#members tr", new() { HasText = "Lò Thị Bốn" })).ToContainTextAsync("Anh/chị/em");
        await Assertions.Expect(page.Locator("#members tr", new() { HasText = head })).ToContainTextAsync("Đã mất");
        await Assertions.Expect(page.Locator("#events")).ToContainTextAsync("Quan hệ với chủ hộ mới: Quàng Thị Ba: Vợ/chồng → Bố/mẹ");
    }
}
