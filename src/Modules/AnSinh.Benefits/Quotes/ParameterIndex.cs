using AnSinh.Benefits.Parameters;

namespace AnSinh.Benefits.Quotes;

/// <summary>
/// The parameters arranged for the payroll's hot loop: national social-assistance levels in date
/// order and the coefficients of each clause in a small array, so a monthly amount is found without
/// allocating (see <see cref="AssistanceCalculator.MonthlyAmount"/>).
/// </summary>
public sealed class ParameterIndex
{
    private readonly BaseLevel[] _assistance;
    private readonly Dictionary<string, AssistanceCoefficient[]> _byClause;

    public ParameterIndex(ParameterSet set)
    {
        _assistance = set.BaseLevels.Where(b => b.Scheme == Scheme.SocialAssistance && b.ProvinceCode is null).OrderBy(b => b.ValidFrom).ToArray();
        _byClause = set.Coefficients.GroupBy(c => c.Clause, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The national base level on the date, or −1 where none is in force.</summary>
    public long AssistanceBase(DateOnly date)
    {
        for (var i = _assistance.Length - 1; i >= 0; i--)
        {
            var b = _assistance[i];
            if (b.ValidFrom <= date && (b.ValidTo is null || b.ValidTo >= date))
            {
                return b.Amount;
            }
        }
        return -1;
    }

    public AssistanceCoefficient? Coefficient(string clause, DateOnly date, int age, string? disability)
    {
        if (!clause.StartsWith("5.", StringComparison.Ordinal) || !_byClause.TryGetValue(clause, out var rows))
        {
            return null;
        }
        foreach (var c in rows)
        {
            if (c.ValidFrom <= date && (c.ValidTo is null || c.ValidTo >= date) && (c.Disability is null || c.Disability == disability)
                && age >= c.MinAge && (c.MaxAge is null || age < c.MaxAge))
            {
                return c;
            }
        }
        return null;
    }
}
