using System.Text;
using AnSinh.Platform.Text;
using Xunit;

namespace AnSinh.Tests.Unit;

public class VietnameseTextTests
{
    [Theory]
    [InlineData("  Nguyễn   Văn\tA \r\n", "Nguyễn Văn A")]
    [InlineData("Trần\u00A0Thị\u200B Hồng", "Trần Thị Hồng")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData(null, "")]
    public void NormalizeTrimsAndCollapsesWhitespace(string? input, string expected)
    {
        Assert.Equal(expected, VietnameseText.Normalize(input));
    }

    [Fact]
    public void NormalizeComposesDecomposedText()
    {
        var decomposed = "Nguyễn Thị Ánh".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Nguyễn Thị Ánh".Length, decomposed.Length);

        Assert.Equal("Nguyễn Thị Ánh", VietnameseText.Normalize(decomposed));
    }

    [Theory]
    [InlineData("Nguyễn Văn Á", "nguyen van a")]
    [InlineData("ĐẶNG thị  Hồng", "dang thi hong")]
    [InlineData("  Phạm-Thị (Ngọc) Ánh.  ", "pham thi ngoc anh")]
    [InlineData("Trương Ưng Ơn Ăn Âu Ê Ô", "truong ung on an au e o")]
    [InlineData("Đỗ Đức Độ 2024", "do duc do 2024")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void SearchKeyRemovesDiacriticsAndPunctuation(string? input, string expected)
    {
        Assert.Equal(expected, VietnameseText.SearchKey(input));
    }

    [Fact]
    public void SearchKeyIsTheSameForComposedAndDecomposedInput()
    {
        const string name = "Huỳnh Thị Thuỷ Tiên";
        Assert.Equal("huynh thi thuy tien", VietnameseText.SearchKey(name.Normalize(NormalizationForm.FormD)));
        Assert.Equal(VietnameseText.SearchKey(name), VietnameseText.SearchKey(name.Normalize(NormalizationForm.FormD)));
    }

    [Theory]
    [InlineData("Nguyễn Thị Hồng Nhung", "Nguyễn", "Thị Hồng", "Nhung")]
    [InlineData("Lê Văn An", "Lê", "Văn", "An")]
    [InlineData("  Phạm   Bình ", "Phạm", "", "Bình")]
    [InlineData("Tâm", "", "", "Tâm")]
    [InlineData("", "", "", "")]
    public void SplitNameSplitsFamilyMiddleGiven(string fullName, string family, string middle, string given)
    {
        Assert.Equal((family, middle, given), VietnameseText.SplitName(fullName));
    }

    [Theory]
    [InlineData("Nguyễn Thị Hồng Nhung", "nhung nguyen thi hong")]
    [InlineData("Phạm Bình", "binh pham")]
    [InlineData("Tâm", "tam")]
    [InlineData("", "")]
    public void GivenFirstSearchKeyPutsGivenNameFirst(string fullName, string expected)
    {
        Assert.Equal(expected, VietnameseText.GivenFirstSearchKey(fullName));
    }

    private static List<string> SortByKey(IEnumerable<string> names) =>
        names.Select(n => (Name: n, Key: VietnameseText.SortKey(n)))
            .OrderBy(x => x.Key, Comparer<string>.Create(string.CompareOrdinal))
            .Select(x => x.Name)
            .ToList();

    [Fact]
    public void SortKeySortsByGivenNameInVietnameseAlphabetOrder()
    {
        var expected = new[] { "Lê Văn An", "Nguyễn Văn Ăn", "Trần Thị Âu", "Phạm Bình", "Đỗ Văn Dũng", "Hoàng Đức" };

        var sorted = SortByKey(expected.Reverse());

        Assert.Equal(expected, sorted);
    }

    [Fact]
    public void SortKeyPlacesDAndDBarAndHornedLettersOfficially()
    {
        var expected = new[]
        {
            "Lê Văn Dung", "Lê Văn Dũng", "Lê Văn Dương", "Lê Văn Đào", "Lê Văn Đức",
            "Lê Văn Ơn", "Lê Văn Phúc", "Lê Văn Ưng", "Lê Văn Vũ", "Lê Văn Yến",
        };

        var sorted = SortByKey(expected.OrderBy(n => n.Length).ThenByDescending(n => n, StringComparer.Ordinal));

        Assert.Equal(expected, sorted);
    }

    [Fact]
    public void SortKeyShorterWordSortsFirstAndLetterOrderBeatsLength()
    {
        var expected = new[] { "Lê An", "Lê Anh", "Lê Ăn", "Lê Ân", "Lê Âu", "Lê Bá" };

        var sorted = SortByKey(expected.Reverse());

        Assert.Equal(expected, sorted);
    }

    [Fact]
    public void SortKeySameGivenNameSortsByMiddleThenFamily()
    {
        var expected = new[]
        {
            "Phạm An",          // no middle name first
            "Trần Thị An",      // Thị < Văn
            "Lê Văn An",        // Văn, family Lê
            "Nguyễn Văn An",    // Văn, family Nguyễn
            "Bùi Văn Hải An",   // longer middle name after "Văn"
            "Lê Văn Bình",
        };

        var sorted = SortByKey(expected.Reverse());

        Assert.Equal(expected, sorted);
    }

    [Fact]
    public void SortKeyTonesAreSecondaryInOrderNoneGraveHookTildeAcuteDot()
    {
        var expected = new[] { "Lê Ma", "Lê Mà", "Lê Mả", "Lê Mã", "Lê Má", "Lê Mạ", "Lê Mai", "Lê Mài" };

        var sorted = SortByKey(expected.Reverse());

        Assert.Equal(expected, sorted);
        Assert.True(string.CompareOrdinal(VietnameseText.SortKey("Mạ"), VietnameseText.SortKey("Mai")) < 0);
    }

    [Theory]
    [InlineData("Nguyễn Văn Ánh", "NGUYỄN VĂN ÁNH")]
    [InlineData("Nguyễn Văn Ánh", "  nguyễn  văn   ánh ")]
    public void SortKeyIgnoresCaseAndSpacing(string a, string b)
    {
        Assert.Equal(VietnameseText.SortKey(a), VietnameseText.SortKey(b));
    }

    [Fact]
    public void SortKeyIsAsciiDeterministicAndNormalizationIndependent()
    {
        const string name = "Đặng Thị Thu Hương";
        var key = VietnameseText.SortKey(name);

        Assert.Equal(key, VietnameseText.SortKey(name.Normalize(NormalizationForm.FormD)));
        Assert.Equal(key, VietnameseText.SortKey(name));
        Assert.All(key, c => Assert.True(c is (>= '0' and <= '9') or (>= 'a' and <= 'z') or '!' or ',' or '-', $"unexpected char '{c}'"));
        Assert.NotEqual(key, VietnameseText.SortKey("Đặng Thị Thu Huong"));
    }

    [Fact]
    public void SortKeyNeverThrowsOnUnusualInput()
    {
        foreach (var name in new[] { "", "O'Brien-Smith J. 3", "Иван 王 😀", "lone \uD800 surrogate \uDC00" })
        {
            var key = VietnameseText.SortKey(name);
            Assert.Contains('!', key);
            Assert.All(key, c => Assert.True(c < 128));
        }

        Assert.Equal(",,!", VietnameseText.SortKey(""));
    }

    // --- Legacy encodings -------------------------------------------------------------------------------

    // TCVN3 (ABC) byte values of ĂÂÊÔƠƯĐ ăâêôơưđ and the five tones (huyền, hỏi, ngã, sắc, nặng) of each vowel.
    private const string Tcvn3Unicode =
        "ĂÂÊÔƠƯĐăâêôơưđ" + "àảãáạ" + "ằẳẵắặ" + "ầẩẫấậ" + "èẻẽéẹ" + "ềểễếệ" + "ìỉĩíị" + "òỏõóọ" + "ồổỗốộ" + "ờởỡớợ" + "ùủũúụ" + "ừửữứự" + "ỳỷỹýỵ";

    private static readonly byte[] Tcvn3Bytes =
    [
        0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE,
        0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB,
        0xCC, 0xCE, 0xCF, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE,
        0xDF, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE,
        0xEF, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE,
    ];

    // Unicode → TCVN3 bytes → read back as Latin-1. Capital toned vowels, absent from TCVN3, use the
    // lowercase code (as the ".VnTimeH" capital fonts do).
    private static string ToTcvn3AsLatin1(string unicode)
    {
        Assert.Equal(Tcvn3Unicode.Length, Tcvn3Bytes.Length);
        var sb = new StringBuilder();
        foreach (var c in unicode.Normalize(NormalizationForm.FormC))
        {
            var i = Tcvn3Unicode.IndexOf(c, StringComparison.Ordinal);
            if (i < 0)
            {
                i = Tcvn3Unicode.IndexOf(char.ToLowerInvariant(c), StringComparison.Ordinal);
            }

            sb.Append(i < 0 ? c : (char)Tcvn3Bytes[i]);
        }

        return sb.ToString();
    }

    // Unicode → VNI-Windows bytes → read back as Latin-1: base letter + mark byte
    // (tones ø û õ ù ï, circumflex series â à å ã á ä, breve series ê è ú ü é ë), ơ = ô, ư = ö, đ = ñ,
    // i with tone = ì æ ó í ò, ỵ = î; capitals use the capital bytes.
    private static string ToVniAsLatin1(string unicode)
    {
        var sb = new StringBuilder();
        foreach (var ch in unicode.Normalize(NormalizationForm.FormC))
        {
            if (ch is 'đ' or 'Đ')
            {
                sb.Append(ch == 'đ' ? 'ñ' : 'Ñ');
                continue;
            }

            var d = ch.ToString().Normalize(NormalizationForm.FormD);
            var upper = char.IsUpper(d[0]);
            var b = char.ToLowerInvariant(d[0]);
            bool breve = d.Contains('\u0306'), circumflex = d.Contains('\u0302'), horn = d.Contains('\u031B');
            var tone = d.Contains('\u0300') ? 1 : d.Contains('\u0309') ? 2 : d.Contains('\u0303') ? 3 : d.Contains('\u0301') ? 4 : d.Contains('\u0323') ? 5 : 0;
            string encoded;
            if (b == 'i' && tone > 0)
            {
                encoded = "ìæóíò"[tone - 1].ToString();
            }
            else if (b == 'y' && tone == 5)
            {
                encoded = "î";
            }
            else
            {
                var basePart = horn ? (b == 'o' ? "ô" : "ö") : b.ToString();
                var mark = circumflex ? "âàåãáä"[tone].ToString()
                    : breve ? "êèúüéë"[tone].ToString()
                    : tone == 0 ? "" : "øûõùï"[tone - 1].ToString();
                encoded = basePart + mark;
            }

            sb.Append(upper ? encoded.ToUpperInvariant() : encoded);
        }

        return sb.ToString();
    }

    public static TheoryData<string> VietnameseSamples =>
    [
        "Hà Nội",
        "Đỗ Thị Lan",
        "Trường Tiểu học",
        "Nguyễn Văn A",
        "Trần Thị Hồng Nhung",
        "Lê Thị Thu",
        "Phạm Đức Thắng",
        "Võ Thị Sáu",
        "Ủy ban nhân dân xã Tân Phú",
        "Chủ tịch Hội Phụ nữ",
        "Số 12 đường Lý Thường Kiệt, phường Bến Nghé, Quận 1",
        "Huỳnh Ngọc Hương",
        "Bà Rịa - Vũng Tàu",
        "Hộ nghèo năm 2024",
    ];

    [Fact]
    public void LegacyEncodersMatchKnownSamples()
    {
        Assert.Equal("Hµ Néi", ToTcvn3AsLatin1("Hà Nội"));
        Assert.Equal("§ç", ToTcvn3AsLatin1("Đỗ"));
        Assert.Equal("Tr\u00ADêng", ToTcvn3AsLatin1("Trường"));
        Assert.Equal("NguyÔn V¨n A", ToTcvn3AsLatin1("Nguyễn Văn A"));
        Assert.Equal("Haø Noäi", ToVniAsLatin1("Hà Nội"));
        Assert.Equal("Ñoã", ToVniAsLatin1("Đỗ"));
        Assert.Equal("Nguyeãn Vaên A", ToVniAsLatin1("Nguyễn Văn A"));
        Assert.Equal("Ñoaøn", ToVniAsLatin1("Đoàn"));
        Assert.Equal("Tröôøng", ToVniAsLatin1("Trường"));
    }

    [Theory]
    [MemberData(nameof(VietnameseSamples))]
    public void DetectLegacyEncodingTcvn3(string unicode)
    {
        var legacy = ToTcvn3AsLatin1(unicode);
        Assert.NotEqual(unicode, legacy);

        Assert.Equal(LegacyEncoding.Tcvn3, VietnameseText.DetectLegacyEncoding(legacy));
    }

    [Theory]
    [MemberData(nameof(VietnameseSamples))]
    public void DetectLegacyEncodingVni(string unicode)
    {
        var legacy = ToVniAsLatin1(unicode);
        Assert.NotEqual(unicode, legacy);

        Assert.Equal(LegacyEncoding.Vni, VietnameseText.DetectLegacyEncoding(legacy));
    }

    [Theory]
    [MemberData(nameof(VietnameseSamples))]
    public void DetectLegacyEncodingUnicodeIsNone(string unicode)
    {
        Assert.Equal(LegacyEncoding.None, VietnameseText.DetectLegacyEncoding(unicode));
        Assert.Equal(LegacyEncoding.None, VietnameseText.DetectLegacyEncoding(unicode.Normalize(NormalizationForm.FormD)));
        Assert.Equal(LegacyEncoding.None, VietnameseText.DetectLegacyEncoding(unicode.ToUpperInvariant()));
    }

    [Theory]
    [InlineData("Hµ Néi", LegacyEncoding.Tcvn3)]
    [InlineData("§ç", LegacyEncoding.Tcvn3)]
    [InlineData("Tr\u00ADêng", LegacyEncoding.Tcvn3)]
    [InlineData("NguyÔn V¨n A", LegacyEncoding.Tcvn3)]
    [InlineData("®iÖn tho¹i", LegacyEncoding.Tcvn3)] // điện thoại
    [InlineData("Haø Noäi", LegacyEncoding.Vni)]
    [InlineData("Ñoã", LegacyEncoding.Vni)]
    [InlineData("Nguyeãn Vaên A", LegacyEncoding.Vni)]
    [InlineData("Ñoaøn", LegacyEncoding.Vni)]
    [InlineData("NGUYEÃN VAÊN A", LegacyEncoding.Vni)]
    [InlineData("Hoàng Thị Thuý", LegacyEncoding.None)]
    [InlineData("Xuân Quý Khoa Nguyên Toàn Giàu", LegacyEncoding.None)]
    [InlineData("Nhiệt độ 25°C, © 2024, «Hộ nghèo»", LegacyEncoding.None)]
    [InlineData("Plain ASCII 123 name@example.com", LegacyEncoding.None)]
    [InlineData("", LegacyEncoding.None)]
    [InlineData(null, LegacyEncoding.None)]
    public void DetectLegacyEncodingKnownStrings(string? text, LegacyEncoding expected)
    {
        Assert.Equal(expected, VietnameseText.DetectLegacyEncoding(text));
    }

    [Fact]
    public void DescribeLegacyEncodingNamesTheEncodingInVietnamese()
    {
        var tcvn = VietnameseText.DescribeLegacyEncoding(LegacyEncoding.Tcvn3);
        var vni = VietnameseText.DescribeLegacyEncoding(LegacyEncoding.Vni);

        Assert.Contains("TCVN3", tcvn, StringComparison.Ordinal);
        Assert.Contains("Unicode", tcvn, StringComparison.Ordinal);
        Assert.Contains("VNI", vni, StringComparison.Ordinal);
        Assert.Contains("Unicode", vni, StringComparison.Ordinal);
        Assert.Equal("", VietnameseText.DescribeLegacyEncoding(LegacyEncoding.None));
    }
}
