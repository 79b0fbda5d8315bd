using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Tests.Infrastructure;

namespace AnSinh.Tests.Integration;

/// <summary>A commune officer asks for another commune's records through the API, the UI and exports, and gets nothing.</summary>
public sealed class ScopeSecurityTests
{
    private const string CommuneA = "00004"; // Phường Ba Đình, Hà Nội
    private const string CommuneB = "00008"; // Phường Ngọc Hà, Hà Nội

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task An_officer_of_another_commune_gets_404_empty_lists_and_empty_exports(string engine)
    {
        var app = TestApp.For(engine);
        var officerA = await app.UserAsync("officer", CommuneA);
        var officerB = await app.UserAsync("officer", CommuneB);
        var given = TestData.Unique("Bí");
        var created = await officerA.PostAsJsonAsync("/api/households", TestData.Household(CommuneA, $"Trịnh Văn {given}"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var personId = (await officerA.GetFromJsonAsync<JsonElement>($"/api/households/{id}")).GetProperty("headPersonId").GetString();

        Assert.Equal(HttpStatusCode.NotFound, (await officerB.GetAsync($"/api/households/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officerB.GetAsync($"/api/persons/{personId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officerB.PutAsJsonAsync($"/api/households/{id}", new { address = "x", version = 0 })).StatusCode);
        var search = await officerB.GetFromJsonAsync<JsonElement>($"/api/persons?q={Uri.EscapeDataString("trinh van " + given)}");
        Assert.Equal(0, search.GetProperty("total").GetInt32());
        var byCommune = await officerB.GetFromJsonAsync<JsonElement>($"/api/households?communeCode={CommuneA}");
        Assert.Equal(0, byCommune.GetProperty("total").GetInt32());
        var createThere = await officerB.PostAsJsonAsync("/api/households", TestData.Household(CommuneA, "Trịnh Văn Lạ"));
        Assert.Equal(HttpStatusCode.BadRequest, createThere.StatusCode);

        var export = await officerB.GetAsync($"/api/persons/export.xlsx?communeCode={CommuneA}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using (var reader = AnSinh.Platform.Excel.XlsxReader.Open(new MemoryStream(await export.Content.ReadAsByteArrayAsync())))
        {
            Assert.Single(reader.ReadRows()); // the header row only
        }
        var ownExport = await officerA.GetAsync($"/api/persons/export.xlsx?communeCode={CommuneA}&q={Uri.EscapeDataString(given)}");
        using (var reader = AnSinh.Platform.Excel.XlsxReader.Open(new MemoryStream(await ownExport.Content.ReadAsByteArrayAsync())))
        {
            Assert.Contains(reader.ReadRows(), r => r[0] == $"Trịnh Văn {given}");
        }

        // The denied attempt is audited.
        var admin = await app.AdminAsync();
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?entityId={id}");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "access.denied");
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task The_browser_pages_answer_404_outside_the_scope(string engine)
    {
        var app = TestApp.For(engine);
        var officerA = await app.UserAsync("officer", CommuneA);
        var id = (await (await officerA.PostAsJsonAsync("/api/households", TestData.Household(CommuneA, "Mai Văn Chín"))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var admin = await app.AdminAsync();
        var name = TestData.Unique("ob");
        (await admin.PostAsJsonAsync("/api/users", new { userName = name, password = "Pass-word-123", role = "officer", scopeUnitCode = CommuneB })).EnsureSuccessStatusCode();
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var loginPage = await browser.GetStringAsync("/login");
        var token = System.Text.RegularExpressions.Regex.Match(loginPage, "<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token));
        var login = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = name,
            ["password"] = "Pass-word-123",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);

        var page = await browser.GetAsync($"/households/{id}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("Mai Văn Chín", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var list = await browser.GetStringAsync($"/persons?q=mai%20van%20chin");
        Assert.DoesNotContain("Mai Văn Chín", list, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_province_user_sees_the_communes_of_the_province_only(string engine)
    {
        var app = TestApp.For(engine);
        var admin = await app.AdminAsync();
        var given = TestData.Unique("Tỉnh");
        (await admin.PostAsJsonAsync("/api/households", TestData.Household(CommuneA, $"Lý Văn {given}"))).EnsureSuccessStatusCode();
        var hanoi = await app.UserAsync("inspector", "01");
        var sonLa = await app.UserAsync("inspector", "14");
        Assert.Equal(1, (await hanoi.GetFromJsonAsync<JsonElement>($"/api/persons?q=ly%20van%20{Uri.EscapeDataString(given)}")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await sonLa.GetFromJsonAsync<JsonElement>($"/api/persons?q=ly%20van%20{Uri.EscapeDataString(given)}")).GetProperty("total").GetInt32());
        var officer = await app.UserAsync("viewer", "01");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/persons")).StatusCode);
    }
}
