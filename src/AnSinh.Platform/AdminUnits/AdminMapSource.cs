using System.Text.Json;
using AnSinh.Platform.Text;

namespace AnSinh.Platform.AdminUnits;

/// <summary>
/// Reads the official unit lists shipped inside this assembly (copied from the project's data,
/// MIT-licensed, see AdminUnits/Data/LICENSE*) into units and succession links with fixed ids.
/// </summary>
public static class AdminMapSource
{
    /// <summary>Last day of the three-level map.</summary>
    public static readonly DateOnly OldMapValidTo = new(2025, 6, 30);

    /// <summary>First day of the two-level map (Resolution 202/2025/QH15).</summary>
    public static readonly DateOnly NewMapValidFrom = new(2025, 7, 1);

    public sealed record AdminMap(
        IReadOnlyList<AdminUnit> Units,
        IReadOnlyList<AdminUnitLink> Links,
        IReadOnlyList<string> Warnings);

    private static readonly string[] TypePrefixes =
    [
        "Thành phố", "Tỉnh", "Quận", "Huyện", "Thị xã", "Thị trấn", "Phường", "Xã", "Đặc khu",
    ];

    public static AdminMap Load()
    {
        using var oldDoc = JsonDocument.Parse(Open("units-2024.json"));
        using var newDoc = JsonDocument.Parse(Open("units-2025.json"));
        using var mergeDoc = JsonDocument.Parse(Open("merges-2025.json"));

        var units = new List<AdminUnit>(14_500);
        var warnings = new List<string>();
        var id = 0;

        // Old province code → new province code, from the province-level merges.
        var provinceSuccessor = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in mergeDoc.RootElement.GetProperty("data").EnumerateArray())
        {
            var newCode = p.GetProperty("level1_id").GetString()!;
            foreach (var m in p.GetProperty("merges").EnumerateArray())
            {
                provinceSuccessor[m.GetProperty("old_id").GetString()!] = newCode;
            }
        }

        var oldByCode = new Dictionary<(AdminLevel, string), AdminUnit>();
        foreach (var p in oldDoc.RootElement.EnumerateArray())
        {
            var pCode = p.GetProperty("Code").GetString()!;
            var current = provinceSuccessor.GetValueOrDefault(pCode, pCode);
            var province = Make(++id, pCode, p.GetProperty("FullName").GetString()!, AdminLevel.Province, null, pCode, current, null, AdminMapSource.OldMapValidTo);
            units.Add(province);
            oldByCode[(AdminLevel.Province, pCode)] = province;
            if (p.GetProperty("District") is not { ValueKind: JsonValueKind.Array } districts)
            {
                continue;
            }
            foreach (var d in districts.EnumerateArray())
            {
                var district = Make(++id, d.GetProperty("Code").GetString()!, d.GetProperty("FullName").GetString()!, AdminLevel.District, province, pCode, current, null, OldMapValidTo);
                units.Add(district);
                if (!d.TryGetProperty("Ward", out var wards) || wards.ValueKind != JsonValueKind.Array)
                {
                    continue; // a few island districts have no communes
                }
                foreach (var w in wards.EnumerateArray())
                {
                    var commune = Make(++id, w.GetProperty("Code").GetString()!, w.GetProperty("FullName").GetString()!, AdminLevel.Commune, district, pCode, current, null, OldMapValidTo);
                    units.Add(commune);
                    oldByCode[(AdminLevel.Commune, commune.Code)] = commune;
                }
            }
        }

        var newByCode = new Dictionary<(AdminLevel, string), AdminUnit>();
        foreach (var p in newDoc.RootElement.EnumerateArray())
        {
            var pCode = p.GetProperty("Code").GetString()!;
            var province = Make(++id, pCode, p.GetProperty("FullName").GetString()!, AdminLevel.Province, null, pCode, pCode, NewMapValidFrom, null,
                p.GetProperty("Name").GetString(), p.GetProperty("AdministrativeUnitShortName").GetString());
            units.Add(province);
            newByCode[(AdminLevel.Province, pCode)] = province;
            foreach (var w in p.GetProperty("Wards").EnumerateArray())
            {
                var commune = Make(++id, w.GetProperty("Code").GetString()!, w.GetProperty("FullName").GetString()!, AdminLevel.Commune, province, pCode, pCode, NewMapValidFrom, null,
                    w.GetProperty("Name").GetString(), w.GetProperty("AdministrativeUnitShortName").GetString());
                units.Add(commune);
                newByCode[(AdminLevel.Commune, commune.Code)] = commune;
            }
        }

        var links = new List<AdminUnitLink>(11_000);
        var linkId = 0;
        var seen = new HashSet<(int, int)>();
        foreach (var p in mergeDoc.RootElement.GetProperty("data").EnumerateArray())
        {
            var newProvinceCode = p.GetProperty("level1_id").GetString()!;
            if (!newByCode.TryGetValue((AdminLevel.Province, newProvinceCode), out var newProvince))
            {
                warnings.Add($"Tỉnh mới {newProvinceCode} trong tệp sáp nhập không có trong danh mục 2025.");
                continue;
            }
            AddLinks(p.GetProperty("merges"), AdminLevel.Province, newProvince);
            foreach (var c in p.GetProperty("level2s").EnumerateArray())
            {
                var newCode = c.GetProperty("level2_id").GetString()!;
                if (!newByCode.TryGetValue((AdminLevel.Commune, newCode), out var newCommune))
                {
                    warnings.Add($"Xã mới {newCode} trong tệp sáp nhập không có trong danh mục 2025.");
                    continue;
                }
                AddLinks(c.GetProperty("merges"), AdminLevel.Commune, newCommune);
            }
        }

        return new AdminMap(units, links, warnings);

        void AddLinks(JsonElement merges, AdminLevel level, AdminUnit target)
        {
            foreach (var m in merges.EnumerateArray())
            {
                var oldCode = m.GetProperty("old_id").GetString()!;
                if (!oldByCode.TryGetValue((level, oldCode), out var old))
                {
                    warnings.Add($"Đơn vị cũ {oldCode} (nối vào {target.Code}) không có trong danh mục trước 2025.");
                    continue;
                }
                if (!seen.Add((old.Id, target.Id)))
                {
                    continue;
                }
                var kind = string.Equals(m.GetProperty("type").GetString(), "partial", StringComparison.OrdinalIgnoreCase)
                    ? SuccessionKind.Partial
                    : SuccessionKind.Full;
                links.Add(new AdminUnitLink
                {
                    Id = ++linkId,
                    OldUnitId = old.Id,
                    NewUnitId = target.Id,
                    OldCode = old.Code,
                    NewCode = target.Code,
                    Level = level,
                    Kind = kind,
                });
            }
        }
    }

    private static AdminUnit Make(int id, string code, string fullName, AdminLevel level, AdminUnit? parent, string provinceCode,
        string currentProvinceCode, DateOnly? from, DateOnly? to, string? shortName = null, string? unitType = null)
    {
        fullName = VietnameseText.Normalize(fullName);
        unitType ??= TypePrefixes.FirstOrDefault(t => fullName.StartsWith(t + " ", StringComparison.Ordinal)) ?? "";
        var name = shortName is not null
            ? VietnameseText.Normalize(shortName)
            : unitType.Length > 0 ? fullName[(unitType.Length + 1)..] : fullName;
        return new AdminUnit
        {
            Id = id,
            Code = code,
            Name = name,
            FullName = fullName,
            UnitType = unitType,
            Level = level,
            ParentId = parent?.Id,
            ParentCode = parent?.Code,
            ProvinceCode = provinceCode,
            CurrentProvinceCode = currentProvinceCode,
            ValidFrom = from,
            ValidTo = to,
            SearchName = VietnameseText.SearchKey(fullName),
            IsUrban = unitType is "Phường" or "Thị trấn",
        };
    }

    private static Stream Open(string name) =>
        typeof(AdminMapSource).Assembly.GetManifestResourceStream("AdminUnits." + name)
        ?? throw new InvalidOperationException($"Missing embedded resource AdminUnits.{name}");
}
