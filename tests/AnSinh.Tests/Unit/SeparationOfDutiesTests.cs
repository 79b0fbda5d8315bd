using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;

namespace AnSinh.Tests.Unit;

public sealed class SeparationOfDutiesTests
{
    [Theory]
    [InlineData("officer-1", "approver-1", true)]
    [InlineData("admin", "admin", false)]
    [InlineData("Admin", "admin", false)] // user names are compared as Identity does, case-insensitively
    [InlineData(" admin ", "admin", false)]
    [InlineData(null, "approver-1", true)] // nothing recorded as prepared: only the approver is needed
    [InlineData("officer-1", null, false)]
    [InlineData("officer-1", " ", false)]
    public void The_one_who_prepares_does_not_approve(string? preparedBy, string? approvedBy, bool allowed) =>
        Assert.Equal(allowed, SeparationOfDuties.Check(preparedBy, approvedBy));

    [Fact]
    public void The_refusal_names_the_user_in_Vietnamese_whatever_their_role()
    {
        var admin = new FixedActor(Guid.NewGuid(), "admin", Role.Administrator, null);
        var ex = Assert.Throws<RuleViolationException>(() => SeparationOfDuties.Require(["officer-1", "ADMIN"], admin, "Bảng chi trả này", "lập"));
        Assert.Equal("Bảng chi trả này do chính bạn (admin) lập; người lập không được tự phê duyệt. Cần một người khác có quyền phê duyệt.", ex.Message);
        SeparationOfDuties.Require(["officer-1", null], admin, "Bảng chi trả này", "lập");
    }
}
