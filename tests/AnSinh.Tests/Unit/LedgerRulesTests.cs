using AnSinh.Funds.Documents;
using AnSinh.Funds.Ledger;
using AnSinh.Funds.Reports;
using AnSinh.Platform.Errors;

namespace AnSinh.Tests.Unit;

/// <summary>The pure rules of the fund books (issue #4).</summary>
public sealed class LedgerRulesTests
{
    [Fact]
    public void Every_kind_of_entry_has_lines_that_sum_to_zero_and_touch_the_right_accounts()
    {
        Assert.Equal([("cash", 500L), ("receipt_cash", -500L)], LedgerRules.ReceiptLines(Channel.Cash, 500));
        Assert.Equal([("goods", 30L), ("receipt_in_kind", -30L)], LedgerRules.ReceiptLines(Channel.Goods, 30));
        Assert.Equal([("spending:new_house", 60L), ("bank", -60L)], LedgerRules.SpendingLines(SpendingCategory.NewHouse, Channel.Bank, 60));
        Assert.Equal([("allocation_out", 7L), ("cash", -7L)], LedgerRules.AllocationOutLines(Channel.Cash, 7));
        Assert.Equal([("cash", 7L), ("allocation_in", -7L)], LedgerRules.AllocationInLines(Channel.Cash, 7));
        Assert.Equal([("cash", 70L), ("bank", 20L), ("goods", 10L), ("capital", -100L)], LedgerRules.OpeningLines(70, 20, 10));
        foreach (var lines in new[] { LedgerRules.ReceiptLines(Channel.Bank, 9), LedgerRules.OpeningLines(1, 2, 3), LedgerRules.ReversalLines(LedgerRules.SpendingLines(SpendingCategory.Study, Channel.Cash, 4)) })
        {
            Assert.True(LedgerRules.Balanced(lines));
        }
        Assert.False(LedgerRules.Balanced([("cash", 1L), ("receipt_cash", -2L)]));
    }

    [Fact]
    public void Closing_a_year_moves_every_nominal_balance_into_capital_and_leaves_assets_alone()
    {
        var lines = LedgerRules.ClosingLines([("receipt_cash", -23_539L), ("spending:study", 549L), ("allocation_in", -5_000L), ("cash", 999L)]);
        Assert.Contains(("receipt_cash", 23_539L), lines);
        Assert.Contains(("spending:study", -549L), lines);
        Assert.Contains(("allocation_in", 5_000L), lines);
        Assert.DoesNotContain(lines, l => l.Account == "cash");
        Assert.Equal(("capital", -(23_539L - 549L + 5_000L)), lines[^1]);
        Assert.True(LedgerRules.Balanced(lines));
    }

    [Theory]
    [InlineData(null, "Thiếu số tiền.")]
    [InlineData(0L, "Số tiền phải lớn hơn 0 đồng.")]
    [InlineData(-1L, "Số tiền phải lớn hơn 0 đồng.")]
    [InlineData(1_000_000_000_000_001L, "Số tiền vượt quá 1.000.000 tỷ đồng (10^15); hãy kiểm tra lại.")]
    public void Amounts_of_zero_negative_or_over_ten_to_the_fifteen_are_refused(long? amount, string message) =>
        Assert.Equal(message, LedgerRules.CheckAmount(amount));

    [Fact]
    public void Amounts_up_to_ten_to_the_fifteen_are_accepted()
    {
        Assert.Null(LedgerRules.CheckAmount(1));
        Assert.Null(LedgerRules.CheckAmount(LedgerRules.MaxAmount));
    }

    [Fact]
    public void A_date_in_the_future_or_in_a_closed_period_cannot_be_posted()
    {
        var today = new DateOnly(2026, 11, 23);
        Assert.Contains("tương lai", LedgerRules.CheckDate(new DateOnly(2026, 11, 24), today, null), StringComparison.Ordinal);
        Assert.Contains("khóa sổ", LedgerRules.CheckDate(new DateOnly(2025, 12, 31), today, new DateOnly(2025, 12, 31)), StringComparison.Ordinal);
        Assert.Null(LedgerRules.CheckDate(new DateOnly(2026, 1, 1), today, new DateOnly(2025, 12, 31)));
        Assert.Null(LedgerRules.CheckDate(today, today, null));
    }

    [Fact]
    public void Vouchers_are_numbered_by_series_unit_and_year()
    {
        Assert.Equal("PT-01363-2026-000012", LedgerRules.VoucherNumber(LedgerRules.Series(EntryKind.Receipt), "01363", 2026, 12));
        Assert.Equal("PC", LedgerRules.Series(EntryKind.Spending));
        Assert.Equal("PC", LedgerRules.Series(EntryKind.AllocationOut));
        Assert.Equal("PT", LedgerRules.Series(EntryKind.AllocationIn));
        Assert.Equal("DC", LedgerRules.Series(EntryKind.Reversal));
    }

    [Fact]
    public void Goods_go_out_at_the_average_value_of_the_stock_and_the_last_of_them_take_what_is_left()
    {
        Assert.Equal(250, LedgerRules.GoodsValue(3, 1_000, 0.75m));
        Assert.Equal(333, LedgerRules.GoodsValue(3, 1_000, 1));
        Assert.Equal(1_000, LedgerRules.GoodsValue(3, 1_000, 3));
        Assert.Equal(0, LedgerRules.GoodsValue(0, 1_000, 1));
    }

    [Fact]
    public void The_hash_changes_when_any_part_of_an_entry_or_its_lines_changes()
    {
        var e = new JournalEntry { FundId = Guid.Empty, UnitCode = "01363", Seq = 1, Date = new DateOnly(2026, 1, 2), Kind = EntryKind.Receipt, Description = "Ủng hộ", Amount = 100, PostedBy = "a", PostedAt = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc) };
        var lines = LedgerRules.ReceiptLines(Channel.Cash, 100);
        var h = LedgerRules.Hash(e, lines);
        Assert.Equal(64, h.Length);
        Assert.Equal(h, LedgerRules.Hash(e, lines));
        Assert.NotEqual(h, LedgerRules.Hash(e, LedgerRules.ReceiptLines(Channel.Cash, 101)));
        e.Amount = 101;
        Assert.NotEqual(h, LedgerRules.Hash(e, lines));
        e.Amount = 100;
        e.PreviousHash = "x";
        Assert.NotEqual(h, LedgerRules.Hash(e, lines));
    }

    [Fact]
    public void Categories_and_kinds_parse_from_their_codes()
    {
        Assert.Equal(SpendingCategory.EntrustedLoan, LedgerRules.ParseCategory("entrusted_loan"));
        Assert.Null(LedgerRules.ParseCategory("party"));
        Assert.Equal(FundKind.ForThePoor, LedgerRules.ParseKind("for_the_poor"));
        Assert.Equal(DonorType.Anonymous, LedgerRules.ParseDonorType("anonymous"));
        Assert.All(Enum.GetValues<SpendingCategory>(), c => Assert.Equal(c, LedgerRules.ParseCategory(LedgerRules.CategoryCode(c))));
    }

    [Theory]
    [InlineData(0L, "Không đồng")]
    [InlineData(15L, "Mười lăm đồng")]
    [InlineData(21L, "Hai mươi mốt đồng")]
    [InlineData(105L, "Một trăm linh năm đồng")]
    [InlineData(2_000_000L, "Hai triệu đồng")]
    [InlineData(12_798_500_000L, "Mười hai tỷ bảy trăm chín mươi tám triệu năm trăm nghìn đồng")]
    [InlineData(1_005_000L, "Một triệu không trăm linh năm nghìn đồng")]
    public void Amounts_are_written_in_Vietnamese_words_on_vouchers(long amount, string words) =>
        Assert.Equal(words, VietnameseNumbers.InWords(amount));

    [Fact]
    public void A_report_period_is_a_year_or_a_range_of_months_that_has_begun()
    {
        var today = new DateOnly(2026, 11, 23);
        Assert.Equal((new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31)), FundReports.Period(2023, null, null, today));
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30)), FundReports.Period(null, "2026-01", "2026-06", today));
        Assert.Throws<InputValidationException>(() => FundReports.Period(2027, null, null, today));
        Assert.Throws<InputValidationException>(() => FundReports.Period(null, "2026-06", "2026-01", today));
        Assert.Throws<InputValidationException>(() => FundReports.Period(null, "2026-13", "2026-14", today));
    }
}
