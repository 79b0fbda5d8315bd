using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using AnSinh.Cli;
using AnSinh.Platform.Identity;
using AnSinh.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnSinh.Tests.Integration;

public sealed class AuthAndAuditTests
{
    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Repeated_failed_sign_ins_lock_the_account(string engine)
    {
        var app = TestApp.For(engine);
        var admin = await app.AdminAsync();
        var name = TestData.Unique("lock");
        (await admin.PostAsJsonAsync("/api/users", new { userName = name, password = "Pass-word-123", role = "viewer" })).EnsureSuccessStatusCode();
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/auth/login", new { userName = name, password = "wrong-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        var right = await client.PostAsJsonAsync("/api/auth/login", new { userName = name, password = "Pass-word-123" });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("khoá", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Two_factor_sign_in_needs_the_authenticator_code(string engine)
    {
        var app = TestApp.For(engine);
        var admin = await app.AdminAsync();
        var name = TestData.Unique("tfa");
        (await admin.PostAsJsonAsync("/api/users", new { userName = name, password = "Pass-word-123", role = "viewer" })).EnsureSuccessStatusCode();
        string key;
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByNameAsync(name))!;
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        var client = app.CreateClient();
        var without = await client.PostAsJsonAsync("/api/auth/login", new { userName = name, password = "Pass-word-123" });
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Contains("twoFactorCode", await without.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var with = await client.PostAsJsonAsync("/api/auth/login", new { userName = name, password = "Pass-word-123", twoFactorCode = Totp(key) });
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        Assert.False(string.IsNullOrEmpty((await with.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()));
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Every_write_is_audited_and_verify_audit_detects_an_altered_or_removed_event(string engine)
    {
        var app = TestApp.For(engine);
        var client = await app.AdminAsync();
        var id = (await (await client.PostAsJsonAsync("/api/households", TestData.Household("00004", "Hồ Văn Mười"))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await client.GetFromJsonAsync<JsonElement>($"/api/households/{id}"); // a read of sensitive fields by a person
        var events = await client.GetFromJsonAsync<JsonElement>($"/api/audit?household={id}");
        var actions = events.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("household.create", actions);
        Assert.Contains("person.create", actions);
        Assert.Contains("read.sensitive", actions);

        var args = new[] { "verify-audit", "--provider", engine, "--connection", TestApp.ConnectionFor(engine) };
        var output = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync(args, output, output));
        Assert.Contains("nguyên vẹn", output.ToString(), StringComparison.Ordinal);

        // Tamper with one event, then restore it; then remove one, then put it back.
        var db = app.NewDb(out var scope);
        using (scope)
        {
            var target = await db.AuditEvents.AsNoTracking().Where(e => e.EntityId == id).OrderBy(e => e.Id).FirstAsync();
            await db.AuditEvents.Where(e => e.Id == target.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.After, "{\"address\":\"forged\"}"));
            var tampered = new StringWriter();
            Assert.NotEqual(0, await CliApp.RunAsync(args, tampered, tampered));
            Assert.Contains($"Sự kiện {target.Id}", tampered.ToString(), StringComparison.Ordinal);
            await db.AuditEvents.Where(e => e.Id == target.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.After, target.After));

            await db.AuditEvents.Where(e => e.Id == target.Id).ExecuteDeleteAsync();
            var removed = new StringWriter();
            Assert.NotEqual(0, await CliApp.RunAsync(args, removed, removed));
            Assert.Contains($"Sự kiện {target.Id + 1}", removed.ToString(), StringComparison.Ordinal);
            // Put it back exactly as it was: the chain verifies again.
            object? userId = engine == "sqlite" ? target.UserId?.ToString().ToUpperInvariant() : target.UserId;
            await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO audit_events (\"Id\", \"At\", \"UserId\", \"UserName\", \"Action\", \"EntityType\", \"EntityId\", \"UnitCode\", \"Before\", \"After\", \"PreviousHash\", \"Hash\") VALUES ({target.Id}, {target.At}, {userId}, {target.UserName}, {target.Action}, {target.EntityType}, {target.EntityId}, {target.UnitCode}, {target.Before}, {target.After}, {target.PreviousHash}, {target.Hash})");
        }
        var restored = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync(args, restored, restored));
    }

    /// <summary>RFC 6238 time-based code, as an authenticator app computes it.</summary>
    internal static string Totp(string base32Key)
    {
        var key = Base32(base32Key);
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var code = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (code % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string s)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in s.TrimEnd('=').ToUpperInvariant())
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }
        return output.ToArray();
    }
}
