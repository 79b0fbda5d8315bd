using AnSinh.Platform.Text;
using AnSinh.Registry.Households;

namespace AnSinh.Registry.Demo;

public sealed record CommuneInfo(int Id, string Code, string ProvinceCode, bool IsUrban);

public sealed record GeneratedVillage(int CommuneId, string Name);

public sealed record GeneratedHousehold(Household Household, IReadOnlyList<Person> Members);

/// <summary>
/// Synthetic households and people that look and behave like the real thing (names, sizes,
/// ethnic groups, partial birth dates, valid 12-digit ID numbers), following POPULATION.md.
/// The same seed gives the same data; the output streams, so any size can be made.
/// </summary>
public sealed class PopulationGenerator(int seed, DateOnly today)
{
    private static readonly (string Name, double Share)[] Families =
    [
        ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 3), ("Huỳnh", 2), ("Phan", 4.5), ("Vũ", 2.5), ("Võ", 1.5),
        ("Đặng", 2), ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5), ("Đinh", 1), ("Trịnh", 0.8),
        ("Đoàn", 0.8), ("Lương", 0.6), ("Mai", 0.6), ("Tạ", 0.4), ("Cao", 0.5), ("Lâm", 0.4), ("Hà", 0.6), ("Chu", 0.3),
    ];

    private static readonly string[] MinorityFamilies = ["Lò", "Cầm", "Quàng", "Lường", "Hoàng", "Sùng", "Giàng", "Vàng", "Thào", "Lầu", "Mùa", "Tòng", "Bạc", "Điêu", "Hà"];
    private static readonly string[] MaleMiddle = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thanh", "Xuân", "Ngọc", "Trọng"];
    private static readonly string[] FemaleMiddle = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Minh", "Kim", "Thùy"];
    private static readonly string[] MaleGiven = ["An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hải", "Hùng", "Huy", "Khánh", "Long", "Minh", "Nam", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Thành", "Tiến", "Toàn", "Trung", "Tuấn", "Việt", "Vinh", "Hiếu", "Hoàng", "Kiên", "Lâm", "Tám", "Bảo", "Khoa", "Đạt", "Hưng"];
    private static readonly string[] FemaleGiven = ["Anh", "Chi", "Dung", "Hà", "Hạnh", "Hằng", "Hoa", "Hồng", "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Thu", "Thủy", "Trang", "Tuyết", "Vân", "Yến", "Xuân", "Nhàn", "Huyền", "Ánh", "Diệp"];
    private static readonly string[] Occupations = ["Làm nông", "Làm nông", "Làm nông", "Công nhân", "Buôn bán", "Làm thuê", "Cán bộ, viên chức", "Thợ xây", "Nội trợ", "Lao động tự do"];

    // Shares of the largest groups nationally (POPULATION.md); mountain communes get more minorities.
    private static readonly (string Code, double Share)[] NationalEthnic = [("01", 85.3), ("02", 1.9), ("03", 1.9), ("06", 1.5), ("08", 1.5), ("05", 1.4), ("07", 1.1), ("09", 0.9), ("04", 0.8), ("10", 0.5), ("12", 0.4)];
    private static readonly (string Code, double Share)[] MountainEthnic = [("03", 45), ("01", 20), ("08", 15), ("06", 8), ("09", 4), ("29", 3), ("02", 3), ("37", 1), ("33", 1)];

    private readonly Random _random = new(seed);
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    /// <summary>Provinces of the northern mountains and the Central Highlands, where minorities are the majority in many communes.</summary>
    public static readonly IReadOnlySet<string> MountainProvinces = new HashSet<string>(StringComparer.Ordinal) { "02", "04", "08", "11", "12", "14", "15", "17", "20", "66", "68", "62", "64" };

    public static IReadOnlyList<GeneratedVillage> Villages(IReadOnlyList<CommuneInfo> communes, int seed)
    {
        var r = new Random(seed ^ 0x5f3759df);
        var list = new List<GeneratedVillage>();
        string[] named = ["Đình", "Chùa", "Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Mới", "Cầu", "Bến"];
        foreach (var c in communes)
        {
            var n = r.Next(5, 16);
            for (var i = 1; i <= n; i++)
            {
                var name = c.IsUrban ? $"Tổ dân phố {i}"
                    : MountainProvinces.Contains(c.ProvinceCode) ? (i % 3 == 0 ? $"Bản {named[i % named.Length]}" : $"Bản {i}")
                    : i % 4 == 0 ? $"Thôn {named[(i / 4) % named.Length]}" : $"Thôn {i}";
                if (list.Any(v => v.CommuneId == c.Id && v.Name == name))
                {
                    name = $"{name} {i}";
                }
                list.Add(new GeneratedVillage(c.Id, name));
            }
        }
        return list;
    }

    /// <summary>Households until about <paramref name="people"/> people were made, spread over the communes.</summary>
    public IEnumerable<GeneratedHousehold> Households(IReadOnlyList<CommuneInfo> communes, IReadOnlyList<GeneratedVillage> villages, int people, Func<int, int> firstCodeNumber)
    {
        var byCommune = villages.GroupBy(v => v.CommuneId).ToDictionary(g => g.Key, g => g.Select(v => v.Name).ToArray());
        var nextCode = new Dictionary<int, int>();
        var made = 0;
        var registered = new DateOnly(2020, 1, 1);
        while (made < people)
        {
            var c = communes[_random.Next(communes.Count)];
            if (!nextCode.TryGetValue(c.Id, out var n))
            {
                n = firstCodeNumber(c.Id);
            }
            nextCode[c.Id] = n + 1;
            var villageNames = byCommune.GetValueOrDefault(c.Id) ?? ["Thôn 1"];
            var village = villageNames[_random.Next(villageNames.Length)];
            var mountain = MountainProvinces.Contains(c.ProvinceCode);
            var ethnic = Pick(mountain ? MountainEthnic : NationalEthnic);
            var h = new Household
            {
                Id = NewGuid(),
                Code = n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
                CommuneUnitId = c.Id,
                CommuneCode = c.Code,
                ProvinceCode = c.ProvinceCode,
                VillageName = village,
                Address = $"Số {_random.Next(1, 300)}, {village}",
                AddressSearch = "",
                IsUrban = c.IsUrban,
                RegisteredOn = registered,
                CreatedAt = DateTime.SpecifyKind(registered.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc),
            };
            h.AddressSearch = VietnameseText.SearchKey(h.Address);
            var size = HouseholdSize();
            var members = MakeMembers(h, size, ethnic, mountain && ethnic != Ethnicities.KinhCode);
            made += members.Count;
            yield return new GeneratedHousehold(h, members);
        }
    }

    private List<Person> MakeMembers(Household h, int size, string ethnic, bool minorityNames)
    {
        var members = new List<Person>(size);
        var family = minorityNames ? MinorityFamilies[_random.Next(MinorityFamilies.Length)] : Pick(Families);
        var headMale = _random.NextDouble() < 0.72;
        var headAge = size == 1 ? _random.Next(25, 92) : _random.Next(24, 80);
        members.Add(MakePerson(h, family, headMale ? Sex.Male : Sex.Female, headAge, Relationship.Head, ethnic));
        if (size >= 2)
        {
            var spouseFamily = minorityNames ? MinorityFamilies[_random.Next(MinorityFamilies.Length)] : Pick(Families);
            members.Add(MakePerson(h, spouseFamily, headMale ? Sex.Female : Sex.Male, Math.Clamp(headAge + _random.Next(-6, 5), 18, 95), Relationship.Spouse, ethnic));
        }
        for (var i = 2; i < size; i++)
        {
            var grandchild = headAge > 55 && i >= 4;
            var age = grandchild ? _random.Next(0, 15) : Math.Max(0, headAge - _random.Next(20, 38));
            var sex = _random.NextDouble() < 0.51 ? Sex.Male : Sex.Female;
            members.Add(MakePerson(h, headMale ? family : Pick(Families), sex, age, grandchild ? Relationship.Grandchild : Relationship.Child, ethnic));
        }
        HouseholdService.SetHead(h, members[0]);
        return members;
    }

    private Person MakePerson(Household h, string family, Sex sex, int age, Relationship relationship, string ethnic)
    {
        var middle = sex == Sex.Male ? MaleMiddle[_random.Next(MaleMiddle.Length)] : FemaleMiddle[_random.Next(FemaleMiddle.Length)];
        var given = sex == Sex.Male ? MaleGiven[_random.Next(MaleGiven.Length)] : FemaleGiven[_random.Next(FemaleGiven.Length)];
        var fullName = _random.NextDouble() < 0.15 && sex == Sex.Female
            ? $"{family} {middle} {FemaleGiven[_random.Next(FemaleGiven.Length)]} {given}"
            : $"{family} {middle} {given}";
        var year = today.Year - age;
        int? month = null;
        int? day = null;
        // The elderly often have only a year of birth.
        var precision = age >= 70 ? _random.NextDouble() : 1;
        if (precision > 0.5)
        {
            month = _random.Next(1, 13);
            if (precision > 0.6)
            {
                day = _random.Next(1, DateTime.DaysInMonth(year, month.Value) + 1);
            }
        }
        if (new DateOnly(year, month ?? 1, day ?? 1) > today)
        {
            year--;
        }
        var member = new ValidMember(fullName, sex, new PartialDate(year, month, day),
            age >= 14 || _random.NextDouble() < 0.6 ? NationalId(h.ProvinceCode, sex, year) : null,
            ethnic, relationship, age >= 18 ? Occupations[_random.Next(Occupations.Length)] : age >= 6 ? "Học sinh" : null,
            null, _random.NextDouble() < 0.015 ? (DisabilityLevel)_random.Next(1, 4) : DisabilityLevel.None);
        var p = HouseholdService.NewPerson(h, member);
        p.Id = NewGuid();
        return p;
    }

    private string NationalId(string provinceCode, Sex sex, int year)
    {
        var centuryDigit = ((year / 100) - 19) * 2 + (sex == Sex.Female ? 1 : 0);
        while (true)
        {
            var id = $"0{provinceCode}{centuryDigit}{year % 100:D2}{_random.Next(0, 1_000_000):D6}";
            if (_ids.Add(id))
            {
                return id;
            }
        }
    }

    private int HouseholdSize()
    {
        // About 10 % single-person, mean about 3.5 (POPULATION.md).
        var x = _random.NextDouble();
        return x switch
        {
            < 0.10 => 1,
            < 0.25 => 2,
            < 0.48 => 3,
            < 0.74 => 4,
            < 0.88 => 5,
            < 0.95 => 6,
            < 0.98 => 7,
            _ => _random.Next(8, 12),
        };
    }

    private string Pick((string Name, double Share)[] table)
    {
        var total = 0.0;
        foreach (var t in table)
        {
            total += t.Share;
        }
        var x = _random.NextDouble() * total;
        foreach (var t in table)
        {
            x -= t.Share;
            if (x <= 0)
            {
                return t.Name;
            }
        }
        return table[^1].Name;
    }

    private Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        return new Guid(bytes);
    }
}
