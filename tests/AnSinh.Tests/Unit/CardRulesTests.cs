using AnSinh.Benefits.HealthCards;
using AnSinh.Benefits.Parameters;

namespace AnSinh.Tests.Unit;

/// <summary>Health-insurance card rules (RULES.md §4) with the shipped groups: who qualifies, the one card, validity, premium and number.</summary>
public sealed class CardRulesTests
{
    private static readonly IReadOnlyList<CardGroup> Groups = ShippedParameters.CardGroups;

    private static CardGroup G(string code) => Groups.Single(g => g.Code == code);

    private static readonly DateOnly Jan2026 = new(2026, 1, 1);

    [Fact]
    public void A_child_under_six_of_a_poor_household_gets_one_card_as_a_child()
    {
        var e = CardRules.Entitlement(new CardFacts(new DateOnly(2022, 6, 1), HouseholdPoverty.Poor, false, false, false), Jan2026, Groups);
        Assert.Equal("child_under_6", e.Group!.Code);
        Assert.Equal(["child_under_6", "poor_household"], e.Groups.Select(g => g.Code));
        Assert.Contains("mỗi người chỉ một thẻ", e.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Six_years_old_on_the_day_is_no_longer_a_child_of_the_group()
    {
        var birth = new DateOnly(2020, 1, 1);
        Assert.Equal("child_under_6", CardRules.Entitlement(new CardFacts(birth, HouseholdPoverty.None, false, false, false), new DateOnly(2025, 12, 31), Groups).Group!.Code);
        Assert.Null(CardRules.Entitlement(new CardFacts(birth, HouseholdPoverty.None, false, false, false), Jan2026, Groups).Group);
    }

    [Fact]
    public void The_best_benefit_wins_merit_over_allowance_over_poor_over_martyr_relative_over_near_poor()
    {
        var adult = new DateOnly(1950, 1, 1);
        Assert.Equal("merit_person", CardRules.Entitlement(new CardFacts(adult, HouseholdPoverty.Poor, true, false, true), Jan2026, Groups).Group!.Code);
        Assert.Equal("social_allowance", CardRules.Entitlement(new CardFacts(adult, HouseholdPoverty.Poor, false, true, true), Jan2026, Groups).Group!.Code);
        Assert.Equal("poor_household", CardRules.Entitlement(new CardFacts(adult, HouseholdPoverty.Poor, false, true, false), Jan2026, Groups).Group!.Code);
        Assert.Equal("martyr_relative", CardRules.Entitlement(new CardFacts(adult, HouseholdPoverty.NearPoor, false, true, false), Jan2026, Groups).Group!.Code);
        Assert.Equal("near_poor", CardRules.Entitlement(new CardFacts(adult, HouseholdPoverty.NearPoor, false, false, false), Jan2026, Groups).Group!.Code);
        Assert.Null(CardRules.Entitlement(new CardFacts(adult, HouseholdPoverty.None, false, false, false), Jan2026, Groups).Group);
    }

    [Fact]
    public void The_near_poor_group_is_read_from_its_date()
    {
        // Shipped from 1/7/2025 (state share ≥ 70 %); before that date no near-poor row is loaded.
        Assert.Null(CardRules.Entitlement(new CardFacts(new DateOnly(1960, 1, 1), HouseholdPoverty.NearPoor, false, false, false), new DateOnly(2025, 6, 30), Groups).Group);
        Assert.Equal(70, G("near_poor").StatePercent);
    }

    [Fact]
    public void A_childs_card_ends_the_day_before_the_sixth_birthday()
    {
        Assert.Equal(new DateOnly(2026, 3, 14), CardRules.ValidTo(G("child_under_6"), new DateOnly(2020, 3, 15), new DateOnly(2026, 12, 31)));
        Assert.Equal(new DateOnly(2026, 12, 31), CardRules.ValidTo(G("child_under_6"), new DateOnly(2023, 3, 15), new DateOnly(2026, 12, 31)));
        Assert.Equal(new DateOnly(2026, 12, 31), CardRules.ValidTo(G("poor_household"), new DateOnly(2020, 3, 15), new DateOnly(2026, 12, 31)));
    }

    [Fact]
    public void The_premium_is_four_and_a_half_percent_of_the_base_salary_and_the_state_pays_its_share_per_month()
    {
        var baseSalary = ShippedParameters.BaseLevels.Single(b => b.Scheme == Scheme.BaseSalary && b.ValidFrom == new DateOnly(2024, 7, 1)).Amount;
        Assert.Equal(105_300, CardRules.MonthlyPremium(G("poor_household"), baseSalary));
        Assert.Equal(113_850, CardRules.MonthlyPremium(G("poor_household"), 2_530_000));
        Assert.Equal(12, CardRules.Months(Jan2026, new DateOnly(2026, 12, 31)));
        Assert.Equal(3, CardRules.Months(Jan2026, new DateOnly(2026, 3, 14)));
        Assert.Equal(0, CardRules.Months(Jan2026, new DateOnly(2025, 12, 31)));
        Assert.Equal(12 * 105_300, CardRules.StateCost(G("poor_household"), 105_300, 12));
        Assert.Equal(12 * 73_710, CardRules.StateCost(G("near_poor"), 105_300, 12));
    }

    [Fact]
    public void The_card_number_is_letters_benefit_digit_province_and_the_personal_id()
    {
        Assert.Equal("TE104001223012345", CardRules.CardNumber(G("child_under_6"), "04", "001223012345"));
        Assert.Equal("CN301001223012345", CardRules.CardNumber(G("near_poor"), "1", "001223012345"));
    }

    [Fact]
    public void Every_group_names_its_legal_text_and_the_shipped_ranks_are_distinct()
    {
        Assert.All(Groups, g => Assert.Contains("Luật Bảo hiểm y tế", g.Source, StringComparison.Ordinal));
        Assert.Equal(Groups.Count, Groups.Select(g => g.Rank).Distinct().Count());
        Assert.Equal(CardRules.GroupCodes.Order(), Groups.Select(g => g.Code).Order());
    }
}
