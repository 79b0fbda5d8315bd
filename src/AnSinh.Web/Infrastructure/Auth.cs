using System.Security.Claims;
using AnSinh.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AnSinh.Web.Infrastructure;

/// <summary>Adds the role and the place scope to the signed-in principal (cookie and bearer alike).</summary>
internal sealed class AnSinhClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AnSinhClaims.Role, Roles.Code(user.Role)));
        identity.AddClaim(new Claim(AnSinhClaims.Scope, user.ScopeUnitCode ?? ""));
        return identity;
    }
}

internal static class Actors
{
    public static readonly ICurrentActor Anonymous = new FixedActor(null, "anonymous", Role.Viewer, "-");
}
