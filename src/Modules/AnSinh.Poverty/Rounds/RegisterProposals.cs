using AnSinh.Registry.Households;

namespace AnSinh.Poverty.Rounds;

/// <summary>What the register already says about an indicator: a proposal the officer confirms or overrides.</summary>
public sealed record Proposal(string Indicator, bool? Deprived, string Reason);

/// <summary>
/// Proposals for form B from the household register (RULES.md §1 thresholds): floor area per
/// member, dependants, children's schooling. Pure: the caller passes the members living in the
/// household on the survey date.
/// </summary>
public static class RegisterProposals
{
    /// <summary>Under 8 m² of floor per person is deprived (Decree 07/2021, indicator "housing area").</summary>
    public const decimal MinFloorAreaPerPerson = 8m;

    public sealed record Member(int BirthYear, int? BirthMonth, int? BirthDay, DisabilityLevel Disability, string? Schooling);

    public static int AgeOn(Member m, DateOnly date)
    {
        var age = date.Year - m.BirthYear;
        if (m.BirthMonth is { } month && (date.Month < month || (date.Month == month && m.BirthDay is { } day && date.Day < day)))
        {
            age--;
        }
        return age;
    }

    public static IReadOnlyList<Proposal> For(IReadOnlyList<Member> members, decimal? floorArea, DateOnly date, IReadOnlyList<string> indicators)
    {
        var list = new List<Proposal>();
        if (members.Count == 0)
        {
            return list;
        }
        if (indicators.Contains("housing_area"))
        {
            list.Add(floorArea is { } area
                ? new Proposal("housing_area", area / members.Count < MinFloorAreaPerPerson,
                    $"{area:0.##} m² cho {members.Count} người = {area / members.Count:0.##} m²/người (ngưỡng {MinFloorAreaPerPerson} m²).")
                : new Proposal("housing_area", null, $"Sổ hộ có {members.Count} người; cần diện tích nhà để tính."));
        }
        if (indicators.Contains("dependants"))
        {
            // Dependants: children under 16, people aged 60 and over, people with a severe disability.
            var dependants = members.Count(m => AgeOn(m, date) is < 16 or >= 60 || m.Disability >= DisabilityLevel.Severe);
            list.Add(new Proposal("dependants", dependants * 2 > members.Count, $"{dependants}/{members.Count} người là người phụ thuộc (dưới 16 tuổi, từ 60 tuổi, khuyết tật nặng)."));
        }
        if (indicators.Contains("child_schooling"))
        {
            var children = members.Where(m => AgeOn(m, date) is >= 3 and < 16).ToList();
            if (children.Count == 0)
            {
                list.Add(new Proposal("child_schooling", false, "Hộ không có trẻ từ 3 đến dưới 16 tuổi."));
            }
            else if (children.Any(c => NotInSchool(c.Schooling)))
            {
                list.Add(new Proposal("child_schooling", true, "Sổ hộ ghi có trẻ từ 3 đến dưới 16 tuổi không đi học."));
            }
            else if (children.Any(c => string.IsNullOrWhiteSpace(c.Schooling)))
            {
                list.Add(new Proposal("child_schooling", null, $"{children.Count(c => string.IsNullOrWhiteSpace(c.Schooling))} trẻ chưa ghi tình trạng đi học."));
            }
            else
            {
                list.Add(new Proposal("child_schooling", false, $"{children.Count} trẻ từ 3 đến dưới 16 tuổi đều có ghi đang đi học."));
            }
        }
        return list;
    }

    private static bool NotInSchool(string? schooling) =>
        schooling is not null && (schooling.Contains("không đi học", StringComparison.OrdinalIgnoreCase)
            || schooling.Contains("bỏ học", StringComparison.OrdinalIgnoreCase)
            || schooling.Contains("nghỉ học", StringComparison.OrdinalIgnoreCase));
}
