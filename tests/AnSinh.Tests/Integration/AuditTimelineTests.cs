using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Tests.Infrastructure;

namespace AnSinh.Tests.Integration;

/// <summary>The audit log's filters (record, user, unit, action, kind, days of Vietnam's calendar), applied in the database, on both engines.</summary>
public sealed class AuditTimelineTests
{
    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task The_audit_log_filters_by_record_user_unit_action_kind_and_day(string engine)
    {
        var app = TestApp.For(engine);
        var admin = await app.AdminAsync();
        var created = await (await admin.PostAsJsonAsync("/api/households", TestData.Household("00004", "Lò Văn Kiểm"))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;
        var code = created.GetProperty("code").GetString()!;
        var version = (await admin.GetFromJsonAsync<JsonElement>($"/api/households/{id}")).GetProperty("version").GetInt32(); // a sensitive read
        var officerName = TestData.Unique("kiemtra");
        (await admin.PostAsJsonAsync("/api/users", new { userName = officerName, password = "Pass-word-123", role = "officer", scopeUnitCode = "00004" })).EnsureSuccessStatusCode();
        var officer = await app.ClientAsAsync(officerName, "Pass-word-123");
        var put = await officer.PutAsJsonAsync($"/api/households/{id}", new { address = "Số 99, phố Kiểm Tra", version, reason = "Sửa địa chỉ" });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

        // By the household's code: the household's events and its members', in words.
        var byCode = await Items(admin, $"record=00004-{code}");
        Assert.Contains(byCode, e => e.Action == "household.create");
        Assert.Contains(byCode, e => e.Action == "person.create");
        var update = Assert.Single(byCode, e => e.Action == "household.update");
        Assert.Equal("Sửa hộ gia đình", update.ActionName);
        Assert.Equal($"HGĐ 00004-{code} (Lò Văn Kiểm)", update.RecordName);
        Assert.Equal(officerName, update.UserName);
        Assert.Equal(byCode.Select(e => e.Id), (await Items(admin, $"household={id}")).Select(e => e.Id));
        Assert.Equal(byCode.Select(e => e.Id), (await Items(admin, $"record=HGĐ 00004-{code}")).Select(e => e.Id));

        // Writes and reads apart.
        var writes = await Items(admin, $"household={id}&kind=write");
        Assert.DoesNotContain(writes, e => e.Action == "read.sensitive");
        Assert.All(writes, e => Assert.Equal("write", e.KindName));
        var reads = await Items(admin, $"household={id}&kind=read");
        Assert.NotEmpty(reads);
        Assert.All(reads, e => Assert.Equal("read", e.KindName));
        Assert.Equal(byCode.Count, writes.Count + reads.Count);

        // By user and action.
        Assert.Equal([update.Id], (await Items(admin, $"household={id}&user={officerName}")).Select(e => e.Id));
        Assert.DoesNotContain(await Items(admin, $"household={id}&user=admin"), e => e.Id == update.Id);
        Assert.Equal([update.Id], (await Items(admin, $"household={id}&action=household.update")).Select(e => e.Id));

        // By unit: the commune, not another province.
        Assert.Equal(byCode.Count, (await Items(admin, $"household={id}&unit=00004")).Count);
        Assert.Empty(await Items(admin, $"household={id}&unit=14"));

        // By days of Vietnam's calendar (UTC+7), both ends included.
        var day = DateOnly.FromDateTime(update.At.ToUniversalTime().AddHours(7));
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Contains(await Items(admin, $"household={id}&from={D(day)}&to={D(day)}"), e => e.Id == update.Id);
        Assert.DoesNotContain(await Items(admin, $"household={id}&to={D(day.AddDays(-1))}"), e => e.Id == update.Id);
        Assert.DoesNotContain(await Items(admin, $"household={id}&from={D(day.AddDays(1))}"), e => e.Id == update.Id);

        // An unknown household code is said so, in Vietnamese.
        var unknown = await admin.GetAsync("/api/audit?record=00004-ZZ9999");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Không có hộ gia đình mã 00004-ZZ9999", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task An_officer_may_not_read_the_audit_log(string engine)
    {
        var officer = await TestApp.For(engine).UserAsync("officer", "00004");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/audit")).StatusCode);
    }

    private sealed record Event(long Id, DateTime At, string UserName, string Action, string ActionName, string RecordName, string KindName);

    private static async Task<List<Event>> Items(HttpClient client, string query)
    {
        var json = await client.GetFromJsonAsync<JsonElement>("/api/audit?" + query);
        return json.GetProperty("items").EnumerateArray().Select(e => new Event(
            e.GetProperty("id").GetInt64(), e.GetProperty("at").GetDateTime(), e.GetProperty("userName").GetString()!, e.GetProperty("action").GetString()!,
            e.GetProperty("actionName").GetString()!, e.GetProperty("recordName").GetString()!, e.GetProperty("kindName").GetString()!)).ToList();
    }
}
