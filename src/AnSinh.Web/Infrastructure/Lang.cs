namespace AnSinh.Web.Infrastructure;

/// <summary>
/// The page language: Vietnamese by default, English on request (cookie "ansinh.lang", set by /lang/en or /lang/vi).
/// Pages write each text in both languages: <c>@L["Hộ gia đình", "Households"]</c>.
/// Messages from the rules (validation, conflicts) stay in Vietnamese.
/// </summary>
public sealed class Lang(IHttpContextAccessor http)
{
    public const string Cookie = "ansinh.lang";

    public bool English => string.Equals(http.HttpContext?.Request.Cookies[Cookie], "en", StringComparison.Ordinal);

    public string Code => English ? "en" : "vi";

    public string this[string vietnamese, string english] => English ? english : vietnamese;

    /// <summary>The display name of a code in the page language (the one catalogue, <see cref="AnSinh.Platform.Display.CodeNames"/>).</summary>
    public string Name(string kind, string? code) => AnSinh.Platform.Display.CodeNames.Of(kind, code, English);

    /// <summary>The display names of a comma-separated list of codes.</summary>
    public string Names(string kind, string? codes) => AnSinh.Platform.Display.CodeNames.OfList(kind, codes, English);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/lang/{code}", (string code, HttpContext ctx) =>
        {
            var lang = code == "en" ? "en" : "vi";
            ctx.Response.Cookies.Append(Cookie, lang, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
            var back = ctx.Request.Headers.Referer.ToString();
            return Results.Redirect(LocalUrls.OrRoot(Uri.TryCreate(back, UriKind.Absolute, out var u) && u.Host == ctx.Request.Host.Host ? u.PathAndQuery : null));
        }).AllowAnonymous();
}
