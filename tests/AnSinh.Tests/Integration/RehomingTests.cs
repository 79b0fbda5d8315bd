using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Platform.Excel;
using AnSinh.Registry.Import;
using AnSinh.Tests.Infrastructure;

namespace AnSinh.Tests.Integration;

public sealed class RehomingTests
{
    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Households_of_an_old_commune_move_to_the_new_one_and_keep_their_history(string engine)
    {
        var app = TestApp.For(engine);
        var client = await app.AdminAsync();
        // 00013 Phường Quán Thánh went wholly into 00004 Phường Ba Đình; 00016 Phường Ngọc Hà was split.
        var tag = TestData.Unique("Cũ");
        var whole = TestData.Unique("W");
        var split = TestData.Unique("S");
        var noVillage = TestData.Unique("V");
        var ms = new MemoryStream();
        using (var w = new XlsxWriter(ms, "x"))
        {
            w.WriteHeader(ImportTemplate.Headers);
            w.WriteRow(["00013", whole, "Tổ 3", "Số 1 Quán Thánh", $"Chu Văn {tag}", "Nam", "1960", null, "Kinh", "Chủ hộ", null, null, null]);
            w.WriteRow(["00016", split, "Tổ 9", "Số 2 Ngọc Hà", $"Chu Thị {tag}", "Nữ", "1961", null, "Kinh", "Chủ hộ", null, null, null]);
            w.WriteRow(["00016", noVillage, "", "Số 3 Ngọc Hà", $"Chu Văn Ba {tag}", "Nam", "1962", null, "Kinh", "Chủ hộ", null, null, null]);
        }
        using var content = new MultipartFormDataContent { { new ByteArrayContent(ms.ToArray()), "file", "cu.xlsx" }, { new StringContent("all_or_nothing"), "mode" } };
        var jobId = (await (await client.PostAsync("/api/import/households", content)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString();
        for (var i = 0; i < 300 && (await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}")).GetProperty("status").GetString() is "queued" or "running"; i++)
        {
            await Task.Delay(100);
        }

        var auto = await client.PostAsync("/api/rehoming/auto", null);
        auto.EnsureSuccessStatusCode();
        Assert.True((await auto.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").GetInt32() >= 1);

        var persons = await client.GetFromJsonAsync<JsonElement>($"/api/persons?q={Uri.EscapeDataString("chu van " + tag)}");
        var movedId = persons.GetProperty("items")[0].GetProperty("householdId").GetString();
        var moved = await client.GetFromJsonAsync<JsonElement>($"/api/households/{movedId}");
        Assert.Equal("00004", moved.GetProperty("communeCode").GetString());
        var locations = moved.GetProperty("locations").EnumerateArray().Select(l => l.GetProperty("communeCode").GetString()).ToList();
        Assert.Equal(["00013", "00004"], locations);
        Assert.Equal("Tổ 3", moved.GetProperty("village").GetString());
        var villages = await client.GetFromJsonAsync<JsonElement[]>("/api/admin-units/00004/villages");
        Assert.Contains(villages!, v => v.GetProperty("name").GetString() == "Tổ 3");
        var asBefore = await client.GetFromJsonAsync<JsonElement>($"/api/households/{movedId}?asOf=2025-06-30");
        Assert.Equal("00013", asBefore.GetProperty("communeCode").GetString());

        var worklist = await client.GetFromJsonAsync<JsonElement[]>("/api/rehoming/worklist");
        var waiting = Assert.Single(worklist!, w => w.GetProperty("code").GetString() == split);
        Assert.Contains(waiting.GetProperty("options").EnumerateArray(), o => o.GetProperty("code").GetString() == "00004");
        var assign = await client.PostAsJsonAsync("/api/rehoming/assign", new { householdId = waiting.GetProperty("householdId").GetString(), newCommuneCode = "00004" });
        assign.EnsureSuccessStatusCode();
        var wrong = await client.PostAsJsonAsync("/api/rehoming/assign", new { householdId = waiting.GetProperty("householdId").GetString(), newCommuneCode = "03910" });
        Assert.Equal(System.Net.HttpStatusCode.Conflict, wrong.StatusCode);

        // By village, including households recorded without one.
        var byVillage = await client.PostAsJsonAsync("/api/rehoming/assign", new { oldCommuneCode = "00016", village = (string?)null, newCommuneCode = "00004" });
        byVillage.EnsureSuccessStatusCode();
        Assert.True((await byVillage.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").GetInt32() >= 1);
        var again = await client.PostAsJsonAsync("/api/rehoming/assign", new { oldCommuneCode = "00016", village = "Thôn không có", newCommuneCode = "00004" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, again.StatusCode);
        var third = await client.GetFromJsonAsync<JsonElement>($"/api/persons?q={Uri.EscapeDataString("chu van ba " + tag)}");
        var thirdHousehold = await client.GetFromJsonAsync<JsonElement>($"/api/households/{third.GetProperty("items")[0].GetProperty("householdId").GetString()}");
        Assert.Equal("00004", thirdHousehold.GetProperty("communeCode").GetString());
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_household_whose_code_is_taken_in_the_new_commune_moves_under_the_next_free_code(string engine)
    {
        var app = TestApp.For(engine);
        var client = await app.AdminAsync();
        var code = TestData.Unique("R");
        var tag = TestData.Unique("Trùng");
        // The new commune 00004 already has the code; the old commune 00013 (wholly into 00004) has it too.
        var taken = await client.PostAsJsonAsync("/api/households", new
        {
            communeCode = "00004",
            code,
            village = "",
            address = "Số 5 Phan Đình Phùng",
            members = new object[] { new { fullName = $"Vũ Văn Mới {tag}", sex = "male", birthDate = "1970-01-01", ethnicity = "Kinh", relationship = "head" } },
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, taken.StatusCode);
        var ms = new MemoryStream();
        using (var w = new XlsxWriter(ms, "x"))
        {
            w.WriteHeader(ImportTemplate.Headers);
            w.WriteRow(["00013", code, "Tổ 4", "Số 9 Quán Thánh", $"Vũ Văn Cũ {tag}", "Nam", "1961", null, "Kinh", "Chủ hộ", null, null, null]);
        }
        using var content = new MultipartFormDataContent { { new ByteArrayContent(ms.ToArray()), "file", "cu.xlsx" }, { new StringContent("all_or_nothing"), "mode" } };
        var jobId = (await (await client.PostAsync("/api/import/households", content)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString();
        for (var i = 0; i < 300 && (await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}")).GetProperty("status").GetString() is "queued" or "running"; i++)
        {
            await Task.Delay(100);
        }

        var auto = await client.PostAsync("/api/rehoming/auto", null);
        Assert.True(auto.IsSuccessStatusCode, await auto.Content.ReadAsStringAsync());

        var persons = await client.GetFromJsonAsync<JsonElement>($"/api/persons?q={Uri.EscapeDataString("vu van cu " + tag)}");
        var movedId = persons.GetProperty("items")[0].GetProperty("householdId").GetString();
        var moved = await client.GetFromJsonAsync<JsonElement>($"/api/households/{movedId}");
        Assert.Equal("00004", moved.GetProperty("communeCode").GetString());
        var newCode = moved.GetProperty("code").GetString();
        Assert.NotEqual(code, newCode);
        var rehomed = moved.GetProperty("events").EnumerateArray().Single(e => string.Equals(e.GetProperty("kind").GetString(), "rehomed", StringComparison.OrdinalIgnoreCase));
        Assert.Contains($"mã hộ {code} đã có ở xã mới nên hộ nhận mã {newCode}", rehomed.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}

