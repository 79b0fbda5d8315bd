using AnSinh.Platform.Text;
using Xunit;

namespace AnSinh.Tests.Unit;

public class MoneyTextTests
{
    [Theory]
    [InlineData("1.500.000", 1_500_000)]
    [InlineData("1500000", 1_500_000)]
    [InlineData("1 500 000", 1_500_000)]
    [InlineData("1\u00A0500\u00A0000", 1_500_000)]
    [InlineData("  1.500.000  ", 1_500_000)]
    [InlineData("1.500.000 đ", 1_500_000)]
    [InlineData("1.500.000đ", 1_500_000)]
    [InlineData("1.500.000 đồng", 1_500_000)]
    [InlineData("1.500.000 VND", 1_500_000)]
    [InlineData("1.500.000 ₫", 1_500_000)]
    [InlineData("1,5 triệu", 1_500_000)]
    [InlineData("1,5 Triệu đồng", 1_500_000)]
    [InlineData("1,5tr", 1_500_000)]
    [InlineData("1.5 triệu", 1_500_000)]
    [InlineData("1.500 triệu", 1_500_000_000)]
    [InlineData("500 nghìn", 500_000)]
    [InlineData("500 ngàn", 500_000)]
    [InlineData("500k", 500_000)]
    [InlineData("500 K", 500_000)]
    [InlineData("2 tỷ", 2_000_000_000)]
    [InlineData("2 tỉ", 2_000_000_000)]
    [InlineData("1 tỷ 200 triệu", 1_200_000_000)]
    [InlineData("1 triệu 500 nghìn", 1_500_000)]
    [InlineData("0", 0)]
    public void ReadsAmountsAsAVietnameseUserTypesThem(string text, long expected)
    {
        Assert.True(MoneyText.TryParse(text, out var amount));
        Assert.Equal(expected, amount);
        Assert.True(MoneyText.TryParseWhole(text, out var whole));
        Assert.Equal(expected, whole);
    }

    [Fact]
    public void ReadsTheCommaAsTheDecimalMark()
    {
        Assert.True(MoneyText.TryParse("1.500.000,50", out var amount));
        Assert.Equal(1_500_000.50m, amount);
        Assert.True(MoneyText.TryParse("1,5", out amount));
        Assert.Equal(1.5m, amount);
        Assert.False(MoneyText.TryParseWhole("1,5", out _));
    }

    [Fact]
    public void ComposedAndDecomposedDiacriticsReadTheSame()
    {
        var decomposed = "1,5 triệu đồng".Normalize(System.Text.NormalizationForm.FormD);
        Assert.True(MoneyText.TryParse(decomposed, out var amount));
        Assert.Equal(1_500_000m, amount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("đ")]
    [InlineData("triệu")]
    [InlineData("-500000")]
    [InlineData("-1.500.000 đ")]
    [InlineData("+500")]
    [InlineData("1.5")] // a lone dot without a word multiplier is ambiguous
    [InlineData("1,500,000")] // English grouping: in vi-VN ',' is the decimal mark
    [InlineData("1,500")] // three decimals without a multiplier: a misplaced thousands separator
    [InlineData("15.00.000")]
    [InlineData("1.500.00")]
    [InlineData("1..500")]
    [InlineData("1.500 000")]
    [InlineData(".5 triệu")]
    [InlineData("1.2.3 triệu")]
    [InlineData("1,5 triệu triệu")]
    [InlineData("5 triệu 2 tỷ")] // multipliers must fall
    [InlineData("1 triệu 500")]
    [InlineData("1.500.000 đồng abc")]
    [InlineData("1x500")]
    [InlineData("1e6")]
    [InlineData("12 kg")]
    [InlineData("99999999999999999999999999999999")]
    [InlineData("99999999999999999999999 tỷ")]
    public void RefusesWhatIsNotAnAmount(string? text)
    {
        Assert.False(MoneyText.TryParse(text, out _));
        Assert.False(MoneyText.TryParseWhole(text, out _));
    }

    [Fact]
    public void RefusesAWholeAmountBeyondTheLargestNumberOfDong()
    {
        Assert.True(MoneyText.TryParse("99999999999 tỷ", out _));
        Assert.False(MoneyText.TryParseWhole("99999999999 tỷ", out _));
    }

    [Theory]
    [InlineData(1_500_000, "1.500.000 đ")]
    [InlineData(0, "0 đ")]
    [InlineData(999, "999 đ")]
    [InlineData(2_000_000_000, "2.000.000.000 đ")]
    public void FormatsInVietnamese(long amount, string expected)
    {
        Assert.Equal(expected, MoneyText.Format(amount));
    }

    [Fact]
    public void FormatsDecimalsWithTheComma()
    {
        Assert.Equal("1.500,5", MoneyText.Number(1500.5m));
    }

    [Theory]
    [InlineData("1.500.000")]
    [InlineData("1,5 triệu")]
    [InlineData("2 tỷ")]
    public void WhatIsShownReadsBackTheSame(string text)
    {
        Assert.True(MoneyText.TryParse(text, out var amount));
        Assert.True(MoneyText.TryParse(MoneyText.Format(amount), out var again));
        Assert.Equal(amount, again);
    }
}
