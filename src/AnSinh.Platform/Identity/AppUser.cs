using Microsoft.AspNetCore.Identity;

namespace AnSinh.Platform.Identity;

public enum Role
{
    Administrator = 1,
    Officer = 2,
    Approver = 3,
    FundBoard = 4,
    Inspector = 5,
    Viewer = 6,
}

public sealed class AppUser : IdentityUser<Guid>
{
    public Role Role { get; set; }

    /// <summary>Code of a unit of today's map (commune or province); null for the whole nation.</summary>
    public string? ScopeUnitCode { get; set; }

    public string? DisplayName { get; set; }
}

public static class Roles
{
    public static string Code(Role role) => role switch
    {
        Role.Administrator => "administrator",
        Role.Officer => "officer",
        Role.Approver => "approver",
        Role.FundBoard => "fund_board",
        Role.Inspector => "inspector",
        Role.Viewer => "viewer",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static Role? Parse(string? code) =>
        Enum.GetValues<Role>().Select(r => (Role?)r).FirstOrDefault(r => string.Equals(Code(r!.Value), code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string VietnameseName(Role role) => role switch
    {
        Role.Administrator => "Quản trị hệ thống",
        Role.Officer => "Cán bộ nghiệp vụ",
        Role.Approver => "Lãnh đạo phê duyệt",
        Role.FundBoard => "Ban vận động Quỹ",
        Role.Inspector => "Kiểm tra, giám sát",
        Role.Viewer => "Chỉ xem",
        _ => role.ToString(),
    };

    /// <summary>Who may change the household register.</summary>
    public static bool CanEditRegister(Role role) => role is Role.Administrator or Role.Officer;

    /// <summary>Who may read sensitive fields (ethnicity, disability): RULES.md §6.</summary>
    public static bool CanReadSensitive(Role role) => role is Role.Administrator or Role.Officer or Role.Approver or Role.Inspector;

    public static bool CanReadAudit(Role role) => role is Role.Administrator or Role.Inspector;
}
