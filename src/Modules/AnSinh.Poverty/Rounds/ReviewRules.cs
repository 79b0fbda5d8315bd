using AnSinh.Platform.Calendar;
using AnSinh.Poverty.Classification;

namespace AnSinh.Poverty.Rounds;

/// <summary>
/// The dates and thresholds of the review procedure (Decision 24/2021/QĐ-TTg; RULES.md §1), as
/// pure functions. Working days are those of the public-holiday calendar (<see cref="WorkCalendar"/>).
/// </summary>
public static class ReviewRules
{
    /// <summary>The periodic review runs from 1 September to 14 December (Decision 24/2021 Art. 4).</summary>
    public static (DateOnly Start, DateOnly End) PeriodicWindow(int year) => (new DateOnly(year, 9, 1), new DateOnly(year, 12, 14));

    /// <summary>A regular review starts from the 15th of the month (Decision 24/2021 Art. 5).</summary>
    public const int RegularStartDay = 15;

    /// <summary>The regular review's decision is due within 15 days of its start.</summary>
    public const int RegularDecisionDays = 15;

    /// <summary>Public posting lasts 3 working days by default [S].</summary>
    public const int PostingWorkingDays = 3;

    /// <summary>A complaint is re-checked and answered within 3 working days [S].</summary>
    public const int ComplaintWorkingDays = 3;

    /// <summary>A village meeting passes with at least half of those present agreeing.</summary>
    public static bool MeetingPasses(int attendees, int agreeing) => attendees > 0 && agreeing * 2 >= attendees;

    public static string? CheckStart(RoundKind kind, DateOnly start) => kind switch
    {
        RoundKind.Periodic when start < PeriodicWindow(start.Year).Start || start > PeriodicWindow(start.Year).End =>
            $"Rà soát định kỳ chỉ bắt đầu trong khoảng 01/9 – 14/12 (ngày {start:dd/MM/yyyy} nằm ngoài khoảng này).",
        RoundKind.Regular when start.Day < RegularStartDay =>
            $"Rà soát thường xuyên bắt đầu từ ngày {RegularStartDay} hằng tháng (ngày {start:dd/MM/yyyy} chưa tới).",
        _ => null,
    };

    public static DateOnly DueOn(RoundKind kind, DateOnly start) =>
        kind == RoundKind.Periodic ? PeriodicWindow(start.Year).End : start.AddDays(RegularDecisionDays);

    /// <summary>The deadline of a complaint received on a day: 3 working days after it.</summary>
    public static DateOnly ComplaintDue(WorkCalendar calendar, DateOnly received) => calendar.AddWorkingDays(received.AddDays(1), ComplaintWorkingDays);

    /// <summary>The movement of one household in a round, from its status before and after.</summary>
    public static Movement MovementOf(PovertyClass before, PovertyClass after, bool everPoor) => after switch
    {
        PovertyClass.Poor when before == PovertyClass.Poor => Movement.Unchanged,
        PovertyClass.Poor => everPoor ? Movement.FellBackIntoPoverty : Movement.NewlyPoor,
        PovertyClass.NearPoor when before == PovertyClass.NearPoor => Movement.Unchanged,
        PovertyClass.NearPoor when before == PovertyClass.Poor => Movement.EscapedPoverty,
        PovertyClass.NearPoor => Movement.NewlyNearPoor,
        _ when before == PovertyClass.Poor => Movement.EscapedPoverty,
        _ when before == PovertyClass.NearPoor => Movement.EscapedNearPoverty,
        _ => Movement.Unchanged,
    };

    public static string Code(Movement m) => m switch
    {
        Movement.NewlyPoor => "newly_poor",
        Movement.NewlyNearPoor => "newly_near_poor",
        Movement.EscapedPoverty => "escaped_poverty",
        Movement.EscapedNearPoverty => "escaped_near_poverty",
        Movement.FellBackIntoPoverty => "fell_back_into_poverty",
        _ => "unchanged",
    };

    public static string VietnameseName(Movement m) => m switch
    {
        Movement.NewlyPoor => "Hộ nghèo phát sinh",
        Movement.NewlyNearPoor => "Hộ cận nghèo phát sinh",
        Movement.EscapedPoverty => "Hộ thoát nghèo",
        Movement.EscapedNearPoverty => "Hộ thoát cận nghèo",
        Movement.FellBackIntoPoverty => "Hộ tái nghèo",
        _ => "Không thay đổi",
    };

    public static string VietnameseName(PovertyClass c) => c switch
    {
        PovertyClass.Poor => "Hộ nghèo",
        PovertyClass.NearPoor => "Hộ cận nghèo",
        PovertyClass.AverageLiving => "Hộ có mức sống trung bình",
        PovertyClass.NotPoor => "Không nghèo",
        _ => "Chưa đủ dữ liệu",
    };

    public static string VietnameseName(RoundStage s) => s switch
    {
        RoundStage.Listing => "Lập danh sách",
        RoundStage.Surveying => "Khảo sát, họp thôn",
        RoundStage.Posting => "Niêm yết, khiếu nại",
        RoundStage.Decided => "Đã quyết định (khóa)",
        _ => s.ToString(),
    };

    /// <summary>A rate in percent with 2 decimals (households in the status ÷ all households).</summary>
    public static decimal Rate(long part, long whole) => whole <= 0 ? 0m : Math.Round(part * 100m / whole, 2, MidpointRounding.AwayFromZero);

    /// <summary>Bits of the given codes in the order of <paramref name="indicators"/>.</summary>
    public static int Mask(IReadOnlyList<string> indicators, IEnumerable<string> codes)
    {
        var mask = 0;
        foreach (var c in codes)
        {
            var i = IndexOf(indicators, c);
            if (i >= 0)
            {
                mask |= 1 << i;
            }
        }
        return mask;
    }

    public static List<string> Codes(IReadOnlyList<string> indicators, int mask)
    {
        var list = new List<string>();
        for (var i = 0; i < indicators.Count; i++)
        {
            if ((mask & (1 << i)) != 0)
            {
                list.Add(indicators[i]);
            }
        }
        return list;
    }

    private static int IndexOf(IReadOnlyList<string> list, string code)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], code, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
