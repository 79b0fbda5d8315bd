using AnSinh.Benefits.Parameters;

namespace AnSinh.Benefits.Dossiers;

/// <summary>
/// The dossier procedure of Decree 20/2021, Art. 8, as pure functions: its deadlines in working
/// days (dated rows of the coefficient table), what a posted list may show, and the month the
/// entitlement starts.
/// </summary>
public static class DossierRules
{
    /// <summary>Clauses whose very name reveals HIV status (RULES.md §2, §6): never shown on a posted list.</summary>
    public static readonly string[] HivClauses = ["5.3", "5.8"];

    public static DateOnly Month(DateOnly d) => new(d.Year, d.Month, 1);

    /// <summary>A deadline of the procedure on a date, in working days: dossier_review_days, dossier_posting_days or dossier_complaint_days.</summary>
    public static int? Days(IReadOnlyList<AssistanceCoefficient> rows, string code, DateOnly on) =>
        rows.Where(c => c.Clause == code && c.ValidFrom <= on && (c.ValidTo is null || c.ValidTo >= on)).MaxBy(c => c.ValidFrom) is { } row ? (int)row.Coefficient : null;

    /// <summary>The category as a posted list may show it: the clauses, except that any HIV-related one makes it the general allowance.</summary>
    public static string PostedCategory(string scheme, string? clauses, bool hiv)
    {
        if (scheme == "social_pension")
        {
            return "Trợ cấp hưu trí xã hội";
        }
        var list = (clauses ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        return hiv || list.Any(c => HivClauses.Contains(c))
            ? "Trợ cấp xã hội hằng tháng (Điều 5 Nghị định 20/2021/NĐ-CP)"
            : $"Trợ cấp xã hội hằng tháng, khoản {string.Join(", ", list)} Điều 5 Nghị định 20/2021/NĐ-CP";
    }

    /// <summary>
    /// The first month paid: the month of the decision; but for an entitlement that starts with an
    /// age (5.5b at 75, 5.5c at 80) or a disability certificate, the first month from the filing (or
    /// the certificate, if later) in which the person was already entitled.
    /// </summary>
    public static DateOnly EntitledFrom(string? clauses, DateOnly filedOn, DateOnly? disabilityCertifiedOn, DateOnly decidedOn, Func<DateOnly, bool> entitledIn)
    {
        var decisionMonth = Month(decidedOn);
        var list = (clauses ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        DateOnly? start = null;
        if (list.Any(c => c is "5.5b" or "5.5c"))
        {
            start = Month(filedOn);
        }
        if (list.Contains("5.6") && disabilityCertifiedOn is { } certified)
        {
            var from = Month(certified) > Month(filedOn) ? Month(certified) : Month(filedOn);
            start = start is null || from < start ? from : start;
        }
        for (var m = start ?? decisionMonth; m < decisionMonth; m = m.AddMonths(1))
        {
            if (entitledIn(m))
            {
                return m;
            }
        }
        return decisionMonth;
    }
}
