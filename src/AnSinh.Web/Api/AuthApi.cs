using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Web.Api;

public sealed record LoginRequest(string? UserName, string? Password, string? TwoFactorCode);

public sealed record CreateUserRequest(string? UserName, string? Password, string? Role, string? ScopeUnitCode, string? DisplayName);

public sealed record UpdateUserRequest(string? Role, string? ScopeUnitCode);

public sealed record ResetPasswordRequest(string? Password);

public sealed record UserView(Guid Id, string UserName, string Role, string? ScopeUnitCode, bool TwoFactorEnabled, bool LockedOut);

internal static class AuthApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/login", LoginAsync).AllowAnonymous().WithTags("Auth");

        var users = app.MapGroup("/api/users").RequireAuthorization(Policies.Administrator).WithTags("Users");
        users.MapPost("", CreateAsync);
        users.MapPut("/{id:guid}", UpdateAsync);
        users.MapPost("/{id:guid}/password", ResetPasswordAsync);
        users.MapGet("", async (UserManager<AppUser> um) =>
            (await um.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync())
            .Select(u => new UserView(u.Id, u.UserName!, Roles.Code(u.Role), u.ScopeUnitCode, u.TwoFactorEnabled, u.LockoutEnd > DateTimeOffset.UtcNow)));
    }

    /// <summary>Bearer sign-in for scripts: answers {"tokenType", "accessToken", "expiresIn", "refreshToken"}.</summary>
    private static async Task<IResult> LoginAsync(LoginRequest request, SignInManager<AppUser> signIn, AnSinhDbContext db)
    {
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await SignInAsync(signIn, request, persistent: false);
        if (result.Succeeded)
        {
            db.Audit("auth.signin", "user", request.UserName, null, after: new { userName = request.UserName, channel = "api" });
            await db.SaveChangesAsync();
            return TypedResults.Empty; // the bearer handler has written the token
        }
        db.Audit("auth.failed", "user", request.UserName, null, after: new { userName = request.UserName, lockedOut = result.IsLockedOut, channel = "api" });
        await db.SaveChangesAsync();
        return TypedResults.Problem(
            title: "Đăng nhập không thành công",
            detail: result.IsLockedOut ? "Tài khoản tạm bị khoá vì nhập sai mật khẩu nhiều lần; hãy thử lại sau 15 phút."
                : result.RequiresTwoFactor ? "Cần mã xác thực hai lớp (twoFactorCode) từ ứng dụng xác thực."
                : "Sai tên đăng nhập hoặc mật khẩu.",
            statusCode: StatusCodes.Status401Unauthorized);
    }

    /// <summary>Shared by the API and the sign-in page: password, lockout, then the authenticator code when enabled.</summary>
    public static async Task<SignInResult> SignInAsync(SignInManager<AppUser> signIn, LoginRequest request, bool persistent)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return SignInResult.Failed;
        }
        var result = await signIn.PasswordSignInAsync(request.UserName.Trim(), request.Password, persistent, lockoutOnFailure: true);
        if (result.RequiresTwoFactor && !string.IsNullOrWhiteSpace(request.TwoFactorCode))
        {
            result = await signIn.TwoFactorAuthenticatorSignInAsync(request.TwoFactorCode.Replace(" ", "", StringComparison.Ordinal), persistent, rememberClient: false);
        }
        return result;
    }

    private static async Task<IResult> CreateAsync(CreateUserRequest request, UserManager<AppUser> users, ScopeResolver scopes, AnSinhDbContext db)
    {
        var user = await CreateUserAsync(request, users, scopes, db);
        return TypedResults.Created($"/api/users/{user.Id}", new UserView(user.Id, user.UserName!, Roles.Code(user.Role), user.ScopeUnitCode, false, false));
    }

    /// <summary>A new role or place scope: every cookie and token of the user issued before stops working.</summary>
    private static async Task<IResult> UpdateAsync(Guid id, UpdateUserRequest request, UserManager<AppUser> users, ScopeResolver scopes, AnSinhDbContext db)
    {
        var user = await users.FindByIdAsync(id.ToString()) ?? throw new NotFoundException($"Không có người dùng {id}.");
        var errors = new ValidationErrors();
        var role = Roles.Parse(request.Role);
        if (role is null)
        {
            errors.Add("role", "Vai trò phải là administrator, officer, approver, fund_board, inspector hoặc viewer.");
        }
        var scopeCode = await CheckScopeAsync(role, request.ScopeUnitCode, scopes, errors);
        errors.ThrowIfAny();
        var before = new { role = Roles.Code(user.Role), scope = user.ScopeUnitCode };
        user.Role = role!.Value;
        user.ScopeUnitCode = scopeCode;
        Check(await users.UpdateAsync(user));
        Check(await users.UpdateSecurityStampAsync(user));
        db.Audit("user.update", "user", user.Id.ToString(), scopeCode, before: before, after: new { role = Roles.Code(user.Role), scope = scopeCode });
        await db.SaveChangesAsync();
        return TypedResults.Ok(new UserView(user.Id, user.UserName!, Roles.Code(user.Role), user.ScopeUnitCode, user.TwoFactorEnabled, user.LockoutEnd > DateTimeOffset.UtcNow));
    }

    /// <summary>An administrator sets a new password (and unlocks the account): every cookie and token of the user issued before stops working.</summary>
    private static async Task<IResult> ResetPasswordAsync(Guid id, ResetPasswordRequest request, UserManager<AppUser> users, AnSinhDbContext db)
    {
        var user = await users.FindByIdAsync(id.ToString()) ?? throw new NotFoundException($"Không có người dùng {id}.");
        var result = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), request.Password ?? "");
        if (!result.Succeeded)
        {
            var errors = new ValidationErrors();
            foreach (var e in result.Errors)
            {
                errors.Add("password", Translate(e));
            }
            errors.ThrowIfAny();
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        Check(await users.UpdateSecurityStampAsync(user));
        db.Audit("user.reset_password", "user", user.Id.ToString(), user.ScopeUnitCode, after: new { channel = "api" });
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private static async Task<string?> CheckScopeAsync(Role? role, string? requested, ScopeResolver scopes, ValidationErrors errors)
    {
        var scopeCode = string.IsNullOrWhiteSpace(requested) ? null : requested.Trim();
        if (scopeCode is not null && (await scopes.ResolveAsync(scopeCode)).Kind == ScopeKind.Nothing)
        {
            errors.Add("scopeUnitCode", $"Mã đơn vị \"{scopeCode}\" không phải tỉnh hoặc xã của bản đồ hiện hành.");
        }
        if (scopeCode is null && role is not (null or Role.Administrator or Role.Inspector or Role.Viewer))
        {
            errors.Add("scopeUnitCode", "Cần mã đơn vị phạm vi (xã hoặc tỉnh) cho vai trò này.");
        }
        return scopeCode;
    }

    public static async Task<AppUser> CreateUserAsync(CreateUserRequest request, UserManager<AppUser> users, ScopeResolver scopes, AnSinhDbContext db)
    {
        var errors = new ValidationErrors();
        var role = Roles.Parse(request.Role);
        if (role is null)
        {
            errors.Add("role", "Vai trò phải là administrator, officer, approver, fund_board, inspector hoặc viewer.");
        }
        var scopeCode = await CheckScopeAsync(role, request.ScopeUnitCode, scopes, errors);
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            errors.Add("userName", "Thiếu tên đăng nhập.");
        }
        errors.ThrowIfAny();
        var user = new AppUser
        {
            UserName = request.UserName!.Trim(),
            Role = role!.Value,
            ScopeUnitCode = scopeCode,
            DisplayName = request.DisplayName,
            LockoutEnabled = true,
        };
        var result = await users.CreateAsync(user, request.Password ?? "");
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                errors.Add(e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "userName", Translate(e));
            }
            errors.ThrowIfAny();
        }
        db.Audit("user.create", "user", user.Id.ToString(), scopeCode, after: new { user.UserName, role = Roles.Code(user.Role), scope = scopeCode });
        await db.SaveChangesAsync();
        return user;
    }

    private static string Translate(IdentityError e) => e.Code switch
    {
        "DuplicateUserName" => "Tên đăng nhập đã có.",
        "InvalidUserName" => "Tên đăng nhập chỉ gồm chữ không dấu, số và . _ - @",
        "PasswordTooShort" => "Mật khẩu phải có ít nhất 8 ký tự.",
        "PasswordRequiresDigit" => "Mật khẩu phải có ít nhất một chữ số.",
        "PasswordRequiresLower" => "Mật khẩu phải có ít nhất một chữ thường.",
        _ => e.Description,
    };
}
