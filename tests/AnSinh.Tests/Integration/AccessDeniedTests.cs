using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AnSinh.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AnSinh.Tests.Integration;

/// <summary>
/// A signed-in user who opens a page their role does not allow gets a 403 page that says so (in
/// Vietnamese, with a link home), not the sign-in form; a signed-out user still gets the sign-in
/// form, and the API still answers 403 with a problem document.
/// </summary>
public sealed partial class AccessDeniedTests
{
    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_signed_in_officer_opening_the_audit_gets_a_403_page_not_the_sign_in_form(string engine)
    {
        var app = TestApp.For(engine);
        var admin = await app.AdminAsync();
        var name = TestData.Unique("od");
        (await admin.PostAsJsonAsync("/api/users", new { userName = name, password = "Pass-word-123", role = "officer", scopeUnitCode = "00004" })).EnsureSuccessStatusCode();
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = Token().Match(await browser.GetStringAsync("/login")).Groups[1].Value;
        var login = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = name,
            ["password"] = "Pass-word-123",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        foreach (var (page, says) in new[] { ("/audit", "kiểm tra, giám sát và quản trị hệ thống"), ("/users", "chỉ dành cho quản trị hệ thống") })
        {
            var denied = await browser.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            var location = Local(denied.Headers.Location!);
            Assert.StartsWith("/access-denied", location, StringComparison.Ordinal);
            var shown = await browser.GetAsync(location);
            Assert.Equal(HttpStatusCode.Forbidden, shown.StatusCode);
            var html = WebUtility.HtmlDecode(await shown.Content.ReadAsStringAsync());
            Assert.Contains("Không có quyền truy cập", html, StringComparison.Ordinal);
            Assert.Contains(says, html, StringComparison.Ordinal);
            Assert.Contains("href=\"/\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("name=\"password\"", html, StringComparison.Ordinal);
        }

        // A page the officer may open still opens; the API answers 403 with a problem document.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        var api = await browser.GetAsync("/api/audit");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        // Signed out: the sign-in form, as before.
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var challenged = await anonymous.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.Redirect, challenged.StatusCode);
        Assert.StartsWith("/login", Local(challenged.Headers.Location!), StringComparison.Ordinal);
    }

    private static string Local(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
