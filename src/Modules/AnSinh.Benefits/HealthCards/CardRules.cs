namespace AnSinh.Benefits.HealthCards;

/// <summary>A household's place on the poverty lists on a date (from the decided review rounds).</summary>
public enum HouseholdPoverty
{
    None = 0,
    Poor = 1,
    NearPoor = 2,
}

/// <summary>What the registers know of a person on a date that decides a state-supported card.</summary>
public sealed record CardFacts(DateOnly BirthDate, HouseholdPoverty Poverty, bool MeritPerson, bool MartyrRelative, bool MonthlyAllowance);

/// <summary>The card a person is entitled to on a date: the best group (or none), every group they qualify for, and why.</summary>
public sealed record CardEntitlement(CardGroup? Group, IReadOnlyList<CardGroup> Groups, string Explanation);

/// <summary>
/// Who is entitled to a state-supported health-insurance card (RULES.md §4), as pure functions:
/// the groups a person qualifies for on a date, the one card under the best benefit, the card's
/// validity, its number and what the state budget pays for it.
/// </summary>
public static class CardRules
{
    public static readonly string[] GroupCodes = ["merit_person", "child_under_6", "social_allowance", "poor_household", "martyr_relative", "near_poor"];

    /// <summary>Whole years of age on a date.</summary>
    public static int Age(DateOnly birth, DateOnly on)
    {
        var age = on.Year - birth.Year;
        return birth.AddYears(age) > on ? age - 1 : age;
    }

    public static bool Qualifies(CardGroup g, CardFacts f, DateOnly on) => g.Code switch
    {
        "merit_person" => f.MeritPerson,
        "child_under_6" => f.BirthDate <= on && g.MaxAgeYears is { } max && Age(f.BirthDate, on) < max,
        "social_allowance" => f.MonthlyAllowance,
        "poor_household" => f.Poverty == HouseholdPoverty.Poor,
        "martyr_relative" => f.MartyrRelative,
        "near_poor" => f.Poverty == HouseholdPoverty.NearPoor,
        _ => false,
    };

    public static CardEntitlement Entitlement(CardFacts f, DateOnly on, IReadOnlyList<CardGroup> groups)
    {
        var qualifying = groups.Where(g => g.ValidFrom <= on && (g.ValidTo is null || g.ValidTo >= on) && Qualifies(g, f, on)).OrderBy(g => g.Rank).ToList();
        if (qualifying.Count == 0)
        {
            return new CardEntitlement(null, [], $"Ngày {on:dd/MM/yyyy} không thuộc nhóm nào được ngân sách nhà nước đóng hoặc hỗ trợ đóng bảo hiểm y tế.");
        }
        var best = qualifying[0];
        var others = qualifying.Count > 1 ? $" Cũng thuộc: {string.Join(", ", qualifying.Skip(1).Select(g => g.Name))}; mỗi người chỉ một thẻ, theo nhóm có quyền lợi cao nhất." : "";
        return new CardEntitlement(best, qualifying,
            $"Thẻ nhóm {best.Name} (mã {best.CardPrefix}{best.BenefitCode}, hưởng {best.BenefitPercent} % chi phí, ngân sách đóng {best.StatePercent} % mức phí; {best.Source}{(best.Provisional ? ", chờ xác nhận" : "")}).{others}");
    }

    /// <summary>The last day of a card: the period asked for, but a child's card ends the day before the birthday that leaves the group.</summary>
    public static DateOnly ValidTo(CardGroup g, DateOnly birth, DateOnly requestedTo)
    {
        if (g.MaxAgeYears is { } max)
        {
            var leaves = birth.AddYears(max).AddDays(-1);
            return leaves < requestedTo ? leaves : requestedTo;
        }
        return requestedTo;
    }

    /// <summary>The months a card covers, a begun month counting whole.</summary>
    public static int Months(DateOnly from, DateOnly to) => to < from ? 0 : (to.Year * 12 + to.Month) - (from.Year * 12 + from.Month) + 1;

    /// <summary>The premium per month: the group's rate of the base salary, to the đồng.</summary>
    public static long MonthlyPremium(CardGroup g, long baseSalary) => (long)Math.Round(baseSalary * g.PremiumRate, MidpointRounding.AwayFromZero);

    /// <summary>What the state budget pays for one card over its months.</summary>
    public static long StateCost(CardGroup g, long monthlyPremium, int months) =>
        (long)Math.Round(monthlyPremium * g.StatePercent / 100m, MidpointRounding.AwayFromZero) * months;

    /// <summary>
    /// The card number: the group's two letters, the benefit digit, the province code, then the
    /// person's social-insurance code — the 12-digit personal identification number.
    /// </summary>
    public static string CardNumber(CardGroup g, string provinceCode, string nationalId) =>
        $"{g.CardPrefix}{g.BenefitCode}{provinceCode.PadLeft(2, '0')}{nationalId}";
}
