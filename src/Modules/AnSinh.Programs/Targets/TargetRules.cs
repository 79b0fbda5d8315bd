namespace AnSinh.Programs.Targets;

/// <summary>Achievement against a plan: percent of plan with 2 decimals and the gap still to reach.</summary>
public static class TargetRules
{
    /// <summary>actual ÷ target × 100, 2 decimals (half away from zero); null when there is no target or it is zero.</summary>
    public static decimal? PercentOfPlan(decimal? target, decimal actual) =>
        target is null or 0 ? null : Math.Round(actual * 100m / target.Value, 2, MidpointRounding.AwayFromZero);

    /// <summary>What is still to do: target − actual, never below zero; null without a target.</summary>
    public static decimal? Gap(decimal? target, decimal actual) => target is null ? null : Math.Max(0, target.Value - actual);

    /// <summary>A target's year and value are acceptable; null when so, else the reason.</summary>
    public static string? Check(int? year, decimal? value, int currentYear)
    {
        if (year is null or < 2000 || year > currentYear + 5)
        {
            return $"Năm chỉ tiêu phải từ 2000 đến {currentYear + 5}.";
        }
        if (value is null)
        {
            return "Cần giá trị chỉ tiêu.";
        }
        return value < 0 ? "Chỉ tiêu không được âm." : value > 1_000_000_000_000_000m ? "Chỉ tiêu quá lớn — kiểm tra lại." : null;
    }
}
