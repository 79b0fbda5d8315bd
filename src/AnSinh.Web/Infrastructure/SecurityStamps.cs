using System.Security.Claims;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnSinh.Web.Infrastructure;

/// <summary>
/// Every cookie and bearer token carries the user's security stamp (the claims factory adds it);
/// each request compares it with the stamp in the database, one look-up by primary key.
/// A password reset, a role or scope change, a two-factor change and a sign-out renew the stamp,
/// so every cookie and token issued before answers as signed out (401 for the API, the sign-in page for pages).
/// </summary>
internal static class SecurityStamps
{
    private const string BearerPrefix = "Bearer ";

    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null || !await IsCurrentAsync(context.HttpContext, context.Principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    public static async Task ValidateBearerAsync(Microsoft.AspNetCore.Authentication.BearerToken.MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        var ticket = context.Options.BearerTokenProtector.Unprotect(header[BearerPrefix.Length..].Trim());
        if (ticket is null)
        {
            return; // the handler answers an unreadable token itself
        }
        if (!await IsCurrentAsync(context.HttpContext, ticket.Principal))
        {
            context.Fail("Phiên đăng nhập đã hết hiệu lực (mật khẩu, vai trò, phạm vi hoặc xác thực hai lớp đã đổi, hoặc đã đăng xuất).");
        }
    }

    /// <summary>True when the principal's stamp is the user's current one.</summary>
    public static async Task<bool> IsCurrentAsync(HttpContext http, ClaimsPrincipal principal)
    {
        var claims = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        if (!Guid.TryParse(principal.FindFirstValue(claims.UserIdClaimType), out var userId) || string.IsNullOrEmpty(stamp))
        {
            return false;
        }
        var db = http.RequestServices.GetRequiredService<AnSinhDbContext>();
        var current = await db.Set<AppUser>().AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync(http.RequestAborted);
        return current is not null && string.Equals(current, stamp, StringComparison.Ordinal);
    }
}
