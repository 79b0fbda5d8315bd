using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Tests.Infrastructure;

namespace AnSinh.Tests.Integration;

/// <summary>Lists sorted in the database by the column asked for; an unknown column is refused in Vietnamese.</summary>
public sealed class ListSortTests
{
    private const string Commune = "00004";

    private static async Task<string> ThreeHouseholdsAsync(HttpClient client)
    {
        var token = TestData.Unique("Sapxep");
        var extra = (string name) => new { fullName = name, sex = "female", birthDate = "2001", ethnicity = "Kinh", relationship = "child" };
        foreach (var (head, others) in new[] { ($"Lê {token} An", new object[] { extra("Lê Thị Một"), extra("Lê Thị Hai") }), ($"Lê {token} Bình", []), ($"Lê {token} Cường", new object[] { extra("Lê Thị Ba") }) })
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/households", TestData.Household(Commune, head, others))).StatusCode);
        }
        return token;
    }

    private static async Task<List<string>> HeadsAsync(HttpClient client, string url) =>
        (await client.GetFromJsonAsync<JsonElement>(url)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("headName").GetString()!).ToList();

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Households_are_sorted_by_the_column_asked_for_both_ways(string engine)
    {
        var app = TestApp.For(engine);
        var client = await app.AdminAsync();
        var token = await ThreeHouseholdsAsync(client);
        var q = Uri.EscapeDataString(token.ToLowerInvariant());

        var asc = await HeadsAsync(client, $"/api/households?communeCode={Commune}&q={q}&sort=head&dir=asc");
        Assert.Equal([$"Lê {token} An", $"Lê {token} Bình", $"Lê {token} Cường"], asc);
        var descending = await HeadsAsync(client, $"/api/households?communeCode={Commune}&q={q}&sort=head&dir=desc");
        Assert.Equal([$"Lê {token} Cường", $"Lê {token} Bình", $"Lê {token} An"], descending);
        var byMembers = await HeadsAsync(client, $"/api/households?communeCode={Commune}&q={q}&sort=members&dir=desc");
        Assert.Equal([$"Lê {token} An", $"Lê {token} Cường", $"Lê {token} Bình"], byMembers);

        var paged = await client.GetFromJsonAsync<JsonElement>($"/api/households?communeCode={Commune}&q={q}&sort=head&dir=desc&page=2&pageSize=2");
        Assert.Equal(3, paged.GetProperty("total").GetInt32());
        Assert.Equal($"Lê {token} An", Assert.Single(paged.GetProperty("items").EnumerateArray()).GetProperty("headName").GetString());

        var people = (await client.GetFromJsonAsync<JsonElement>($"/api/persons?communeCode={Commune}&q={Uri.EscapeDataString("le " + token.ToLowerInvariant())}&sort=name&dir=desc"))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("fullName").GetString()).ToList();
        Assert.Equal([$"Lê {token} Cường", $"Lê {token} Bình", $"Lê {token} An"], people);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task An_unknown_sort_is_refused_in_Vietnamese(string engine)
    {
        var app = TestApp.For(engine);
        var client = await app.AdminAsync();
        foreach (var url in new[] { "/api/households?sort=password", "/api/persons?sort=password", "/api/households?sort=code&dir=sideways", "/api/households/export.xlsx?sort=password" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains(url.Contains("dir=") ? "Chiều sắp xếp" : "Không sắp xếp được theo “password”", body);
        }
    }
}
