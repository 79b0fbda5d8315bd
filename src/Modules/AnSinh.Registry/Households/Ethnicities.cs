using AnSinh.Platform.Text;

namespace AnSinh.Registry.Households;

/// <summary>The 54 ethnic groups with the codes of the GSO list (Decision 121-TCTK/PPCĐ, 1979).</summary>
public static class Ethnicities
{
    public sealed record Ethnicity(string Code, string Name);

    public static readonly IReadOnlyList<Ethnicity> All =
    [
        new("01", "Kinh"), new("02", "Tày"), new("03", "Thái"), new("04", "Hoa"), new("05", "Khơ-me"),
        new("06", "Mường"), new("07", "Nùng"), new("08", "HMông"), new("09", "Dao"), new("10", "Gia-rai"),
        new("11", "Ngái"), new("12", "Ê-đê"), new("13", "Ba-na"), new("14", "Xơ-đăng"), new("15", "Sán Chay"),
        new("16", "Cơ-ho"), new("17", "Chăm"), new("18", "Sán Dìu"), new("19", "Hrê"), new("20", "Mnông"),
        new("21", "Ra-glai"), new("22", "Xtiêng"), new("23", "Bru-Vân Kiều"), new("24", "Thổ"), new("25", "Giáy"),
        new("26", "Cơ-tu"), new("27", "Gié-Triêng"), new("28", "Mạ"), new("29", "Khơ-mú"), new("30", "Co"),
        new("31", "Tà-ôi"), new("32", "Chơ-ro"), new("33", "Kháng"), new("34", "Xinh-mun"), new("35", "Hà Nhì"),
        new("36", "Chu-ru"), new("37", "Lào"), new("38", "La Chí"), new("39", "La Ha"), new("40", "Phù Lá"),
        new("41", "La Hủ"), new("42", "Lự"), new("43", "Lô Lô"), new("44", "Chứt"), new("45", "Mảng"),
        new("46", "Pà Thẻn"), new("47", "Cơ Lao"), new("48", "Cống"), new("49", "Bố Y"), new("50", "Si La"),
        new("51", "Pu Péo"), new("52", "Brâu"), new("53", "Ơ Đu"), new("54", "Rơ-măm"),
    ];

    private static readonly Dictionary<string, string> ByKey = Build();

    public const string KinhCode = "01";

    /// <summary>An ethnic-minority group: any group but Kinh (no recorded group counts as not a minority).</summary>
    public static bool IsMinority(string? code) => code is not null && code != KinhCode;

    public static string NameOf(string code) => All.FirstOrDefault(e => e.Code == code)?.Name ?? code;

    /// <summary>Finds a group by code or by name, with or without diacritics and hyphens ("Khmer", "Mông", "Ê Đê").</summary>
    public static string? Find(string? text)
    {
        var key = VietnameseText.SearchKey(text).Replace(" ", "", StringComparison.Ordinal);
        if (key.Length == 0)
        {
            return null;
        }
        if (key.All(char.IsAsciiDigit) && key.Length <= 2)
        {
            var code = key.PadLeft(2, '0');
            return All.Any(e => e.Code == code) ? code : null;
        }
        return ByKey.GetValueOrDefault(key);
    }

    private static Dictionary<string, string> Build()
    {
        var map = All.ToDictionary(e => VietnameseText.SearchKey(e.Name).Replace(" ", "", StringComparison.Ordinal), e => e.Code, StringComparer.Ordinal);
        map["khmer"] = "05";
        map["mong"] = "08";
        map["hmong"] = "08";
        map["meo"] = "08";
        map["ede"] = "12";
        map["bana"] = "13";
        map["xodang"] = "14";
        map["kinhviet"] = "01";
        map["viet"] = "01";
        map["thaiden"] = "03";
        map["thaitrang"] = "03";
        map["muong"] = "06";
        map["khomu"] = "29";
        map["colao"] = "47";
        return map;
    }
}
