using AnSinh.Data;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Jobs;
using AnSinh.Web.Api;
using AnSinh.Web.Components;
using AnSinh.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ICurrentActor>(sp =>
{
    var holder = sp.GetRequiredService<ActorHolder>();
    var http = sp.GetRequiredService<IHttpContextAccessor>();
    return new LateBoundActor(() => holder.Actor ?? AnSinhClaims.FromPrincipal(http.HttpContext?.User) ?? Actors.Anonymous);
});
builder.Services.AddAnSinhCore(builder.Configuration);
builder.Services.AddScoped<IUserClaimsPrincipalFactory<AppUser>, AnSinhClaimsFactory>();
builder.Services.AddHostedService<JobWorker>();
builder.Services.AddScoped<Lang>();
builder.Services.AddScoped<AnSinh.Web.Audit.AuditTimeline>();

const string SmartScheme = "cookie-or-bearer";
builder.Services.AddAuthentication(o =>
    {
        o.DefaultScheme = SmartScheme;
        o.DefaultChallengeScheme = SmartScheme;
    })
    .AddPolicyScheme(SmartScheme, SmartScheme, o => o.ForwardDefaultSelector = http =>
        http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? IdentityConstants.BearerScheme
            : IdentityConstants.ApplicationScheme)
    .AddBearerToken(IdentityConstants.BearerScheme, o =>
    {
        o.BearerTokenExpiration = TimeSpan.FromHours(8);
        o.Events.OnMessageReceived = SecurityStamps.ValidateBearerAsync;
    })
    .AddIdentityCookies(o => o.ApplicationCookie?.Configure(c =>
    {
        c.LoginPath = "/login";
        // Signed in but without the role for a page: a 403 page that says so, not the sign-in form again.
        c.AccessDeniedPath = "/access-denied";
        c.Cookie.Name = "ansinh.auth";
        c.ExpireTimeSpan = TimeSpan.FromHours(8);
        c.SlidingExpiration = true;
        c.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
        c.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
        c.Events.OnValidatePrincipal = SecurityStamps.ValidateCookieAsync; // every request, not Identity's 30 minutes
    }));
builder.Services.AddAuthorization(Policies.Add);
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<AppExceptionHandler>();
// Binding failures (a date that is not a date, a number that is not a number) go through the one error path, in Vietnamese.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddOpenApi();
builder.Services.AddRazorComponents();
builder.Services.AddAntiforgery();

var app = builder.Build();

await Startup.InitializeAsync(app.Services, app.Configuration, Console.Out);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();
// Pages show numbers as a Vietnamese user reads them (1.500.000; 12,50 %) in either language; the API keeps the invariant culture.
var vietnamese = new RequestLocalizationOptions { DefaultRequestCulture = new("vi-VN"), SupportedCultures = [AnSinh.Platform.Text.MoneyText.Culture], SupportedUICultures = [AnSinh.Platform.Text.MoneyText.Culture] };
vietnamese.RequestCultureProviders.Clear();
app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), pages => pages.UseRequestLocalization(vietnamese));
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapGet("/health", () => TypedResults.Ok(new { status = "ready" })).AllowAnonymous();
app.MapOpenApi();
app.MapScalarApiReference("/api/docs");
AuthApi.Map(app);
AdminUnitsApi.Map(app);
RegistryApi.Map(app);
AuditApi.Map(app);
CalendarApi.Map(app);
PovertyApi.Map(app);
PovertyRoundsApi.Map(app);
FundsApi.Map(app);
BenefitsApi.Map(app);
ProgramsApi.Map(app);
AccountEndpoints.Map(app);
Lang.Map(app);
app.MapRazorComponents<App>();

app.Lifetime.ApplicationStarted.Register(() =>
    Console.WriteLine($"AnSinh đang chạy tại: {string.Join(", ", app.Urls)}  (API: /api/docs)"));

await app.RunAsync();

static Task ApiAware(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
{
    if (ctx.Request.Path.StartsWithSegments("/api"))
    {
        ctx.Response.StatusCode = status;
        return Task.CompletedTask;
    }
    ctx.Response.Redirect(ctx.RedirectUri);
    return Task.CompletedTask;
}

/// <summary>Entry point type for WebApplicationFactory.</summary>
public partial class Program;
