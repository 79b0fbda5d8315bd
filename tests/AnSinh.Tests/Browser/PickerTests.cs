using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AnSinh.Tests.Browser;

/// <summary>
/// Pickers, not codes (issue #19), on a desktop (1366 px) and a phone (390 px): a commune found by typing
/// without diacritics and chosen with the keyboard; a household found by part of its head's name in the
/// chosen commune only; a name that matches nothing is said next to the field and the text is kept.
/// </summary>
public sealed class PickerTests : BrowserTest
{
    private static async Task HouseholdAsync(HttpClient admin, string commune, string head)
    {
        var r = await admin.PostAsJsonAsync("/api/households", new
        {
            communeCode = commune,
            village = "",
            address = "Số 9, đường Kim Đồng",
            members = new[] { new { fullName = head, sex = "male", birthDate = "1971-05-06", nationalId = TestData.NationalId(true, 1971), ethnicity = "Tày", relationship = "head" } },
        });
        r.EnsureSuccessStatusCode();
        _ = await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Letters() => "Ư" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());

    /// <summary>Moves through the suggestions with the arrow key until the one wanted is active, then picks it with Enter.</summary>
    private static async Task PickWithKeyboardAsync(IPage page, string fieldId, string wanted)
    {
        var field = page.Locator("#" + fieldId);
        await Assertions.Expect(page.Locator($"#{fieldId}-picker-list [role=option]", new() { HasText = wanted })).ToBeVisibleAsync();
        for (var i = 0; i < 20; i++)
        {
            await field.PressAsync("ArrowDown");
            var active = await field.GetAttributeAsync("aria-activedescendant");
            if (active is not null && (await page.Locator("#" + active).InnerTextAsync()).Contains(wanted, StringComparison.Ordinal))
            {
                await field.PressAsync("Enter");
                return;
            }
        }
        Assert.Fail($"“{wanted}” was never reached with the arrow key.");
    }

    [LaneFact("browser")]
    public async Task An_officer_finds_a_commune_typed_without_diacritics_and_picks_it_with_the_keyboard()
    {
        using var admin = await AdminApiAsync();
        var head = "Nông Văn Chọn " + Letters();
        await HouseholdAsync(admin, "01786", head);
        var page = await PageAsAsync(await SecondUserAsync("officer", "04"));
        foreach (var (width, height) in new[] { (1366, 900), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync("/households");
            await Assertions.Expect(page.Locator("label[for=communeCode]")).ToHaveTextAsync("Xã, phường");
            var field = page.Locator("#communeCode");
            await field.FillAsync("");
            await field.PressSequentiallyAsync("dong");
            await Assertions.Expect(field).ToHaveAttributeAsync("aria-expanded", "true");
            var options = page.Locator("#communeCode-picker-list [role=option]");
            await Assertions.Expect(options.First).ToContainTextAsync("— Tỉnh Cao Bằng");
            // Only Cao Bằng's communes: the officer's province.
            foreach (var text in await options.AllInnerTextsAsync())
            {
                Assert.EndsWith("— Tỉnh Cao Bằng", text.Trim(), StringComparison.Ordinal);
            }
            await PickWithKeyboardAsync(page, "communeCode", "Xã Đông Khê — Tỉnh Cao Bằng");
            await Assertions.Expect(field).ToHaveValueAsync("Xã Đông Khê");
            await Assertions.Expect(field).ToHaveAttributeAsync("aria-expanded", "false");
            await page.ClickAsync("#search");
            await page.WaitForURLAsync(u => u.Contains("communeCode=01786", StringComparison.Ordinal));
            await Assertions.Expect(page.Locator("#communeCode")).ToHaveValueAsync("Xã Đông Khê");
            await Assertions.Expect(page.Locator("#households")).ToContainTextAsync(head);
            foreach (var cell in await page.Locator("#households tbody tr td:first-child").AllInnerTextsAsync())
            {
                Assert.Equal("01786", cell.Trim());
            }
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        }
    }

    [LaneFact("browser")]
    public async Task A_household_is_found_by_part_of_its_heads_name_in_the_chosen_commune_only()
    {
        using var admin = await AdminApiAsync();
        var given = Letters();
        await HouseholdAsync(admin, "01774", "Lưu Văn Tìm " + given);
        await HouseholdAsync(admin, "01768", "Lưu Văn Tìm " + given + " Khác");
        var page = await PageAsAsync(await SecondUserAsync("officer", "04"));
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/programs");
        await page.Locator("#l-commune").FillAsync("01774"); // a code typed by heart still works
        await page.Locator("#l-household").PressSequentiallyAsync("tim " + VietnameseFold(given));
        var options = page.Locator("#l-household-picker-list [role=option]");
        await Assertions.Expect(options).ToHaveCountAsync(1);
        await Assertions.Expect(options.First).ToContainTextAsync("Lưu Văn Tìm " + given);
        await Assertions.Expect(options.First).Not.ToContainTextAsync("Khác");
        await PickWithKeyboardAsync(page, "l-household", "Lưu Văn Tìm " + given);
        await Assertions.Expect(page.Locator("#l-household")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^HGĐ .+ — Lưu Văn Tìm " + given + "$"));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
    }

    [LaneFact("browser")]
    public async Task A_commune_name_that_matches_nothing_is_said_next_to_the_field_and_the_text_is_kept()
    {
        var page = await PageAsAsync(await SecondUserAsync("officer", "04"));
        await page.SetViewportSizeAsync(1366, 900);
        await page.GotoAsync("/households");
        var field = page.Locator("#communeCode");
        await field.FillAsync("Xã Không Có Thật");
        await field.PressAsync("Escape");
        await page.ClickAsync("#search");
        var error = page.Locator("#communeCode-error");
        await Assertions.Expect(error).ToHaveTextAsync("Không tìm thấy xã, phường “Xã Không Có Thật” trong phạm vi của bạn.");
        await Assertions.Expect(page.Locator("#communeCode")).ToHaveValueAsync("Xã Không Có Thật");
        await Assertions.Expect(page.Locator("#communeCode")).ToHaveAttributeAsync("aria-describedby", "communeCode-error");
        // Đống Đa is a real ward, but of Hà Nội: outside a Cao Bằng officer's scope.
        await page.Locator("#communeCode").FillAsync("Phường Đống Đa");
        await page.ClickAsync("#search");
        await Assertions.Expect(error).ToHaveTextAsync("Không tìm thấy xã, phường “Phường Đống Đa” trong phạm vi của bạn.");
    }

    private static string VietnameseFold(string s) => AnSinh.Platform.Text.VietnameseText.SearchKey(s);
}
