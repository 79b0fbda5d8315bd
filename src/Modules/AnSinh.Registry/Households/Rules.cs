using System.Globalization;
using AnSinh.Platform.Text;

namespace AnSinh.Registry.Households;

/// <summary>
/// A birth date as known: a year, a year and month, or a whole date. The elderly often have
/// only a year of birth; it is kept as such, never invented.
/// </summary>
public readonly record struct PartialDate(int Year, int? Month, int? Day)
{
    public override string ToString() => Day is not null
        ? $"{Year:D4}-{Month:D2}-{Day:D2}"
        : Month is not null ? $"{Year:D4}-{Month:D2}" : $"{Year:D4}";

    /// <summary>Vietnamese display: 05/03/1950, 03/1950 or 1950.</summary>
    public string ToDisplay() => Day is not null
        ? $"{Day:D2}/{Month:D2}/{Year:D4}"
        : Month is not null ? $"{Month:D2}/{Year:D4}" : $"{Year:D4}";

    /// <summary>The earliest day the partial date can mean.</summary>
    public DateOnly Earliest => new(Year, Month ?? 1, Day ?? 1);

    /// <summary>Age in whole years on a day; with a partial date, the age reached by then at the latest.</summary>
    public int AgeOn(DateOnly date)
    {
        var age = date.Year - Year;
        if (Month is { } m && (date.Month < m || (date.Month == m && Day is { } d && date.Day < d)))
        {
            age--;
        }
        return age;
    }

    /// <summary>Accepts YYYY, YYYY-MM, YYYY-MM-DD, MM/YYYY and DD/MM/YYYY.</summary>
    public static bool TryParse(string? text, out PartialDate value, out string? error)
    {
        value = default;
        error = null;
        var s = text?.Trim() ?? "";
        if (s.Length == 0)
        {
            error = "Thiếu ngày sinh.";
            return false;
        }
        string[] parts;
        int year;
        int? month = null;
        int? day = null;
        if (s.Contains('/', StringComparison.Ordinal))
        {
            parts = s.Split('/');
            if (parts.Length is < 2 or > 3 || !parts.All(IsDigits))
            {
                error = $"Ngày sinh \"{Short(s)}\" không đúng dạng (năm, tháng/năm hoặc ngày/tháng/năm).";
                return false;
            }
            year = int.Parse(parts[^1], CultureInfo.InvariantCulture);
            month = int.Parse(parts[^2], CultureInfo.InvariantCulture);
            if (parts.Length == 3)
            {
                day = int.Parse(parts[0], CultureInfo.InvariantCulture);
            }
        }
        else
        {
            parts = s.Split('-');
            if (parts.Length is < 1 or > 3 || !parts.All(IsDigits) || parts[0].Length != 4)
            {
                error = $"Ngày sinh \"{Short(s)}\" không đúng dạng (YYYY, YYYY-MM hoặc YYYY-MM-DD).";
                return false;
            }
            year = int.Parse(parts[0], CultureInfo.InvariantCulture);
            if (parts.Length >= 2)
            {
                month = int.Parse(parts[1], CultureInfo.InvariantCulture);
            }
            if (parts.Length == 3)
            {
                day = int.Parse(parts[2], CultureInfo.InvariantCulture);
            }
        }
        if (year is < 1880 or > 2200)
        {
            error = $"Năm sinh {year} không hợp lệ.";
            return false;
        }
        if (month is < 1 or > 12)
        {
            error = $"Tháng sinh {month} không hợp lệ.";
            return false;
        }
        if (day is { } d && (d < 1 || d > DateTime.DaysInMonth(year, month!.Value)))
        {
            error = $"Ngày sinh {d}/{month}/{year} không có trên lịch.";
            return false;
        }
        value = new PartialDate(year, month, day);
        return true;
    }

    private static bool IsDigits(string p) => p.Length > 0 && p.All(char.IsAsciiDigit);

    private static string Short(string s) => s.Length > 30 ? s[..30] + "…" : s;
}

public static class PersonRules
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 500;

    /// <summary>
    /// Checks a 12-digit citizen ID number (Decree 137/2015, Circular 59/2021/TT-BCA Art. 7):
    /// digits 1–3 the province of birth registration, digit 4 sex and century
    /// (0/1 man/woman born 1900–1999, 2/3 in 2000–2099, 4/5 in 2100–2199, …, 8/9 in 1800s),
    /// digits 5–6 the last two digits of the birth year.
    /// </summary>
    public static string? CheckNationalId(string id, Sex sex, int birthYear)
    {
        if (id.Length != 12 || !id.All(char.IsAsciiDigit))
        {
            return "Số CCCD/định danh phải gồm đúng 12 chữ số.";
        }
        var code = id[3] - '0';
        var century = (code / 2) switch
        {
            0 => 1900,
            1 => 2000,
            2 => 2100,
            3 => 2200,
            _ => 1800,
        };
        var idSex = code % 2 == 0 ? Sex.Male : Sex.Female;
        if (idSex != sex)
        {
            return $"Số CCCD {id} là của {(idSex == Sex.Male ? "nam" : "nữ")}, không khớp với giới tính đã khai.";
        }
        var idYear = century + int.Parse(id.AsSpan(4, 2), CultureInfo.InvariantCulture);
        if (idYear != birthYear)
        {
            return $"Số CCCD {id} ghi năm sinh {idYear}, không khớp với năm sinh {birthYear}.";
        }
        return null;
    }

    /// <summary>A text field: normalised to NFC, no legacy encoding, not too long.</summary>
    public static string? CheckText(string? value, string label, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? $"Thiếu {label}." : null;
        }
        if (value.Length > max)
        {
            return $"{Capitalise(label)} dài {value.Length:N0} ký tự, vượt giới hạn {max} ký tự.";
        }
        var legacy = VietnameseText.DetectLegacyEncoding(value);
        return legacy == LegacyEncoding.None ? null : $"{Capitalise(label)}: {VietnameseText.DescribeLegacyEncoding(legacy)}";
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpper(s[0], CultureInfo.InvariantCulture) + s[1..];

    public static Sex? ParseSex(string? s) => VietnameseText.SearchKey(s) switch
    {
        "male" or "nam" or "m" or "1" => Sex.Male,
        "female" or "nu" or "f" or "2" => Sex.Female,
        _ => null,
    };

    public static string Code(Sex s) => s == Sex.Male ? "male" : "female";

    public static string Vietnamese(Sex s) => s == Sex.Male ? "Nam" : "Nữ";

    public static Relationship? ParseRelationship(string? s) => VietnameseText.SearchKey(s) switch
    {
        "head" or "chu ho" => Relationship.Head,
        "spouse" or "vo" or "chong" or "vo chong" => Relationship.Spouse,
        "child" or "con" => Relationship.Child,
        "parent" or "bo" or "me" or "cha" or "bo me" or "cha me" => Relationship.Parent,
        "grandchild" or "chau" => Relationship.Grandchild,
        "sibling" or "anh chi em" or "anh" or "chi" or "em" or "anh em" or "chi em" => Relationship.Sibling,
        "other" or "khac" => Relationship.Other,
        _ => null,
    };

    public static string Code(Relationship r) => r switch
    {
        Relationship.Head => "head",
        Relationship.Spouse => "spouse",
        Relationship.Child => "child",
        Relationship.Parent => "parent",
        Relationship.Grandchild => "grandchild",
        Relationship.Sibling => "sibling",
        _ => "other",
    };

    public static string Vietnamese(Relationship r) => r switch
    {
        Relationship.Head => "Chủ hộ",
        Relationship.Spouse => "Vợ/chồng",
        Relationship.Child => "Con",
        Relationship.Parent => "Bố/mẹ",
        Relationship.Grandchild => "Cháu",
        Relationship.Sibling => "Anh/chị/em",
        _ => "Khác",
    };

    public static string Vietnamese(PersonStatus s) => s switch
    {
        PersonStatus.Resident => "Đang cư trú",
        PersonStatus.MovedAway => "Đã chuyển đi",
        _ => "Đã mất",
    };

    public static string Code(PersonStatus s) => s switch
    {
        PersonStatus.Resident => "resident",
        PersonStatus.MovedAway => "moved_away",
        _ => "deceased",
    };

    public static PersonStatus? ParseStatus(string? s) => VietnameseText.SearchKey(s) switch
    {
        "resident" or "dang cu tru" => PersonStatus.Resident,
        "moved away" or "da chuyen di" => PersonStatus.MovedAway,
        "deceased" or "da mat" => PersonStatus.Deceased,
        _ => null,
    };

    public static DisabilityLevel? ParseDisability(string? s) => VietnameseText.SearchKey(s) switch
    {
        "" or "none" or "khong" => DisabilityLevel.None,
        "mild" or "nhe" => DisabilityLevel.Mild,
        "severe" or "nang" => DisabilityLevel.Severe,
        "particularly severe" or "dac biet nang" => DisabilityLevel.ParticularlySevere,
        _ => null,
    };

    public static string Code(DisabilityLevel d) => d switch
    {
        DisabilityLevel.None => "none",
        DisabilityLevel.Mild => "mild",
        DisabilityLevel.Severe => "severe",
        _ => "particularly_severe",
    };

    public static string Vietnamese(DisabilityLevel d) => d switch
    {
        DisabilityLevel.None => "Không",
        DisabilityLevel.Mild => "Nhẹ",
        DisabilityLevel.Severe => "Nặng",
        _ => "Đặc biệt nặng",
    };

    public static string Vietnamese(HouseholdEventKind k) => k switch
    {
        HouseholdEventKind.Registered => "Đăng ký hộ",
        HouseholdEventKind.Birth => "Sinh",
        HouseholdEventKind.Death => "Chết",
        HouseholdEventKind.MoveIn => "Chuyển đến",
        HouseholdEventKind.MoveOut => "Chuyển đi",
        HouseholdEventKind.Split => "Tách hộ",
        HouseholdEventKind.HeadChange => "Thay đổi chủ hộ",
        HouseholdEventKind.Correction => "Điều chỉnh thông tin",
        HouseholdEventKind.Rehomed => "Chuyển về xã mới (sắp xếp ĐVHC 2025)",
        _ => "Nhập từ tệp",
    };
}

/// <summary>
/// When the head dies and a member takes over, each other member's relationship to the new head,
/// from what it was to the deceased head and what the new head was to the deceased head. Only what
/// the two relationships imply for certain is kept; anything else becomes <see cref="Relationship.Other"/>
/// (the officer corrects it on the person's page when the family says otherwise).
/// </summary>
public static class HeadSuccession
{
    public static Relationship Remap(Relationship newHeadWas, Relationship memberWas) => (newHeadWas, memberWas) switch
    {
        (_, Relationship.Head) => Relationship.Other,
        // The surviving spouse: the head's children, grandchildren and parents stay what they were to the couple.
        (Relationship.Spouse, Relationship.Child or Relationship.Grandchild or Relationship.Parent) => memberWas,
        // A child: the surviving spouse is the new head's parent, the other children are siblings.
        (Relationship.Child, Relationship.Spouse) => Relationship.Parent,
        (Relationship.Child, Relationship.Child) => Relationship.Sibling,
        // A parent: the head's children are grandchildren, the head's siblings are children.
        (Relationship.Parent, Relationship.Child) => Relationship.Grandchild,
        (Relationship.Parent, Relationship.Sibling) => Relationship.Child,
        // A sibling: the head's parents and siblings are the new head's too.
        (Relationship.Sibling, Relationship.Parent or Relationship.Sibling) => memberWas,
        _ => Relationship.Other,
    };

    /// <summary>The new relationship of every member, in the order given, for the event's record.</summary>
    public static string Describe(string deceased, string newHead, Relationship newHeadWas, IEnumerable<(string Name, Relationship Before, Relationship After)> members)
    {
        var text = $"Chủ hộ {deceased} mất; {newHead} ({PersonRules.Vietnamese(newHeadWas).ToLowerInvariant()} của chủ hộ cũ) làm chủ hộ.";
        var list = members.Select(m => m.Before == m.After ? $"{m.Name}: {PersonRules.Vietnamese(m.After)}" : $"{m.Name}: {PersonRules.Vietnamese(m.Before)} → {PersonRules.Vietnamese(m.After)}").ToList();
        return list.Count == 0 ? text : text + " Quan hệ với chủ hộ mới: " + string.Join("; ", list) + ".";
    }
}
