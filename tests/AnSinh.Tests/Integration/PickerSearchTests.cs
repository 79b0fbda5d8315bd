using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Tests.Infrastructure;
using static AnSinh.Tests.Infrastructure.ApiResponses;

namespace AnSinh.Tests.Integration;

/// <summary>
/// The pickers' searches: units of today's map by name with or without diacritics, by level, within the
/// user's scope; households of one commune by head, code or a member's national ID (both engines).
/// </summary>
public sealed class PickerSearchTests
{
    private static async Task<List<JsonElement>> UnitsAsync(HttpClient c, string query) =>
        (await OkAsync(await c.GetAsync("/api/units/search?" + query))).EnumerateArray().ToList();

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Units_are_found_without_diacritics_by_level_and_only_in_the_users_scope(string engine)
    {
        var app = TestApp.For(engine);
        var admin = await app.AdminAsync();

        var hanoi = await UnitsAsync(admin, "q=ha%20noi&level=province");
        var first = hanoi[0];
        Assert.Equal("01", first.GetProperty("code").GetString());
        Assert.Equal("Thành phố Hà Nội", first.GetProperty("fullName").GetString());
        Assert.Equal("Tỉnh, thành phố", first.GetProperty("levelName").GetString());

        var dongDa = await UnitsAsync(admin, "q=dong%20da&level=commune");
        var ward = Assert.Single(dongDa, u => u.GetProperty("code").GetString() == "00235");
        Assert.Equal("Phường Đống Đa", ward.GetProperty("fullName").GetString());
        Assert.Equal("Thành phố Hà Nội", ward.GetProperty("parentName").GetString());
        Assert.Equal("Xã, phường", ward.GetProperty("levelName").GetString());
        Assert.Contains(await UnitsAsync(admin, "q=%C4%90%E1%BB%91ng%20%C4%90a&level=commune"), u => u.GetProperty("code").GetString() == "00235"); // "Đống Đa"
        Assert.All(dongDa, u => Assert.Equal("commune", u.GetProperty("level").GetString()));
        Assert.DoesNotContain(await UnitsAsync(admin, "q=ha%20noi&level=commune"), u => u.GetProperty("code").GetString() == "01");
        Assert.True(dongDa.Count <= 20);
        Assert.Contains("Cấp", await FailsAsync(await admin.GetAsync("/api/units/search?q=a&level=district"), HttpStatusCode.BadRequest), StringComparison.Ordinal);

        // An officer of Cao Bằng sees Cao Bằng's communes, not Hà Nội's; an officer of one commune sees that commune only.
        var province = await app.UserAsync("officer", "04");
        Assert.Empty(await UnitsAsync(province, "q=dong%20da"));
        var dong = await UnitsAsync(province, "q=dong&level=commune");
        Assert.Contains(dong, u => u.GetProperty("code").GetString() == "01786" && u.GetProperty("parentName").GetString() == "Tỉnh Cao Bằng");
        Assert.All(dong, u => Assert.Equal("Tỉnh Cao Bằng", u.GetProperty("parentName").GetString()));
        var commune = await app.UserAsync("officer", "01786");
        Assert.Equal(["01786"], (await UnitsAsync(commune, "q=xa")).Select(u => u.GetProperty("code").GetString()));
        // A commune someone moved from may lie anywhere.
        Assert.Contains(await UnitsAsync(commune, "q=dong%20da&scope=all"), u => u.GetProperty("code").GetString() == "00235");
    }

    private static async Task<Guid> HouseholdAsync(HttpClient c, string commune, string head, string code, string nationalId) =>
        (await OkAsync(await c.PostAsJsonAsync("/api/households", new
        {
            communeCode = commune,
            village = "",
            address = "Số 7, đường Kim Đồng",
            code,
            members = new[] { new { fullName = head, sex = "female", birthDate = "1968-04-05", nationalId, ethnicity = "Tày", relationship = "head" } },
        }))).GetProperty("id").GetGuid();

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Households_are_found_by_head_code_or_national_id_in_the_chosen_commune_and_scope_only(string engine)
    {
        var app = TestApp.For(engine);
        var admin = await app.AdminAsync();
        var surname = "Hoàng Thị Nhẫn " + Letters();
        var code = TestData.Unique("PK");
        var nationalId = TestData.NationalId(false, 1968);
        var here = await HouseholdAsync(admin, "01786", surname + " Một", code, nationalId);
        var there = await HouseholdAsync(admin, "01795", surname + " Hai", code, TestData.NationalId(false, 1968));
        var hanoi = await HouseholdAsync(admin, "00235", surname + " Ba", code, TestData.NationalId(false, 1968));

        async Task<List<Guid>> FindAsync(HttpClient c, string commune, string q) =>
            (await OkAsync(await c.GetAsync($"/api/households/search?communeCode={commune}&q={Uri.EscapeDataString(q)}")))
                .EnumerateArray().Select(h => h.GetProperty("id").GetGuid()).ToList();

        var officer = await app.UserAsync("officer", "04");
        var unmarked = VietnameseFold(surname);
        Assert.Equal([here], await FindAsync(officer, "01786", unmarked));
        Assert.Equal([there], await FindAsync(officer, "01795", surname));
        Assert.Equal([here], await FindAsync(officer, "01786", code));
        Assert.Equal([here], await FindAsync(officer, "01786", nationalId));
        var found = await OkAsync(await officer.GetAsync($"/api/households/search?communeCode=01786&q={code}"));
        Assert.Equal(surname + " Một", found[0].GetProperty("headName").GetString());
        // Hà Nội is outside a Cao Bằng officer's scope, even when asked for by its code.
        Assert.Empty(await FindAsync(officer, "00235", surname));
        Assert.Equal([hanoi], await FindAsync(admin, "00235", surname));
        // An officer of one commune: the commune's households, not the neighbour's.
        var local = await app.UserAsync("officer", "01786");
        Assert.Empty(await FindAsync(local, "01795", surname));
        Assert.Equal([here], await FindAsync(local, "", surname));
    }

    /// <summary>A made-up given name of letters only (names take no digits), so that each run owns its households.</summary>
    internal static string Letters() => "Ư" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());

    private static string VietnameseFold(string s) => AnSinh.Platform.Text.VietnameseText.SearchKey(s);
}
