using System.Security.Claims;

namespace AnSinh.Platform.Identity;

/// <summary>Who is acting now: a signed-in person, or the system itself (seeding, CLI, jobs).</summary>
public interface ICurrentActor
{
    Guid? UserId { get; }
    string UserName { get; }
    Role Role { get; }
    string? ScopeUnitCode { get; }
}

public sealed record SystemActor(string UserName = "system") : ICurrentActor
{
    public Guid? UserId => null;
    public Role Role => Role.Administrator;
    public string? ScopeUnitCode => null;
}

public sealed record FixedActor(Guid? UserId, string UserName, Role Role, string? ScopeUnitCode) : ICurrentActor;

public static class AnSinhClaims
{
    public const string Role = "ansinh:role";
    public const string Scope = "ansinh:scope";

    public static ICurrentActor? FromPrincipal(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = user.FindFirstValue(ClaimTypes.Name) ?? "?";
        var role = Roles.Parse(user.FindFirstValue(Role)) ?? Identity.Role.Viewer;
        var scope = user.FindFirstValue(Scope);
        return new FixedActor(Guid.TryParse(id, out var g) ? g : null, name, role, string.IsNullOrEmpty(scope) ? null : scope);
    }

    public static IEnumerable<Claim> For(AppUser user) =>
    [
        new(ClaimTypes.NameIdentifier, user.Id.ToString()),
        new(ClaimTypes.Name, user.UserName ?? ""),
        new(Role, Roles.Code(user.Role)),
        new(Scope, user.ScopeUnitCode ?? ""),
    ];
}

/// <summary>
/// Resolves the actor each time it is asked, so that a context created early in a request
/// (for example by the cookie handler's security-stamp check, before sign-in is known) or before a
/// job sets <see cref="Jobs.ActorHolder"/> still acts as the right person.
/// </summary>
public sealed class LateBoundActor(Func<ICurrentActor> resolve) : ICurrentActor
{
    public Guid? UserId => resolve().UserId;
    public string UserName => resolve().UserName;
    public Role Role => resolve().Role;
    public string? ScopeUnitCode => resolve().ScopeUnitCode;
}
