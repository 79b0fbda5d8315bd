using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AnSinh.Funds.Ledger;

/// <summary>
/// The chart of accounts and the pure rules of the books: which lines an entry has, how its hash
/// is computed, which amounts are acceptable. Debit is positive, credit negative; an entry's lines
/// sum to zero. Assets: cash, bank, goods. Equity: capital (opening balances, year closing).
/// Nominal accounts (closed into capital at year end): receipts, allocations, spending by category.
/// </summary>
public static class LedgerRules
{
    public const string Cash = "cash";
    public const string Bank = "bank";
    public const string Goods = "goods";
    public const string Capital = "capital";
    public const string ReceiptCash = "receipt_cash";
    public const string ReceiptInKind = "receipt_in_kind";
    public const string AllocationIn = "allocation_in";
    public const string AllocationOut = "allocation_out";
    public const string SpendingPrefix = "spending:";

    /// <summary>10^15 đồng: far above any fund, low enough that sums of a nation's entries stay in 64 bits.</summary>
    public const long MaxAmount = 1_000_000_000_000_000;

    public static readonly string[] AssetAccounts = [Cash, Bank, Goods];

    public static string AssetAccount(Channel c) => c switch
    {
        Channel.Cash => Cash,
        Channel.Bank => Bank,
        _ => Goods,
    };

    /// <summary>The API's code of a channel: cash, bank, goods.</summary>
    public static string ChannelCode(Channel c) => AssetAccount(c);

    public static string SpendingAccount(SpendingCategory c) => SpendingPrefix + CategoryCode(c);

    public static bool IsAsset(string account) => account is Cash or Bank or Goods;

    public static bool IsNominal(string account) =>
        account is ReceiptCash or ReceiptInKind or AllocationIn or AllocationOut || account.StartsWith(SpendingPrefix, StringComparison.Ordinal);

    public static string CategoryCode(SpendingCategory c) => c switch
    {
        SpendingCategory.NewHouse => "new_house",
        SpendingCategory.HouseRepair => "house_repair",
        SpendingCategory.Production => "production",
        SpendingCategory.Study => "study",
        SpendingCategory.Medical => "medical",
        SpendingCategory.HardshipGift => "hardship_gift",
        SpendingCategory.Relief => "relief",
        SpendingCategory.EntrustedLoan => "entrusted_loan",
        _ => "other",
    };

    public static SpendingCategory? ParseCategory(string? code) =>
        Enum.GetValues<SpendingCategory>().Select(c => (SpendingCategory?)c).FirstOrDefault(c => CategoryCode(c!.Value) == code?.Trim().ToLowerInvariant());

    public static string CategoryName(SpendingCategory c) => c switch
    {
        SpendingCategory.NewHouse => "Xây mới nhà Đại đoàn kết",
        SpendingCategory.HouseRepair => "Sửa chữa nhà",
        SpendingCategory.Production => "Hỗ trợ sản xuất, sinh kế",
        SpendingCategory.Study => "Hỗ trợ học tập",
        SpendingCategory.Medical => "Hỗ trợ khám chữa bệnh",
        SpendingCategory.HardshipGift => "Hỗ trợ khó khăn, tặng quà",
        SpendingCategory.Relief => "Cứu trợ khẩn cấp",
        SpendingCategory.EntrustedLoan => "Ủy thác qua Ngân hàng Chính sách xã hội",
        _ => "Chi khác",
    };

    public static string KindCode(FundKind k) => k switch
    {
        FundKind.ForThePoor => "for_the_poor",
        FundKind.Relief => "relief",
        _ => "special",
    };

    public static FundKind? ParseKind(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "for_the_poor" => FundKind.ForThePoor,
        "relief" => FundKind.Relief,
        "special" => FundKind.Special,
        _ => null,
    };

    public static string KindName(FundKind k) => k switch
    {
        FundKind.ForThePoor => "Quỹ \"Vì người nghèo\"",
        FundKind.Relief => "Quỹ cứu trợ",
        _ => "Quỹ đặc biệt",
    };

    public static string EntryKindCode(EntryKind k) => k switch
    {
        EntryKind.Opening => "opening",
        EntryKind.Receipt => "receipt",
        EntryKind.AllocationOut => "allocation_out",
        EntryKind.AllocationIn => "allocation_in",
        EntryKind.Spending => "spending",
        EntryKind.Reversal => "reversal",
        _ => "year_close",
    };

    public static string EntryKindName(EntryKind k) => k switch
    {
        EntryKind.Opening => "Số dư đầu kỳ",
        EntryKind.Receipt => "Thu",
        EntryKind.AllocationOut => "Phân bổ cho cấp dưới",
        EntryKind.AllocationIn => "Nhận phân bổ từ cấp trên",
        EntryKind.Spending => "Chi",
        EntryKind.Reversal => "Bút toán đảo",
        _ => "Khóa sổ cuối năm",
    };

    public static DonorType? ParseDonorType(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "organization" or "organisation" => DonorType.Organization,
        "enterprise" => DonorType.Enterprise,
        "individual" => DonorType.Individual,
        "anonymous" => DonorType.Anonymous,
        _ => null,
    };

    public static string DonorTypeCode(DonorType t) => t switch
    {
        DonorType.Organization => "organization",
        DonorType.Enterprise => "enterprise",
        DonorType.Individual => "individual",
        _ => "anonymous",
    };

    public static string DonorTypeName(DonorType t) => t switch
    {
        DonorType.Organization => "Cơ quan, tổ chức",
        DonorType.Enterprise => "Doanh nghiệp",
        DonorType.Individual => "Cá nhân",
        _ => "Ẩn danh",
    };

    public const string AnonymousName = "Nhà hảo tâm ẩn danh";

    /// <summary>A receipt: the asset it lands in against the receipt account of its form.</summary>
    public static List<(string Account, long Amount)> ReceiptLines(Channel channel, long amount) =>
        [(AssetAccount(channel), amount), (channel == Channel.Goods ? ReceiptInKind : ReceiptCash, -amount)];

    public static List<(string Account, long Amount)> SpendingLines(SpendingCategory category, Channel channel, long amount) =>
        [(SpendingAccount(category), amount), (AssetAccount(channel), -amount)];

    public static List<(string Account, long Amount)> AllocationOutLines(Channel channel, long amount) =>
        [(AllocationOut, amount), (AssetAccount(channel), -amount)];

    public static List<(string Account, long Amount)> AllocationInLines(Channel channel, long amount) =>
        [(AssetAccount(channel), amount), (AllocationIn, -amount)];

    public static List<(string Account, long Amount)> OpeningLines(long cash, long bank, long goods)
    {
        var lines = new List<(string, long)>();
        if (cash != 0)
        {
            lines.Add((Cash, cash));
        }
        if (bank != 0)
        {
            lines.Add((Bank, bank));
        }
        if (goods != 0)
        {
            lines.Add((Goods, goods));
        }
        lines.Add((Capital, -(cash + bank + goods)));
        return lines;
    }

    public static List<(string Account, long Amount)> ReversalLines(IEnumerable<(string Account, long Amount)> original) =>
        original.Select(l => (l.Account, -l.Amount)).ToList();

    /// <summary>Year-end closing: every nominal account's balance for the year goes into capital.</summary>
    public static List<(string Account, long Amount)> ClosingLines(IEnumerable<(string Account, long Amount)> nominalBalances)
    {
        var lines = nominalBalances.Where(b => b.Amount != 0 && IsNominal(b.Account)).Select(b => (b.Account, -b.Amount)).OrderBy(l => l.Account, StringComparer.Ordinal).ToList();
        var total = lines.Sum(l => l.Item2);
        if (total != 0 || lines.Count > 0)
        {
            lines.Add((Capital, -total));
        }
        return lines;
    }

    public static bool Balanced(IEnumerable<(string Account, long Amount)> lines) => lines.Sum(l => l.Amount) == 0;

    /// <summary>Why an amount is refused, or null: zero, negative, over 10^15 đồng.</summary>
    public static string? CheckAmount(long? amount) => amount switch
    {
        null => "Thiếu số tiền.",
        <= 0 => "Số tiền phải lớn hơn 0 đồng.",
        > MaxAmount => "Số tiền vượt quá 1.000.000 tỷ đồng (10^15); hãy kiểm tra lại.",
        _ => null,
    };

    /// <summary>Why a date cannot be posted, or null.</summary>
    public static string? CheckDate(DateOnly? date, DateOnly today, DateOnly? closedThrough)
    {
        if (date is null)
        {
            return "Thiếu ngày chứng từ.";
        }
        if (date > today)
        {
            return $"Ngày chứng từ {date:dd/MM/yyyy} ở tương lai.";
        }
        if (date < new DateOnly(2000, 1, 1))
        {
            return "Ngày chứng từ trước năm 2000.";
        }
        if (closedThrough is { } closed && date <= closed)
        {
            return $"Kỳ kế toán đến hết ngày {closed:dd/MM/yyyy} đã khóa sổ; không ghi được chứng từ ngày {date:dd/MM/yyyy}.";
        }
        return null;
    }

    public static string Series(EntryKind kind) => kind switch
    {
        EntryKind.Receipt or EntryKind.AllocationIn => "PT",
        EntryKind.Spending or EntryKind.AllocationOut => "PC",
        EntryKind.Reversal => "DC",
        _ => "KS",
    };

    /// <summary>PT-01363-2026-000001: series, unit, year and number; unique across the country.</summary>
    public static string VoucherNumber(string series, string unitCode, int year, long number) =>
        string.Create(CultureInfo.InvariantCulture, $"{series}-{unitCode}-{year}-{number:D6}");

    /// <summary>
    /// The value of goods handed out at the average value of the stock; the last of an item takes
    /// what is left, so the stock's value reaches exactly zero with its quantity.
    /// </summary>
    public static long GoodsValue(decimal stockQuantity, long stockValue, decimal quantity)
    {
        if (stockQuantity <= 0 || quantity <= 0)
        {
            return 0;
        }
        if (quantity >= stockQuantity)
        {
            return stockValue;
        }
        return (long)Math.Round(stockValue * quantity / stockQuantity, MidpointRounding.AwayFromZero);
    }

    /// <summary>The hash of an entry: its content, its lines and the hash of the fund's previous entry.</summary>
    public static string Hash(JournalEntry e, IEnumerable<(string Account, long Amount)> lines)
    {
        var sb = new StringBuilder(256);
        sb.Append(e.PreviousHash).Append('|').Append(e.FundId.ToString("N")).Append('|').Append(e.Seq.ToString(CultureInfo.InvariantCulture))
            .Append('|').Append(e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('|').Append((int)e.Kind)
            .Append('|').Append(e.VoucherNumber).Append('|').Append(e.Amount.ToString(CultureInfo.InvariantCulture))
            .Append('|').Append(e.Channel is null ? "" : ((int)e.Channel).ToString(CultureInfo.InvariantCulture))
            .Append('|').Append(e.DonorName).Append('|').Append(e.Category is null ? "" : ((int)e.Category).ToString(CultureInfo.InvariantCulture))
            .Append('|').Append(e.Cases.ToString(CultureInfo.InvariantCulture))
            .Append('|').Append(e.Quantity?.ToString("0.###", CultureInfo.InvariantCulture))
            .Append('|').Append(e.ReversesEntryId?.ToString(CultureInfo.InvariantCulture))
            .Append('|').Append(e.CounterpartFundId?.ToString("N"))
            .Append('|').Append(e.PostedAt.Ticks.ToString(CultureInfo.InvariantCulture)).Append('|').Append(e.PostedBy).Append('|').Append(e.Description);
        foreach (var (account, amount) in lines.OrderBy(l => l.Account, StringComparer.Ordinal).ThenBy(l => l.Amount))
        {
            sb.Append('|').Append(account).Append('=').Append(amount.ToString(CultureInfo.InvariantCulture));
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
