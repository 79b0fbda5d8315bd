using System.Net.Http.Json;
using AnSinh.Tests.Infrastructure;

namespace AnSinh.Tests.Integration;

/// <summary>A user made by the administrator whose name the test knows (an approver named on a spending, <c>--as</c> on the command line).</summary>
internal static class NamedUsers
{
    public const string Password = "Pass-word-123";

    public static async Task<(string Name, HttpClient Client)> CreateAsync(TestApp app, string role, string? scope)
    {
        using var admin = await app.AdminAsync();
        var name = $"{role}-{Guid.NewGuid():N}"[..20];
        (await admin.PostAsJsonAsync("/api/users", new { userName = name, password = Password, role, scopeUnitCode = scope })).EnsureSuccessStatusCode();
        return (name, await app.ClientAsAsync(name, Password));
    }
}
