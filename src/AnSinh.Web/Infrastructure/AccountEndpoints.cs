using AnSinh.Platform.Identity;
using AnSinh.Platform.Jobs;
using AnSinh.Platform.Persistence;
using AnSinh.Web.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AnSinh.Web.Infrastructure;

/// <summary>Browser form posts that set cookies or take files: sign-in, sign-out, two-factor, upload.</summary>
internal static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", async ([FromForm] string? userName, [FromForm] string? password, [FromForm] string? code, [FromForm] string? returnUrl,
            SignInManager<AppUser> signIn, AnSinhDbContext db) =>
        {
            signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
            var result = await AuthApi.SignInAsync(signIn, new LoginRequest(userName, password, code), persistent: false);
            var back = LocalUrls.OrRoot(returnUrl);
            if (result.Succeeded)
            {
                db.Audit("auth.signin", "user", userName, null, after: new { userName, channel = "browser" });
                await db.SaveChangesAsync();
                return Results.Redirect(back);
            }
            if (result.RequiresTwoFactor)
            {
                return Results.Redirect($"/login?step=2fa&user={Uri.EscapeDataString(userName ?? "")}&returnUrl={Uri.EscapeDataString(back)}");
            }
            db.Audit("auth.failed", "user", userName, null, after: new { userName, lockedOut = result.IsLockedOut, channel = "browser" });
            await db.SaveChangesAsync();
            var error = result.IsLockedOut ? "locked" : "failed";
            return Results.Redirect($"/login?error={error}&user={Uri.EscapeDataString(userName ?? "")}&returnUrl={Uri.EscapeDataString(back)}");
        }).AllowAnonymous();

        app.MapPost("/account/login-2fa", async ([FromForm] string? code, [FromForm] string? returnUrl, SignInManager<AppUser> signIn) =>
        {
            var result = await signIn.TwoFactorAuthenticatorSignInAsync((code ?? "").Replace(" ", "", StringComparison.Ordinal), false, false);
            var back = LocalUrls.OrRoot(returnUrl);
            return result.Succeeded ? Results.Redirect(back) : Results.Redirect($"/login?step=2fa&error=code&returnUrl={Uri.EscapeDataString(back)}");
        }).AllowAnonymous();

        app.MapPost("/account/logout", async (HttpContext http, SignInManager<AppUser> signIn) =>
        {
            // A new stamp ends this cookie everywhere, and every other cookie and token of the user.
            if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
            {
                await signIn.UserManager.UpdateSecurityStampAsync(user);
            }
            await signIn.SignOutAsync();
            return Results.Redirect("/login");
        });

        app.MapPost("/import/upload", async (IFormFile? file, [FromForm] string? mode, AnSinhDbContext db, JobQueue queue, CancellationToken ct) =>
        {
            try
            {
                var job = await RegistryApi.StartImportAsync(file, mode, db, queue, ct);
                return Results.Redirect($"/jobs/{job.Id}");
            }
            catch (Exception ex) when (ex is Platform.Errors.InputValidationException or Platform.Errors.RuleViolationException)
            {
                return Results.Redirect($"/import?error={Uri.EscapeDataString(ex.Message)}");
            }
        }).RequireAuthorization();
    }
}
