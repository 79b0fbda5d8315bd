using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Tests.Infrastructure;

namespace AnSinh.Tests.Integration;

public sealed class HouseholdApiTests
{
    private const string Commune = "00004";

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_registered_household_is_read_back_and_found_by_name_without_diacritics(string engine)
    {
        var app = TestApp.For(engine);
        var client = await app.AdminAsync();
        var given = TestData.Unique("Khoa");
        var head = $"Nguyễn Văn {given}";
        var response = await client.PostAsJsonAsync("/api/households", TestData.Household(Commune, head,
            new { fullName = "Trần Thị Hồng", sex = "female", birthDate = "1978", nationalId = TestData.NationalId(false, 1978), ethnicity = "Kinh", relationship = "spouse" },
            new { fullName = "Nguyễn Thị Mai", sex = "female", birthDate = "2005-09", ethnicity = "Kinh", relationship = "child" }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        Assert.False(string.IsNullOrEmpty(created.GetProperty("code").GetString()));

        var household = await client.GetFromJsonAsync<JsonElement>($"/api/households/{id}");
        Assert.Equal(head, household.GetProperty("headName").GetString());
        Assert.True(household.GetProperty("isUrban").GetBoolean()); // a phường is urban
        var members = household.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(3, members.Count);
        Assert.Contains(members, m => m.GetProperty("birthDate").GetString() == "1978"); // partial dates kept as given
        Assert.Contains(members, m => m.GetProperty("birthDate").GetString() == "2005-09");

        var search = await client.GetFromJsonAsync<JsonElement>($"/api/persons?q={Uri.EscapeDataString("nguyen van " + given.ToLowerInvariant())}");
        var item = Assert.Single(search.GetProperty("items").EnumerateArray());
        Assert.Equal(head, item.GetProperty("fullName").GetString());
        Assert.Equal(id, item.GetProperty("householdId").GetString());
        Assert.Equal(1, search.GetProperty("total").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_written(string engine)
    {
        var app = TestApp.For(engine);
        var client = await app.AdminAsync();
        var before = (await client.GetFromJsonAsync<JsonElement>($"/api/households?communeCode={Commune}")).GetProperty("total").GetInt32();
        var existingId = TestData.NationalId(true, 1980);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/households", new
        {
            communeCode = Commune,
            address = "Số 1",
            members = new[] { new { fullName = "Lê Văn Cũ", sex = "male", birthDate = "1980", nationalId = existingId, relationship = "head" } },
        })).StatusCode);

        var response = await client.PostAsJsonAsync("/api/households", new
        {
            communeCode = Commune,
            address = "Số 2",
            members = new object[]
            {
                new { fullName = "Phạm Văn A", sex = "male", birthDate = "1980", nationalId = "12345", relationship = "head" },
                new { fullName = "Phạm Thị B", sex = "female", birthDate = "1985", nationalId = TestData.NationalId(true, 1985), relationship = "spouse" },
                new { fullName = "Phạm Văn C", sex = "male", birthDate = "2090", relationship = "child" },
                new { fullName = "Phạm Văn D", sex = "male", birthDate = "1990", ethnicity = "Người sao Hoả", relationship = "child" },
                new { fullName = "Phạm Văn E", sex = "male", birthDate = "1980", nationalId = existingId, relationship = "head" },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Contains("12 chữ số", errors.GetProperty("members[0].nationalId")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("nam", errors.GetProperty("members[1].nationalId")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("tương lai", errors.GetProperty("members[2].birthDate")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("54 dân tộc", errors.GetProperty("members[3].ethnicity")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("đã có", errors.GetProperty("members[4].nationalId")[0].GetString(), StringComparison.Ordinal);

        var noHead = await client.PostAsJsonAsync("/api/households", new
        {
            communeCode = "99999",
            address = "Số 3",
            members = new[] { new { fullName = "Võ Văn F", sex = "male", birthDate = "1970", relationship = "child" } },
        });
        var noHeadErrors = (await noHead.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("chưa có chủ hộ", noHeadErrors.GetProperty("members")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("99999", noHeadErrors.GetProperty("communeCode")[0].GetString(), StringComparison.Ordinal);

        var legacy = await client.PostAsJsonAsync("/api/households", new
        {
            communeCode = Commune,
            address = "Số 4",
            members = new[] { new { fullName = "NguyÔn V¨n An", sex = "male", birthDate = "1970", relationship = "head" } },
        });
        Assert.Contains("TCVN3", await legacy.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var malformed = await client.PostAsync("/api/households", new StringContent("{\"members\": 5", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var badQuery = await client.GetAsync("/api/persons?minAge=abc");
        Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);
        var badQueryText = await badQuery.Content.ReadAsStringAsync();
        Assert.Contains("không đọc được", badQueryText, StringComparison.Ordinal);
        Assert.Contains("MinAge", badQueryText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/households/{Guid.NewGuid()}?asOf=2026-13-01")).StatusCode);

        var after = (await client.GetFromJsonAsync<JsonElement>($"/api/households?communeCode={Commune}")).GetProperty("total").GetInt32();
        Assert.Equal(before + 1, after);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task The_second_of_two_concurrent_edits_is_refused_as_stale(string engine)
    {
        var app = TestApp.For(engine);
        var first = await app.UserAsync("officer", Commune);
        var second = await app.UserAsync("officer", Commune);
        var created = await (await first.PostAsJsonAsync("/api/households", TestData.Household(Commune, "Đỗ Văn Hai"))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        var version = (await first.GetFromJsonAsync<JsonElement>($"/api/households/{id}")).GetProperty("version").GetInt32();

        var ok = await first.PutAsJsonAsync($"/api/households/{id}", new { address = "Số 5 mới", version });
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        var stale = await second.PutAsJsonAsync($"/api/households/{id}", new { address = "Số 6 khác", version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("tải lại", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var now = await first.GetFromJsonAsync<JsonElement>($"/api/households/{id}");
        Assert.Equal("Số 5 mới", now.GetProperty("address").GetString());
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Life_events_are_dated_and_the_household_can_be_seen_as_it_was(string engine)
    {
        var app = TestApp.For(engine);
        var client = await app.AdminAsync();
        var today = DateOnly.FromDateTime(TestData.Today);
        var created = await (await client.PostAsJsonAsync("/api/households", new
        {
            communeCode = Commune,
            address = "Số 3",
            date = today.AddDays(-30).ToString("yyyy-MM-dd"),
            members = new object[]
            {
                new { fullName = "Bùi Văn Ba", sex = "male", birthDate = "1975", relationship = "head" },
                new { fullName = "Bùi Thị Tư", sex = "female", birthDate = "1950", relationship = "parent" },
            },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        var household = await client.GetFromJsonAsync<JsonElement>($"/api/households/{id}");
        var grandmother = household.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("relationship").GetString() == "parent").GetProperty("id").GetString();

        var birth = await client.PostAsJsonAsync($"/api/households/{id}/members", new
        {
            kind = "birth",
            date = today.ToString("yyyy-MM-dd"),
            member = new { fullName = "Bùi Văn Năm", sex = "male", birthDate = today.ToString("yyyy-MM-dd"), relationship = "child" },
        });
        Assert.Equal(HttpStatusCode.Created, birth.StatusCode);
        var deathBeforeBirth = await client.PostAsJsonAsync($"/api/persons/{grandmother}/death", new { date = "1949-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, deathBeforeBirth.StatusCode);
        var death = await client.PostAsJsonAsync($"/api/persons/{grandmother}/death", new { date = today.ToString("yyyy-MM-dd"), reason = "Già yếu" });
        Assert.Equal(HttpStatusCode.NoContent, death.StatusCode);

        var now = await client.GetFromJsonAsync<JsonElement>($"/api/households/{id}");
        Assert.Contains(now.GetProperty("members").EnumerateArray(), m => m.GetProperty("status").GetString() == "deceased");
        var kinds = now.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["Registered", "Birth", "Death"], kinds);

        var yesterday = await client.GetFromJsonAsync<JsonElement>($"/api/households/{id}?asOf={today.AddDays(-1):yyyy-MM-dd}");
        var names = yesterday.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("fullName").GetString()).ToList();
        Assert.Contains("Bùi Thị Tư", names);
        Assert.DoesNotContain("Bùi Văn Năm", names);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_split_moves_members_into_a_new_household_with_its_own_head(string engine)
    {
        var app = TestApp.For(engine);
        var client = await app.AdminAsync();
        var created = await (await client.PostAsJsonAsync("/api/households", TestData.Household(Commune, "Hà Văn Sáu",
            new { fullName = "Hà Văn Bảy", sex = "male", birthDate = "1998", nationalId = TestData.NationalId(true, 1998), relationship = "child" },
            new { fullName = "Lê Thị Tám", sex = "female", birthDate = "1999", relationship = "other" }))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        var members = (await client.GetFromJsonAsync<JsonElement>($"/api/households/{id}")).GetProperty("members").EnumerateArray().ToList();
        var son = members.Single(m => m.GetProperty("fullName").GetString() == "Hà Văn Bảy").GetProperty("id").GetGuid();
        var wife = members.Single(m => m.GetProperty("fullName").GetString() == "Lê Thị Tám").GetProperty("id").GetGuid();

        var split = await client.PostAsJsonAsync($"/api/households/{id}/split", new { personIds = new[] { son, wife }, newHeadId = son, reason = "Lập gia đình" });
        Assert.Equal(HttpStatusCode.Created, split.StatusCode);
        var newId = (await split.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var newHousehold = await client.GetFromJsonAsync<JsonElement>($"/api/households/{newId}");
        Assert.Equal("Hà Văn Bảy", newHousehold.GetProperty("headName").GetString());
        Assert.Equal(2, newHousehold.GetProperty("members").GetArrayLength());
        var old = await client.GetFromJsonAsync<JsonElement>($"/api/households/{id}");
        Assert.Equal(1, old.GetProperty("members").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task When_the_head_dies_a_son_takes_over_and_the_others_are_re_mapped_to_him(string engine)
    {
        var app = TestApp.For(engine);
        var client = await app.AdminAsync();
        var head = $"Lò Văn {TestData.Unique("Một")}";
        var created = await (await client.PostAsJsonAsync("/api/households", TestData.Household(Commune, head,
            new { fullName = "Quàng Thị Ba", sex = "female", birthDate = "1978", relationship = "spouse" },
            new { fullName = "Lò Văn Hai", sex = "male", birthDate = "2000", relationship = "child" },
            new { fullName = "Lò Thị Bốn", sex = "female", birthDate = "2004", relationship = "child" },
            new { fullName = "Lò Văn Năm", sex = "male", birthDate = "2022", relationship = "grandchild" }))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        var members = (await client.GetFromJsonAsync<JsonElement>($"/api/households/{id}")).GetProperty("members").EnumerateArray().ToList();
        Guid Of(string name) => members.Single(m => m.GetProperty("fullName").GetString() == name).GetProperty("id").GetGuid();
        var headId = Of(head);
        var today = DateOnly.FromDateTime(TestData.Today).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // The new head must be another living member of the household; nothing is written otherwise.
        var self = await client.PostAsJsonAsync($"/api/persons/{headId}/death", new { date = today, newHeadId = headId });
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Contains("Chủ hộ mới", (await self.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("newHeadId")[0].GetString(), StringComparison.Ordinal);
        var notHead = await client.PostAsJsonAsync($"/api/persons/{Of("Lò Thị Bốn")}/death", new { date = today, newHeadId = Of("Lò Văn Hai") });
        Assert.Equal(HttpStatusCode.BadRequest, notHead.StatusCode);
        var unchanged = await client.GetFromJsonAsync<JsonElement>($"/api/households/{id}");
        Assert.Equal(head, unchanged.GetProperty("headName").GetString());
        Assert.All(unchanged.GetProperty("members").EnumerateArray(), m => Assert.Equal("resident", m.GetProperty("status").GetString()));

        var death = await client.PostAsJsonAsync($"/api/persons/{headId}/death", new { date = today, reason = "Bệnh", newHeadId = Of("Lò Văn Hai") });
        Assert.Equal(HttpStatusCode.NoContent, death.StatusCode);

        var now = await client.GetFromJsonAsync<JsonElement>($"/api/households/{id}");
        Assert.Equal("Lò Văn Hai", now.GetProperty("headName").GetString());
        var relationship = now.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("fullName").GetString()!, m => m.GetProperty("relationship").GetString());
        Assert.Equal("head", relationship["Lò Văn Hai"]);
        Assert.Equal("parent", relationship["Quàng Thị Ba"]);
        Assert.Equal("sibling", relationship["Lò Thị Bốn"]);
        Assert.Equal("other", relationship["Lò Văn Năm"]);
        Assert.Equal("deceased", now.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("fullName").GetString() == head).GetProperty("status").GetString());
        var events = now.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["Death", "HeadChange", "Registered"], events.Select(e => e.GetProperty("kind").GetString()).Order().ToList());
        var change = events.Single(e => e.GetProperty("kind").GetString() == "HeadChange");
        Assert.Equal("Lò Văn Hai", change.GetProperty("personName").GetString());
        Assert.Contains("Quàng Thị Ba: Vợ/chồng → Bố/mẹ", change.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_death_recorded_without_a_new_head_is_still_accepted_as_before(string engine)
    {
        var app = TestApp.For(engine);
        var client = await app.AdminAsync();
        var head = $"Đinh Văn {TestData.Unique("Cả")}";
        var created = await (await client.PostAsJsonAsync("/api/households", TestData.Household(Commune, head,
            new { fullName = "Đinh Thị Út", sex = "female", birthDate = "2001", relationship = "child" }))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        var headId = (await client.GetFromJsonAsync<JsonElement>($"/api/households/{id}")).GetProperty("members").EnumerateArray()
            .Single(m => m.GetProperty("relationship").GetString() == "head").GetProperty("id").GetGuid();
        var death = await client.PostAsJsonAsync($"/api/persons/{headId}/death", new { date = DateOnly.FromDateTime(TestData.Today).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.NoContent, death.StatusCode);
        var now = await client.GetFromJsonAsync<JsonElement>($"/api/households/{id}");
        Assert.Equal(["Registered", "Death"], now.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList());
        Assert.Equal("child", now.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("fullName").GetString() == "Đinh Thị Út").GetProperty("relationship").GetString());
    }
}
