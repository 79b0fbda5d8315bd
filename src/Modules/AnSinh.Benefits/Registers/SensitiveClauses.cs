using System.Text.RegularExpressions;
using AnSinh.Benefits.Dossiers;
using AnSinh.Platform.Identity;

namespace AnSinh.Benefits.Registers;

/// <summary>
/// The clauses of Decree 20/2021, Art. 5 as a reader may see them (RULES.md §6). The HIV clauses
/// (<see cref="DossierRules.HivClauses"/>) name the person's HIV status, so for a role that may not
/// read HIV they are replaced by one neutral marker wherever clauses are written: records, lists,
/// dossiers, payroll bases and their exports, and the audit log (which inspectors read). Amounts are
/// always computed from the real clauses.
/// </summary>
public static partial class SensitiveClauses
{
    /// <summary>What a reader without the right sees in place of an HIV clause.</summary>
    public const string Marker = "(thông tin được bảo vệ)";

    /// <summary>Whether the role sees the HIV clauses: the roles that handle dossiers, as for the HIV field itself.</summary>
    public static bool Shown(Role role) => BeneficiaryRegister.SeesSensitive(role);

    public static bool IsHiv(string clause) => DossierRules.HivClauses.Contains(clause.Trim(), StringComparer.Ordinal);

    /// <summary>The comma-separated clauses with the HIV ones replaced by one marker ("5.4,5.8" → "5.4,(thông tin được bảo vệ)").</summary>
    public static string? Masked(string? clauses)
    {
        if (string.IsNullOrEmpty(clauses))
        {
            return clauses;
        }
        var list = clauses.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return list.Any(IsHiv) ? string.Join(',', list.Where(c => !IsHiv(c)).Append(Marker)) : clauses;
    }

    /// <summary>The clauses as the role may see them.</summary>
    public static string? AsSeenBy(string? clauses, Role role) => Shown(role) ? clauses : Masked(clauses);

    /// <summary>A text (a payroll line's basis, a pricing note) with every mention of an HIV clause replaced by the marker.</summary>
    public static string MaskText(string text) => HivMention().Replace(text, Marker);

    /// <summary>The text as the role may see it.</summary>
    public static string? TextAsSeenBy(string? text, Role role) => text is null || Shown(role) ? text : MaskText(text);

    // "5.3" or "5.8" standing alone: not a part of an amount ("2.535.800") or of another number.
    [GeneratedRegex(@"(?<![\d.])5\.[38](?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex HivMention();
}
