using AnSinh.Platform.Identity;
using Microsoft.AspNetCore.Authorization;

namespace AnSinh.Web.Api;

internal static class Policies
{
    public const string Administrator = "administrator";
    public const string AuditReader = "audit-reader";

    public static void Add(AuthorizationOptions o)
    {
        o.AddPolicy(Administrator, p => p.RequireClaim(AnSinhClaims.Role, Roles.Code(Role.Administrator)));
        o.AddPolicy(AuditReader, p => p.RequireClaim(AnSinhClaims.Role, Roles.Code(Role.Administrator), Roles.Code(Role.Inspector)));
    }
}
