using AnSinh.Platform.Errors;

namespace AnSinh.Platform.Identity;

/// <summary>
/// Four eyes: the one who prepares a payroll, a round's decision, a relief decision or a fund
/// spending does not approve it, whatever their role (the administrator included). People are
/// compared by user name, unique and never changed (Identity compares it case-insensitively).
/// </summary>
public static class SeparationOfDuties
{
    /// <summary>True when <paramref name="approvedBy"/> may approve what <paramref name="preparedBy"/> prepared: someone else, both named.</summary>
    public static bool Check(string? preparedBy, string? approvedBy) =>
        !string.IsNullOrWhiteSpace(approvedBy) && !SamePerson(preparedBy, approvedBy);

    public static bool SamePerson(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b) && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>The refusal, in Vietnamese: <paramref name="what"/> names the thing ("Bảng chi trả này"), <paramref name="step"/> what was done to it ("lập").</summary>
    public static string Message(string what, string step, string user) =>
        $"{what} do chính bạn ({user}) {step}; người {step} không được tự phê duyệt. Cần một người khác có quyền phê duyệt.";

    /// <summary>Refuses (409) the approver when they prepared it: any of <paramref name="preparedBy"/> is them.</summary>
    public static void Require(IEnumerable<string?> preparedBy, ICurrentActor approver, string what, string step)
    {
        foreach (var p in preparedBy)
        {
            if (!Check(p, approver.UserName))
            {
                throw new RuleViolationException(Message(what, step, approver.UserName));
            }
        }
    }
}
