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
            date = "2026-06-01", area = "rural", incomePerPersonMonthly = 1_400_000, incomeScore = (int?)null, deprivations = new[] { "water", "sanitation", "telecom" },
        });
        Assert.Equal(HttpStatusCode.OK, r2026.StatusCode);
        var body = await r2026.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("poor", body.GetProperty("classification").GetString());
        Assert.Equal("2022-2026", body.GetProperty("standard").GetString());
        Assert.Equal(1_500_000, body.GetProperty("incomeLine").GetInt64());
        Assert.Equal(3, body.GetProperty("deprivationCount").GetInt32());

        var r2027 = await (await client.PostAsJsonAsync("/api/poverty/classify", new
        {
            date = "2027-03-01", area = "urban", incomePerPersonMonthly = 2_500_000, deprivations = new[] { "waste" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("near_poor", r2027.GetProperty("classification").GetString());
        Assert.Equal(2_800_000, r2027.GetProperty("incomeLine").GetInt64());

        var incomplete = await (await client.PostAsJsonAsync("/api/poverty/classify", new { date = "2026-06-01", area = "rural", deprivations = Array.Empty<string>() }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("incomplete", incomplete.GetProperty("classification").GetString());

        var standards = await client.GetFromJsonAsync<JsonElement[]>("/api/poverty/standards");
        Assert.Equal(["2022-2026", "2027-2030"], standards!.Select(s => s.GetProperty("code").GetString()));
        Assert.True(standards![1].GetProperty("provisional").GetBoolean());
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
}
