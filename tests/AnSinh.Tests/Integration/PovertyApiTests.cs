using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Tests.Infrastructure;

namespace AnSinh.Tests.Integration;

public sealed class PovertyApiTests
{
    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Classify_uses_the_standard_valid_on_the_date(string engine)
    {
        var client = await TestApp.For(engine).UserAsync("viewer", null);
        var r2026 = await client.PostAsJsonAsync("/api/poverty/classify", new
        {
            date = "2026-06-01",
            area = "rural",
            incomePerPersonMonthly = 1_400_000,
            incomeScore = (int?)null,
            deprivations = new[] { "water", "sanitation", "telecom" },
        });
        Assert.Equal(HttpStatusCode.OK, r2026.StatusCode);
        var body = await r2026.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("poor", body.GetProperty("classification").GetString());
        Assert.Equal("2022-2026", body.GetProperty("standard").GetString());
        Assert.Equal(1_500_000, body.GetProperty("incomeLine").GetInt64());
        Assert.Equal(3, body.GetProperty("deprivationCount").GetInt32());

        var r2027 = await (await client.PostAsJsonAsync("/api/poverty/classify", new
        {
            date = "2027-03-01",
            area = "urban",
            incomePerPersonMonthly = 2_500_000,
            deprivations = new[] { "waste" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("near_poor", r2027.GetProperty("classification").GetString());
        Assert.Equal(2_800_000, r2027.GetProperty("incomeLine").GetInt64());

        var incomplete = await (await client.PostAsJsonAsync("/api/poverty/classify", new { date = "2026-06-01", area = "rural", deprivations = Array.Empty<string>() }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("incomplete", incomplete.GetProperty("classification").GetString());

        // The two shipped standards, in order; another test may have added a later one to the shared database.
        var standards = (await client.GetFromJsonAsync<JsonElement[]>("/api/poverty/standards"))!
            .Where(s => s.GetProperty("code").GetString() is "2022-2026" or "2027-2030").ToList();
        Assert.Equal(["2022-2026", "2027-2030"], standards.Select(s => s.GetProperty("code").GetString()));
        Assert.True(standards[1].GetProperty("provisional").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Bad_classification_input_is_a_400_naming_the_field(string engine)
    {
        var client = await TestApp.For(engine).UserAsync("viewer", null);
        async Task<JsonElement> Errors(object body)
        {
            var response = await client.PostAsJsonAsync("/api/poverty/classify", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        }
        Assert.True((await Errors(new { date = "2026-01-01", area = "rural", incomePerPersonMonthly = -5 })).TryGetProperty("incomePerPersonMonthly", out _));
        Assert.True((await Errors(new { date = "2026-01-01", area = "rural", incomePerPersonMonthly = 1000, deprivations = new[] { "unicorns" } })).TryGetProperty("deprivations", out _));
        Assert.True((await Errors(new { date = "2026-01-01", area = "rural", incomePerPersonMonthly = 1_000_000, incomeScore = 300 })).TryGetProperty("incomeScore", out _));
        Assert.True((await Errors(new { date = "2019-01-01", area = "rural", incomePerPersonMonthly = 1000 })).TryGetProperty("date", out _));
        Assert.True((await Errors(new { date = "2026-01-01", area = "moon", incomePerPersonMonthly = 1000 })).TryGetProperty("area", out _));
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task An_administrator_corrects_confirms_and_adds_standards_without_a_release(string engine)
    {
        var app = TestApp.For(engine);
        var admin = await app.AdminAsync();
        var officer = await app.UserAsync("officer", "00004");
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PutAsJsonAsync("/api/poverty/standards/2027-2030", new { ruralAverageUpper = 3_300_000 })).StatusCode);

        var updated = await admin.PutAsJsonAsync("/api/poverty/standards/2027-2030", new { ruralAverageUpper = 3_300_000, confirm = new[] { "Indicators" } });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var view = await updated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3_300_000, view.GetProperty("ruralAverageUpper").GetInt64());
        Assert.DoesNotContain("Indicators", view.GetProperty("provisionalFields").GetString(), StringComparison.Ordinal);
        var classified = await (await admin.PostAsJsonAsync("/api/poverty/classify", new { date = "2028-01-01", area = "rural", incomePerPersonMonthly = 3_000_000, deprivations = Array.Empty<string>() }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("average_living", classified.GetProperty("classification").GetString());

        var overlap = await admin.PostAsJsonAsync("/api/poverty/standards", new
        {
            code = "X-2030",
            validFrom = "2030-01-01",
            validTo = "2031-12-31",
            ruralIncomeLine = 3_000_000,
            urbanIncomeLine = 3_500_000,
            indicators = new[] { "water" },
            legalSource = "Nghị định thử",
        });
        Assert.Equal(HttpStatusCode.BadRequest, overlap.StatusCode);
        Assert.Contains("2027-2030", await overlap.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var added = await admin.PostAsJsonAsync("/api/poverty/standards", new
        {
            code = "2031-2035",
            validFrom = "2031-01-01",
            validTo = "2035-12-31",
            ruralIncomeLine = 3_000_000,
            urbanIncomeLine = 3_600_000,
            poorMinDeprivations = 3,
            ruralScoreThreshold = 140,
            urbanScoreThreshold = 175,
            indicators = new[] { "employment", "water", "sanitation", "waste" },
            legalSource = "Nghị định (dự kiến) về chuẩn nghèo 2031–2035",
        });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.True((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("provisional").GetBoolean());
        var future = await (await admin.PostAsJsonAsync("/api/poverty/classify", new { date = "2032-05-01", area = "urban", incomePerPersonMonthly = 3_500_000, deprivations = new[] { "water", "sanitation", "waste" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("poor", future.GetProperty("classification").GetString());
        Assert.Equal("2031-2035", future.GetProperty("standard").GetString());

        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/audit?entityId=2027-2030");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "poverty_standard.update");
    }
}
