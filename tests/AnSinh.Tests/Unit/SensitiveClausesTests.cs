using AnSinh.Benefits.Registers;
using AnSinh.Platform.Identity;

namespace AnSinh.Tests.Unit;

/// <summary>The one rule for the HIV clauses (5.3, 5.8): who sees them, and what the others see instead.</summary>
public sealed class SensitiveClausesTests
{
    private const string M = SensitiveClauses.Marker;

    [Theory]
    [InlineData("5.8", M)]
    [InlineData("5.4,5.8", "5.4," + M)]
    [InlineData("5.3,5.8", M)]
    [InlineData("5.5a,5.6", "5.5a,5.6")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void The_hiv_clauses_are_replaced_by_one_marker(string? clauses, string? masked) =>
        Assert.Equal(masked, SensitiveClauses.Masked(clauses));

    [Theory]
    [InlineData(Role.Administrator, true)]
    [InlineData(Role.Officer, true)]
    [InlineData(Role.Approver, true)]
    [InlineData(Role.Inspector, false)]
    [InlineData(Role.Viewer, false)]
    [InlineData(Role.FundBoard, false)]
    public void Only_the_roles_that_read_hiv_see_the_clause(Role role, bool shown)
    {
        Assert.Equal(shown ? "5.8" : M, SensitiveClauses.AsSeenBy("5.8", role));
        Assert.Equal(shown, SensitiveClauses.TextAsSeenBy("khoản 5.8: hệ số 1.5 × mức chuẩn 500.000", role)!.Contains("5.8", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("khoản 5.8: hệ số 1.5 × mức chuẩn 500.000", "khoản " + M + ": hệ số 1.5 × mức chuẩn 500.000")]
    [InlineData("khoản 5.4: hệ số 1 × 2 con; khoản 5.3: hệ số 2", "khoản 5.4: hệ số 1 × 2 con; khoản " + M + ": hệ số 2")]
    [InlineData("Khoản \"5.8\" không có.", "Khoản \"" + M + "\" không có.")]
    [InlineData("mức chuẩn 2.535.800 (5.800.000)", "mức chuẩn 2.535.800 (5.800.000)")]
    [InlineData("khoản 5.5a: hệ số 1.5", "khoản 5.5a: hệ số 1.5")]
    public void A_text_loses_its_hiv_clauses_and_keeps_its_amounts(string text, string masked) =>
        Assert.Equal(masked, SensitiveClauses.MaskText(text));
}
