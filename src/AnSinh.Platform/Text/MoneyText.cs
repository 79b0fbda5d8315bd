using System.Globalization;
using System.Text;

namespace AnSinh.Platform.Text;

/// <summary>
/// Amounts of money as a Vietnamese user types and reads them. In vi-VN '.' groups thousands and ',' is the decimal mark:
/// <c>1.500.000</c>, <c>1500000</c>, <c>1 500 000</c>, <c>1.500.000 đ</c> (<c>đồng</c>, <c>VND</c>), <c>1,5 triệu</c>,
/// <c>500 nghìn</c> (<c>ngàn</c>, <c>k</c>), <c>2 tỷ</c>, <c>1 tỷ 200 triệu</c>.
/// A dot that does not group thousands (<c>1.5</c>) is read as the decimal mark only before a word multiplier (<c>1.5 triệu</c>);
/// on its own it is ambiguous and refused, as are a negative sign, other letters and empty text.
/// </summary>
public static class MoneyText
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The message shown next to an amount field whose text is not an amount.</summary>
    public const string InvalidMessage = "Số tiền không hợp lệ — nhập như 1.500.000 hoặc 1,5 triệu.";

    private static readonly (string Word, decimal Factor)[] Multipliers =
    [
        ("nghìn", 1_000m), ("ngàn", 1_000m), ("ngan", 1_000m), ("nghin", 1_000m), ("k", 1_000m),
        ("triệu", 1_000_000m), ("trieu", 1_000_000m), ("tr", 1_000_000m),
        ("tỷ", 1_000_000_000m), ("tỉ", 1_000_000_000m), ("ty", 1_000_000_000m), ("ti", 1_000_000_000m),
    ];

    private static readonly string[] Currencies = ["đồng", "đ", "₫", "vnđ", "vnd", "dong"];

    /// <summary>Reads an amount (never negative); false for empty text or anything that is not an amount.</summary>
    public static bool TryParse(string? text, out decimal amount)
    {
        amount = 0;
        var s = Prepare(text);
        if (s.Length == 0)
        {
            return false;
        }
        foreach (var currency in Currencies)
        {
            if (s.EndsWith(currency, StringComparison.Ordinal))
            {
                s = s[..^currency.Length].TrimEnd();
                break;
            }
        }
        if (s.Length == 0)
        {
            return false;
        }
        try
        {
            return ParseParts(s, out amount);
        }
        catch (OverflowException)
        {
            amount = 0;
            return false;
        }
    }

    /// <summary>Reads a whole number of đồng; false also for a fraction of a đồng or a value too large.</summary>
    public static bool TryParseWhole(string? text, out long amount)
    {
        amount = 0;
        if (!TryParse(text, out var d) || d != decimal.Truncate(d) || d > long.MaxValue)
        {
            return false;
        }
        amount = (long)d;
        return true;
    }

    /// <summary>"1.500.000 đ".</summary>
    public static string Format(decimal amount) => Number(amount) + " đ";

    /// <summary>"1.500.000" (vi-VN grouping, up to two decimals).</summary>
    public static string Number(decimal amount) => amount.ToString("#,0.##", Culture);

    private static string Prepare(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            // No-break and narrow no-break spaces group digits as a plain space does.
            sb.Append(char.IsWhiteSpace(c) || c is '\u00A0' or '\u202F' ? ' ' : char.ToLowerInvariant(c));
        }
        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Either one plain number, or pairs "number multiplier" with falling multipliers ("1 tỷ 200 triệu").</summary>
    private static bool ParseParts(string s, out decimal amount)
    {
        amount = 0;
        var rest = s;
        decimal? lastFactor = null;
        while (rest.Length > 0)
        {
            var numberEnd = 0;
            while (numberEnd < rest.Length && (char.IsAsciiDigit(rest[numberEnd]) || rest[numberEnd] is '.' or ',' or ' '))
            {
                numberEnd++;
            }
            var number = rest[..numberEnd].Trim();
            var after = rest[numberEnd..];
            if (number.Length == 0)
            {
                return false;
            }
            var multiplier = Multipliers.FirstOrDefault(m => after.StartsWith(m.Word, StringComparison.Ordinal)
                && (after.Length == m.Word.Length || after[m.Word.Length] == ' ' || char.IsAsciiDigit(after[m.Word.Length])));
            if (multiplier.Word is null)
            {
                // A plain number: the whole text, no multiplier before it.
                if (after.Length > 0 || lastFactor is not null || !TryNumber(number, wordFollows: false, out amount))
                {
                    return false;
                }
                return true;
            }
            if (lastFactor is { } f && multiplier.Factor >= f)
            {
                return false;
            }
            if (!TryNumber(number, wordFollows: true, out var value))
            {
                return false;
            }
            amount += value * multiplier.Factor;
            lastFactor = multiplier.Factor;
            rest = after[multiplier.Word.Length..].TrimStart();
        }
        return true;
    }

    /// <summary>Digits grouped by '.' or ' ' in threes, an optional ',' decimal part; before a multiplier word a lone '.' is a decimal mark too.</summary>
    private static bool TryNumber(string text, bool wordFollows, out decimal value)
    {
        value = 0;
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        var whole = comma < 0 ? text : text[..comma];
        var fraction = comma < 0 ? "" : text[(comma + 1)..];
        if (comma >= 0 && (fraction.Length == 0 || !fraction.All(char.IsAsciiDigit)))
        {
            return false;
        }
        // Without a multiplier, three decimals ("1,500") are more likely a misplaced thousands separator: refused.
        if (!wordFollows && fraction.Length > 2)
        {
            return false;
        }
        if (!TryWhole(whole, out var wholeValue))
        {
            // "1.5 triệu": one dot that does not group thousands, before a word multiplier, is the decimal mark.
            var dot = whole.IndexOf('.', StringComparison.Ordinal);
            if (!wordFollows || comma >= 0 || dot <= 0 || dot != whole.LastIndexOf('.') || dot == whole.Length - 1
                || !whole.All(c => char.IsAsciiDigit(c) || c == '.'))
            {
                return false;
            }
            wholeValue = decimal.Parse(whole[..dot], NumberStyles.None, CultureInfo.InvariantCulture);
            fraction = whole[(dot + 1)..];
        }
        value = wholeValue;
        if (fraction.Length > 0)
        {
            value += decimal.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture) / Pow10(fraction.Length);
        }
        return true;
    }

    private static bool TryWhole(string text, out decimal value)
    {
        value = 0;
        if (text.Length == 0)
        {
            return false;
        }
        if (text.All(char.IsAsciiDigit))
        {
            return decimal.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }
        // One kind of separator, groups of three after a first group of one to three digits.
        var separator = text.Contains('.', StringComparison.Ordinal) ? '.' : ' ';
        if (separator == '.' && text.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }
        var groups = text.Split(separator);
        if (groups[0].Length is < 1 or > 3 || groups.Skip(1).Any(g => g.Length != 3) || !groups.All(g => g.All(char.IsAsciiDigit)))
        {
            return false;
        }
        return decimal.TryParse(string.Concat(groups), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static decimal Pow10(int n)
    {
        var p = 1m;
        for (var i = 0; i < n; i++)
        {
            p *= 10;
        }
        return p;
    }
}
