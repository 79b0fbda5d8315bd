using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AnSinh.Cli;
using AnSinh.Platform.Identity;
using AnSinh.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AnSinh.Tests.Integration;

/// <summary>
/// Sign-in holes: redirects go only to this site; a password reset, a role or scope change, a two-factor change
/// and a sign-out end the cookies and bearer tokens issued before; two-factor sign-in changes need the password or a code.
/// </summary>
public sealed class SignInSecurityTests
{
    private const string Password = "Pass-word-123";
    private const string CommuneA = "00004"; // Phường Ba Đình, Hà Nội
    private const string CommuneB = "00008"; // Phường Ngọc Hà, Hà Nội
    private const string ApiProbe = "/api/households?communeCode=" + CommuneA;
    private const string PageProbe = "/households";

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task The_sign_in_page_redirects_only_to_addresses_of_this_site(string engine)
    {
        var app = TestApp.For(engine);
        var (name, _) = await NewUserAsync(app, "viewer", null);
        foreach (var evil in new[] { "/\\evil.example/x", "//evil.example/x", "https://evil.example", "/\t/evil.example/x", "~//evil.example" })
        {
            var login = await new PageSession(app).SignInAsync(name, Password, evil);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.Equal("/", login.Headers.Location?.OriginalString);
        }
        var local = await new PageSession(app).SignInAsync(name, Password, "/households?q=an");
        Assert.Equal("/households?q=an", local.Headers.Location?.OriginalString);
        var tilde = await new PageSession(app).SignInAsync(name, Password, "~/persons");
        Assert.Equal("/persons", tilde.Headers.Location?.OriginalString);

        var failed = await new PageSession(app).SignInAsync(name, "Wrong-pass-000", "/\\evil.example/x");
        Assert.StartsWith("/login?error=failed", failed.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", failed.Headers.Location?.OriginalString, StringComparison.Ordinal);

        // The sign-in page does not carry a foreign return URL into its form either.
        var page = await new PageSession(app).PageAsync("/login?returnUrl=%2F%5Cevil.example%2Fx");
        Assert.DoesNotContain("evil.example", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task The_two_factor_step_redirects_only_to_addresses_of_this_site(string engine)
    {
        var app = TestApp.For(engine);
        var (name, _) = await NewUserAsync(app, "viewer", null);
        var key = await EnableTwoFactorAsync(app, name);
        foreach (var evil in new[] { "//evil.example/after-2fa", "/\\evil.example/after-2fa", "https://evil.example" })
        {
            var browser = new PageSession(app);
            var first = await browser.SignInAsync(name, Password, evil);
            Assert.StartsWith("/login?step=2fa", first.Headers.Location?.OriginalString, StringComparison.Ordinal);
            Assert.DoesNotContain("evil", first.Headers.Location?.OriginalString, StringComparison.Ordinal);
            var token = PageSession.Antiforgery(await browser.PageAsync("/login?step=2fa&returnUrl=" + Uri.EscapeDataString(evil)));
            var second = await browser.PostFormAsync("/account/login-2fa", new()
            {
                ["code"] = AuthAndAuditTests.Totp(key),
                ["returnUrl"] = evil,
                ["__RequestVerificationToken"] = token,
            });
            Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
            Assert.Equal("/", second.Headers.Location?.OriginalString);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(PageProbe)).StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task The_language_switch_returns_only_to_a_page_of_this_site(string engine)
    {
        var app = TestApp.For(engine);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        foreach (var (referer, expected) in new[] { ("http://localhost//evil.example/x", "/"), ("http://localhost/\\evil.example/x", "/"), ("https://evil.example/x", "/"), ("http://localhost/households?q=an", "/households?q=an") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/lang/en");
            request.Headers.TryAddWithoutValidation("Referer", referer);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(expected, response.Headers.Location?.OriginalString);
        }
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_password_reset_through_the_api_ends_the_tokens_and_cookies_issued_before(string engine)
    {
        var app = TestApp.For(engine);
        var (name, id) = await NewUserAsync(app, "viewer", null);
        var api = await app.ClientAsAsync(name, Password);
        var browser = new PageSession(app);
        await browser.SignInAsync(name, Password, null);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(ApiProbe)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(PageProbe)).StatusCode);

        var admin = await app.AdminAsync();
        var weak = await admin.PostAsJsonAsync($"/api/users/{id}/password", new { password = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(ApiProbe)).StatusCode); // nothing changed
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/users/{id}/password", new { password = "New-pass-word-456" })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(ApiProbe)).StatusCode);
        AssertSignedOut(await browser.GetAsync(PageProbe));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(ApiProbe)).StatusCode);
        var fresh = await app.ClientAsAsync(name, "New-pass-word-456");
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync(ApiProbe)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_password_reset_from_the_cli_ends_the_tokens_and_cookies_issued_before(string engine)
    {
        var app = TestApp.For(engine);
        var (name, _) = await NewUserAsync(app, "viewer", null);
        var api = await app.ClientAsAsync(name, Password);
        var browser = new PageSession(app);
        await browser.SignInAsync(name, Password, null);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(ApiProbe)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(PageProbe)).StatusCode);

        var output = new StringWriter();
        var args = new[] { "users", "reset", name, "--password", "Cli-pass-word-789", "--provider", engine, "--connection", TestApp.ConnectionFor(engine) };
        Assert.Equal(0, await CliApp.RunAsync(args, output, output));

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(ApiProbe)).StatusCode);
        AssertSignedOut(await browser.GetAsync(PageProbe));
        var fresh = await app.ClientAsAsync(name, "Cli-pass-word-789");
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync(ApiProbe)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_it(string engine)
    {
        var app = TestApp.For(engine);
        var (name, _) = await NewUserAsync(app, "viewer", null);
        var api = await app.ClientAsAsync(name, Password);
        var browser = new PageSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(name, Password, null)).StatusCode);
        var page = await browser.PageAsync(PageProbe);
        var copied = browser.Cookies();

        var logout = await browser.PostFormAsync("/account/logout", new() { ["__RequestVerificationToken"] = PageSession.Antiforgery(page) });
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal("/login", logout.Headers.Location?.OriginalString);

        var thief = new PageSession(app, copied);
        AssertSignedOut(await thief.GetAsync(PageProbe));
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync(ApiProbe)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(ApiProbe)).StatusCode);

        // Signing in again works.
        var again = new PageSession(app);
        await again.SignInAsync(name, Password, null);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(PageProbe)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_role_or_scope_change_ends_the_tokens_and_cookies_issued_before(string engine)
    {
        var app = TestApp.For(engine);
        var admin = await app.AdminAsync();
        var (name, id) = await NewUserAsync(app, "officer", CommuneA);
        var api = await app.ClientAsAsync(name, Password);
        var browser = new PageSession(app);
        await browser.SignInAsync(name, Password, null);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(ApiProbe)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(PageProbe)).StatusCode);

        var bad = await admin.PutAsJsonAsync($"/api/users/{id}", new { role = "officer", scopeUnitCode = "99999" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(ApiProbe)).StatusCode); // nothing changed

        var scopeChange = await admin.PutAsJsonAsync($"/api/users/{id}", new { role = "officer", scopeUnitCode = CommuneB });
        Assert.Equal(HttpStatusCode.OK, scopeChange.StatusCode);
        Assert.Equal(CommuneB, (await scopeChange.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scopeUnitCode").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(ApiProbe)).StatusCode);
        AssertSignedOut(await browser.GetAsync(PageProbe));

        var second = await app.ClientAsAsync(name, Password);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(ApiProbe)).StatusCode);
        var secondBrowser = new PageSession(app);
        await secondBrowser.SignInAsync(name, Password, null);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/users/{id}", new { role = "viewer", scopeUnitCode = CommuneB })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync(ApiProbe)).StatusCode);
        AssertSignedOut(await secondBrowser.GetAsync(PageProbe));

        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?entityId={id}");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "user.update");
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Two_factor_sign_in_is_turned_on_and_off_only_with_the_password_or_a_current_code(string engine)
    {
        var app = TestApp.For(engine);
        var (name, _) = await NewUserAsync(app, "viewer", null);
        var api = await app.ClientAsAsync(name, Password);
        var browser = new PageSession(app);
        await browser.SignInAsync(name, Password, null);
        var page = await browser.PageAsync("/account/two-factor");
        var key = Regex.Match(page, "<code id=\"authenticator-key\">([A-Z2-7]+)</code>").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(key), page);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(ApiProbe)).StatusCode); // showing the key ends no session

        // On: a right code without the password is refused.
        page = await browser.SubmitAsync("/account/two-factor", "enable-2fa", page, new() { ["Model.Code"] = AuthAndAuditTests.Totp(key) });
        Assert.Contains("Mật khẩu hiện tại không đúng", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.False(await TwoFactorEnabledAsync(app, name));
        page = await browser.SubmitAsync("/account/two-factor", "enable-2fa", page, new() { ["Model.Password"] = Password, ["Model.Code"] = AuthAndAuditTests.Totp(key) });
        Assert.Contains("id=\"twofa-on\"", page, StringComparison.Ordinal);
        Assert.True(await TwoFactorEnabledAsync(app, name));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(ApiProbe)).StatusCode); // other sessions end
        page = await browser.PageAsync("/account/two-factor"); // this browser keeps its (renewed) session

        // Off: nothing, a wrong password or a wrong code is refused, and nothing changes.
        var copied = browser.Cookies();
        foreach (var wrong in new Dictionary<string, string>[] { new(), new() { ["Model.Password"] = "Wrong-pass-000" }, new() { ["Model.Code"] = "000000" } })
        {
            page = await browser.SubmitAsync("/account/two-factor", "disable-2fa", page, wrong);
            Assert.Contains("Cần mật khẩu hiện tại hoặc mã xác thực đúng", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
            Assert.Contains("id=\"twofa-on\"", page, StringComparison.Ordinal);
            Assert.True(await TwoFactorEnabledAsync(app, name));
        }
        Assert.Equal(HttpStatusCode.OK, (await new PageSession(app, copied).GetAsync(PageProbe)).StatusCode); // the refusals ended no session

        // With the current code it goes off.
        page = await browser.SubmitAsync("/account/two-factor", "disable-2fa", page, new() { ["Model.Code"] = AuthAndAuditTests.Totp(key) });
        Assert.DoesNotContain("id=\"twofa-on\"", page, StringComparison.Ordinal);
        Assert.False(await TwoFactorEnabledAsync(app, name));
        AssertSignedOut(await new PageSession(app, copied).GetAsync(PageProbe));

        // On again, then off with the password.
        key = Regex.Match(page, "<code id=\"authenticator-key\">([A-Z2-7]+)</code>").Groups[1].Value;
        page = await browser.SubmitAsync("/account/two-factor", "enable-2fa", page, new() { ["Model.Password"] = Password, ["Model.Code"] = AuthAndAuditTests.Totp(key) });
        Assert.True(await TwoFactorEnabledAsync(app, name));
        page = await browser.SubmitAsync("/account/two-factor", "disable-2fa", page, new() { ["Model.Password"] = Password });
        Assert.False(await TwoFactorEnabledAsync(app, name));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(PageProbe)).StatusCode);
    }

    private static void AssertSignedOut(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/login", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    private static async Task<(string Name, string Id)> NewUserAsync(TestApp app, string role, string? scope)
    {
        var admin = await app.AdminAsync();
        var name = TestData.Unique("signin");
        var response = await admin.PostAsJsonAsync("/api/users", new { userName = name, password = Password, role, scopeUnitCode = scope });
        response.EnsureSuccessStatusCode();
        return (name, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
    }

    private static async Task<string> EnableTwoFactorAsync(TestApp app, string name)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByNameAsync(name))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    private static async Task<bool> TwoFactorEnabledAsync(TestApp app, string name)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return (await users.FindByNameAsync(name))!.TwoFactorEnabled;
    }

    /// <summary>A browser without redirects whose cookies can be copied: what a stolen cookie can do.</summary>
    private sealed class PageSession(TestApp app, Dictionary<string, string>? cookies = null)
    {
        private readonly HttpClient _client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        private readonly Dictionary<string, string> _cookies = cookies is null ? [] : new(cookies);

        public Dictionary<string, string> Cookies() => new(_cookies);

        public static string Antiforgery(string html)
        {
            var token = Regex.Match(html, "<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(token), html);
            return token;
        }

        public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }
            var response = await _client.SendAsync(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var lines))
            {
                foreach (var line in lines)
                {
                    var pair = line.Split(';', 2)[0];
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    var (name, value) = (pair[..eq].Trim(), pair[(eq + 1)..].Trim());
                    if (value.Length == 0 || line.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                    {
                        _cookies.Remove(name);
                    }
                    else
                    {
                        _cookies[name] = value;
                    }
                }
            }
            return response;
        }

        public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

        public Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> form) =>
            SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) });

        public async Task<string> PageAsync(string url)
        {
            var response = await GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {response.Headers.Location}");
            return html;
        }

        public async Task<HttpResponseMessage> SignInAsync(string userName, string password, string? returnUrl)
        {
            var form = new Dictionary<string, string>
            {
                ["userName"] = userName,
                ["password"] = password,
                ["__RequestVerificationToken"] = Antiforgery(await PageAsync("/login")),
            };
            if (returnUrl is not null)
            {
                form["returnUrl"] = returnUrl;
            }
            return await PostFormAsync("/account/login", form);
        }

        /// <summary>Posts a page's form (Blazor static rendering: handler name and antiforgery token) and answers the page.</summary>
        public async Task<string> SubmitAsync(string url, string handler, string page, Dictionary<string, string> fields)
        {
            var form = new Dictionary<string, string>(fields)
            {
                ["_handler"] = handler,
                ["__RequestVerificationToken"] = Antiforgery(page),
            };
            var response = await PostFormAsync(url, form);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} {handler}: {(int)response.StatusCode} {response.Headers.Location} {html}");
            return html;
        }
    }
}
