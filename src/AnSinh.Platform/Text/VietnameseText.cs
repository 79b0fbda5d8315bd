using System.Globalization;
using System.Text;

namespace AnSinh.Platform.Text;

/// <summary>Legacy 8-bit Vietnamese encodings that users sometimes paste as if they were Latin-1.</summary>
public enum LegacyEncoding
{
    None,
    Tcvn3,
    Vni,
}

/// <summary>Culture-independent helpers for Vietnamese text: normalization, search keys, name order, legacy-encoding detection.</summary>
public static class VietnameseText
{
    /// <summary>Trim, Unicode NFC, collapse runs of whitespace to one space; zero-width spaces and BOMs are dropped. <c>null</c> gives "".</summary>
    public static string Normalize(string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return "";
        }

        var nfc = ToForm(s, NormalizationForm.FormC);
        var sb = new StringBuilder(nfc.Length);
        var pendingSpace = false;
        foreach (var c in nfc)
        {
            if (c is '\u200B' or '\uFEFF')
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Key for diacritic-insensitive search: no diacritics, đ/Đ → d, lowercase (invariant), every run of
    /// characters that are neither letters nor digits → one space, trimmed. "Nguyễn Văn Á" → "nguyen van a".
    /// </summary>
    public static string SearchKey(string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return "";
        }

        var decomposed = ToForm(s, NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (IsMark(Rune.GetUnicodeCategory(rune)))
            {
                continue;
            }

            var r = rune.Value switch
            {
                'đ' or 'Đ' or 'ð' or 'Ð' => new Rune('d'),
                _ => Rune.ToLowerInvariant(rune),
            };

            if (Rune.IsLetterOrDigit(r))
            {
                if (pendingSpace)
                {
                    sb.Append(' ');
                    pendingSpace = false;
                }

                sb.Append(r.ToString());
            }
            else
            {
                pendingSpace = sb.Length > 0;
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Splits a full name (after <see cref="Normalize"/>): family = first word, given = last word, middle = the rest
    /// (may be ""). A one-word name is all given name; an empty name gives three empty strings.
    /// </summary>
    public static (string Family, string Middle, string Given) SplitName(string fullName)
    {
        var n = Normalize(fullName);
        if (n.Length == 0)
        {
            return ("", "", "");
        }

        var first = n.IndexOf(' ', StringComparison.Ordinal);
        if (first < 0)
        {
            return ("", "", n);
        }

        var last = n.LastIndexOf(' ');
        var middle = first == last ? "" : n[(first + 1)..last];
        return (n[..first], middle, n[(last + 1)..]);
    }

    /// <summary>Search key of the name reordered given-first: "Nguyễn Thị Hồng Nhung" → "nhung nguyen thi hong".</summary>
    public static string GivenFirstSearchKey(string fullName)
    {
        var (family, middle, given) = SplitName(fullName);
        var parts = new[] { given, family, middle }.Where(p => p.Length > 0);
        return SearchKey(string.Join(' ', parts));
    }

    // Vietnamese alphabet order, with digits first and the foreign letters f j w z at their Latin places.
    private const string SortAlphabet = "0123456789aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

    /// <summary>
    /// ASCII key whose ordinal order (<see cref="string.CompareOrdinal(string, string)"/>) is the official
    /// Vietnamese order of names: given name, then middle name, then family name; letters in the order
    /// a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y; base letters before tones; case ignored.
    /// </summary>
    /// <remarks>
    /// Layout: <c>GIVEN "," MIDDLE "," FAMILY "!" TONES</c>.
    /// Every character of a word becomes a two-digit code: "10".."19" for digits, "20".."52" for letters in
    /// <c>SortAlphabet</c> order, "99" for anything else. Words inside a part are separated by '-'.
    /// '!' (0x21) &lt; ',' (0x2C) &lt; '-' (0x2D) &lt; '0' (0x30), so a shorter word or part sorts first and the
    /// tone section is only reached when the whole primary section is equal. TONES holds one digit per
    /// character, in the same order as the primary codes: 0 none, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng.
    /// </remarks>
    public static string SortKey(string fullName)
    {
        var (family, middle, given) = SplitName(fullName);
        var primary = new StringBuilder(64);
        var tones = new StringBuilder(32);
        AppendSortPart(given, primary, tones);
        primary.Append(',');
        AppendSortPart(middle, primary, tones);
        primary.Append(',');
        AppendSortPart(family, primary, tones);
        primary.Append('!').Append(tones);
        return primary.ToString();
    }

    private static void AppendSortPart(string part, StringBuilder primary, StringBuilder tones)
    {
        if (part.Length == 0)
        {
            return;
        }

        var d = ToForm(part, NormalizationForm.FormD);
        var i = 0;
        while (i < d.Length)
        {
            var c = d[i];
            if (c == ' ')
            {
                primary.Append('-');
                i++;
                continue;
            }

            if (IsMark(CharUnicodeInfo.GetUnicodeCategory(c)))
            {
                i++; // combining mark without a base character
                continue;
            }

            var j = i + 1;
            if (char.IsHighSurrogate(c) && j < d.Length && char.IsLowSurrogate(d[j]))
            {
                j++;
            }

            bool breve = false, circumflex = false, horn = false;
            var tone = 0;
            while (j < d.Length && IsMark(CharUnicodeInfo.GetUnicodeCategory(d[j])))
            {
                switch (d[j])
                {
                    case '\u0306': breve = true; break;
                    case '\u0302': circumflex = true; break;
                    case '\u031B': horn = true; break;
                    case '\u0300': tone = 1; break; // huyền
                    case '\u0309': tone = 2; break; // hỏi
                    case '\u0303': tone = 3; break; // ngã
                    case '\u0301': tone = 4; break; // sắc
                    case '\u0323': tone = 5; break; // nặng
                }

                j++;
            }

            var letter = char.ToLowerInvariant(c);
            letter = letter switch
            {
                'ð' => 'đ',
                'a' when breve => 'ă',
                'a' when circumflex => 'â',
                'e' when circumflex => 'ê',
                'o' when circumflex => 'ô',
                'o' when horn => 'ơ',
                'u' when horn => 'ư',
                _ => letter,
            };

            var index = char.IsSurrogate(c) ? -1 : SortAlphabet.IndexOf(letter, StringComparison.Ordinal);
            if (index < 0)
            {
                primary.Append("99");
            }
            else
            {
                var code = index + 10;
                primary.Append((char)('0' + (code / 10))).Append((char)('0' + (code % 10)));
            }

            tones.Append((char)('0' + tone));
            i = j;
        }
    }

    // Vietnamese letters that exist precomposed in Latin-1: correct Unicode text may contain these.
    private const string VietnameseLatin1Letters = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ";

    // Symbols U+00A1–U+00BF that TCVN3 uses for letters (ĂÂÊÔƠƯĐ ăâêôơưđ, a-tones, ă-tones).
    private static bool IsTcvn3Symbol(char c) => c is (>= '\u00A1' and <= '\u00AE') or (>= '\u00B5' and <= '\u00B9') or (>= '\u00BB' and <= '\u00BE');

    /// <summary>
    /// Detects Vietnamese typed in TCVN3 (ABC) or VNI-Windows and read as Latin-1/Windows-1252
    /// ("NguyÔn V¨n A", "Nguyeãn Vaên A"). Correct Unicode Vietnamese (NFC or NFD) and ASCII give <see cref="LegacyEncoding.None"/>.
    /// </summary>
    /// <remarks>
    /// Heuristic. TCVN3 evidence: TCVN3 letter symbols (¡–®, µ–¹, »–¾) next to a letter, × ÷ Þ ß þ Ð,
    /// a Latin-1 capital right after an ASCII lowercase letter ("NguyÔn"), and non-Vietnamese Latin-1
    /// letters after a consonant ("Hå"). VNI evidence: a non-Vietnamese Latin-1 letter right after a vowel
    /// ("Haø", "Noäi"), vowel pairs that Vietnamese never writes but VNI produces ("Vaên", "Nguyeãn", "Saùu"),
    /// and ñ/Ñ (đ/Đ) at the start of a word before a vowel ("Ñoã"). The larger score wins; undecided
    /// suspicious text is reported as VNI.
    /// </remarks>
    public static LegacyEncoding DetectLegacyEncoding(string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return LegacyEncoding.None;
        }

        int tcvn = 0, vni = 0;
        var suspicious = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is < '\u00A1' or > '\u00FF')
            {
                continue;
            }

            var prev = i > 0 ? s[i - 1] : '\0';
            var next = i + 1 < s.Length ? s[i + 1] : '\0';
            bool prevLetter = char.IsLetter(prev), nextLetter = char.IsLetter(next);

            if (c <= '\u00BF' || c is '×' or '÷')
            {
                // Symbols: only count them inside or at the edge of a word ("© 2024", "25°C" stay clean);
                // « and » are also guillemets, so they must sit between two letters ("c«ng").
                var counts = c is '«' or '»' ? prevLetter && nextLetter : prevLetter || nextLetter;
                if (counts && (IsTcvn3Symbol(c) || c is '×' or '÷'))
                {
                    tcvn += 3;
                    suspicious = true;
                }

                continue;
            }

            if (c <= 'Þ' && char.IsAsciiLetterLower(prev))
            {
                // A capital in the middle of a lowercase word: TCVN3 uses À–Þ for lowercase toned letters.
                tcvn += 3;
                suspicious = true;
                continue;
            }

            if (VietnameseLatin1Letters.Contains(c, StringComparison.Ordinal))
            {
                if (IsVniOnlyPair(prev, c))
                {
                    vni += 3;
                }

                continue;
            }

            suspicious = true;
            switch (c)
            {
                case 'ñ' or 'Ñ':
                    // VNI đ/Đ starts a word before a vowel ("Ñoã"); TCVN3 ñ (ủ) follows a consonant ("chñ") or precedes y ("ñy").
                    if (!prevLetter && IsVniStartVowel(next))
                    {
                        vni += 2;
                    }
                    else if (prevLetter)
                    {
                        tcvn += 1;
                    }

                    break;
                case 'ö' or 'Ö' or 'æ' or 'Æ' or 'î' or 'Î':
                    break; // stand-alone letters in both encodings (VNI ư ỉ ỵ, TCVN3 ử ổ ợ): no evidence either way
                case 'Þ' or 'ß' or 'þ' or 'Ð' or 'ð':
                    tcvn += 3;
                    break;
                default:
                    if (IsVniBase(prev))
                    {
                        vni += 2; // VNI tone/mark byte after its vowel
                    }
                    else
                    {
                        tcvn += 1; // TCVN3 letter after a consonant
                    }

                    break;
            }
        }

        if (!suspicious && tcvn == 0 && vni == 0)
        {
            return LegacyEncoding.None;
        }

        return tcvn > vni ? LegacyEncoding.Tcvn3 : LegacyEncoding.Vni;
    }

    /// <summary>Vietnamese message asking the user to convert legacy-encoded text to Unicode; "" for <see cref="LegacyEncoding.None"/>.</summary>
    public static string DescribeLegacyEncoding(LegacyEncoding e) => e switch
    {
        LegacyEncoding.Tcvn3 => "Văn bản có vẻ được gõ bằng bảng mã cũ TCVN3 (ABC); hãy chuyển sang Unicode (ví dụ bằng Unikey) rồi nhập lại.",
        LegacyEncoding.Vni => "Văn bản có vẻ được gõ bằng bảng mã cũ VNI-Windows; hãy chuyển sang Unicode (ví dụ bằng Unikey) rồi nhập lại.",
        _ => "",
    };

    // Pairs "vowel + Latin-1 Vietnamese letter" that VNI produces (aê = ă, eã = ễ, aù = á, …) but Vietnamese never writes.
    private static bool IsVniOnlyPair(char prev, char c)
    {
        var l = char.ToLowerInvariant(c);
        return char.ToLowerInvariant(prev) switch
        {
            'a' or 'e' => true,
            'o' => l is 'â' or 'ù' or 'õ',
            'u' or 'y' or 'ô' or 'ö' => l is 'ù' or 'õ',
            _ => false,
        };
    }

    private static bool IsVniBase(char c) => char.ToLowerInvariant(c) is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'ô' or 'ö';

    private static bool IsVniStartVowel(char c) => char.ToLowerInvariant(c) is 'a' or 'e' or 'i' or 'o' or 'u' or 'ô' or 'ö';

    private static bool IsMark(UnicodeCategory category) =>
        category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static string ToForm(string s, NormalizationForm form)
    {
        try
        {
            return s.Normalize(form);
        }
        catch (ArgumentException)
        {
            // Lone surrogates cannot be normalized: replace them and retry.
            var chars = s.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(chars[i]))
                {
                    chars[i] = '\uFFFD';
                }
            }

            return new string(chars).Normalize(form);
        }
    }
}
