using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Tests.Infrastructure;

namespace AnSinh.Tests.Integration;

public sealed class AdminMapTests
{
    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Both_maps_are_loaded_with_their_official_counts(string engine)
    {
        var client = TestApp.For(engine).CreateClient();
        async Task<int> Count(string level, string date) =>
            (await client.GetFromJsonAsync<JsonElement[]>($"/api/admin-units?level={level}&date={date}&limit=20000"))!.Length;

        Assert.Equal(63, await Count("province", "2025-06-30"));
        Assert.Equal(696, await Count("district", "2025-06-30"));
        Assert.Equal(10_035, await Count("commune", "2025-06-30"));
        Assert.Equal(34, await Count("province", "2025-07-01"));
        Assert.Equal(0, await Count("district", "2025-07-01"));
        Assert.Equal(3_321, await Count("commune", "2026-01-01"));
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Units_are_found_by_name_without_diacritics_and_show_what_they_became(string engine)
    {
        var client = TestApp.For(engine).CreateClient();
        var found = await client.GetFromJsonAsync<JsonElement[]>("/api/admin-units?level=commune&q=phuong%20ba%20dinh&date=2025-07-01");
        var unit = Assert.Single(found!, u => u.GetProperty("code").GetString() == "00004");
        Assert.Equal("Phường Ba Đình", unit.GetProperty("fullName").GetString());
        Assert.Equal("2025-07-01", unit.GetProperty("validFrom").GetString());

        // Phường Ngọc Hà (00016) of the old map was split: part of it went into Phường Ba Đình.
        var successors = await client.GetFromJsonAsync<JsonElement[]>("/api/admin-units/00016/successors");
        Assert.Contains(successors!, s => s.GetProperty("code").GetString() == "00004" && s.GetProperty("kind").GetString() == "partial");
        var predecessors = await client.GetFromJsonAsync<JsonElement[]>("/api/admin-units/00004/predecessors");
        Assert.Contains(predecessors!, s => s.GetProperty("code").GetString() == "00013" && s.GetProperty("kind").GetString() == "full");
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task An_unknown_level_is_a_clear_400(string engine)
    {
        var client = TestApp.For(engine).CreateClient();
        var response = await client.GetAsync("/api/admin-units?level=hamlet");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Cấp phải là", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class ListExportTests
{
    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Unit_and_audit_lists_export_to_xlsx(string engine)
    {
        var app = TestApp.For(engine);
        var admin = await app.AdminAsync();
        var viewer = await app.UserAsync("viewer", null); // written by admin, so the audit has admin's events
        var units = await admin.GetAsync("/api/admin-units/export.xlsx?level=province&date=2025-06-30");
        Assert.Equal(HttpStatusCode.OK, units.StatusCode);
        using (var reader = AnSinh.Platform.Excel.XlsxReader.Open(new MemoryStream(await units.Content.ReadAsByteArrayAsync())))
        {
            var rows = reader.ReadRows().ToList();
            Assert.Equal(64, rows.Count); // header + 63 provinces of the old map
            Assert.Contains(rows, r => r[1] == "Thành phố Hà Nội");
        }
        var audit = await admin.GetAsync("/api/audit/export.xlsx?user=admin");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        using (var reader = AnSinh.Platform.Excel.XlsxReader.Open(new MemoryStream(await audit.Content.ReadAsByteArrayAsync())))
        {
            var rows = reader.ReadRows().Skip(1).ToList();
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.Equal("admin", r[2]));
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/audit/export.xlsx")).StatusCode);
    }
}
