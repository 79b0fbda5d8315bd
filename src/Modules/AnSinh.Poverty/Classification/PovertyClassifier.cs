using System.Globalization;
using AnSinh.Poverty.Standards;

namespace AnSinh.Poverty.Classification;

public enum PovertyClass
{
    Poor,
    NearPoor,
    AverageLiving,
    NotPoor,
    Incomplete,
}

public sealed record ClassificationInput(
    bool Urban,
    long? IncomePerPersonMonthly,
    int? IncomeScore,
    IReadOnlyCollection<string> Deprivations,
    IReadOnlyCollection<string>? UnknownIndicators = null);

public sealed record ClassificationResult(PovertyClass Class, string Standard, long IncomeLine, int DeprivationCount, string Explanation);

/// <summary>
/// The one classifier (RULES.md §1, Decree 07/2021 Art. 3; Decree 351/2025 for 2027–2030):
/// income under the line with ≥ 3 deprivations is poor, with fewer near-poor; income above the
/// line and within the average-living band is average-living; otherwise not poor. An income score
/// (form B, "A") may stand for the income. Incomplete data gives "incomplete", never a guess.
/// </summary>
public static class PovertyClassifier
{
    /// <summary>An income above this per person per month is taken as a typing error.</summary>
    public const long MaxPlausibleIncome = 1_000_000_000;

    public static string Code(PovertyClass c) => c switch
    {
        PovertyClass.Poor => "poor",
        PovertyClass.NearPoor => "near_poor",
        PovertyClass.AverageLiving => "average_living",
        PovertyClass.NotPoor => "not_poor",
        _ => "incomplete",
    };

    /// <summary>Input errors, in Vietnamese, keyed by field; empty when the input can be classified.</summary>
    public static Dictionary<string, string> Check(PovertyStandard s, ClassificationInput input)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input.IncomePerPersonMonthly is < 0)
        {
            errors["incomePerPersonMonthly"] = "Thu nhập bình quân không được âm.";
        }
        else if (input.IncomePerPersonMonthly > MaxPlausibleIncome)
        {
            errors["incomePerPersonMonthly"] = $"Thu nhập {input.IncomePerPersonMonthly:N0} đồng/người/tháng không hợp lý; hãy kiểm tra lại đơn vị (đồng).";
        }
        if (input.IncomeScore is < 0 or > 1000)
        {
            errors["incomeScore"] = "Điểm thu nhập (A) phải từ 0 đến 1.000.";
        }
        var indicators = s.IndicatorList;
        var unknownCodes = input.Deprivations.Concat(input.UnknownIndicators ?? []).Where(d => !indicators.Contains(d)).Distinct().ToList();
        if (unknownCodes.Count > 0)
        {
            errors["deprivations"] = $"Chỉ số {string.Join(", ", unknownCodes)} không thuộc chuẩn nghèo {s.Code} (các chỉ số: {s.Indicators}).";
        }
        else if (input.UnknownIndicators is { } unknown && unknown.Intersect(input.Deprivations).Any())
        {
            errors["unknownIndicators"] = "Một chỉ số không thể vừa thiếu hụt vừa chưa rõ.";
        }
        if (errors.Count == 0 && input.IncomePerPersonMonthly is { } income && input.IncomeScore is { } score)
        {
            var byIncome = income <= Line(s, input.Urban);
            var byScore = score <= ScoreThreshold(s, input.Urban);
            if (byIncome != byScore)
            {
                errors["incomeScore"] = $"Điểm thu nhập {score} và thu nhập {income:N0} đồng cho kết quả trái nhau (một dưới chuẩn, một trên chuẩn); hãy rà soát lại phiếu.";
            }
        }
        return errors;
    }

    public static long Line(PovertyStandard s, bool urban) => urban ? s.UrbanIncomeLine : s.RuralIncomeLine;

    public static int ScoreThreshold(PovertyStandard s, bool urban) => urban ? s.UrbanScoreThreshold : s.RuralScoreThreshold;

    /// <summary>
    /// The decision alone, allocation-free, for batch work: <paramref name="deprived"/> and
    /// <paramref name="unknown"/> are counts of indicators deprived and not yet known.
    /// </summary>
    public static PovertyClass Decide(long line, long? averageUpper, int scoreThreshold, int minDeprivations, long? income, int? score, int deprived, int unknown)
    {
        bool underLine;
        if (income is { } i)
        {
            underLine = i <= line;
        }
        else if (score is { } a)
        {
            underLine = a <= scoreThreshold;
        }
        else
        {
            return PovertyClass.Incomplete;
        }
        if (underLine)
        {
            if (deprived >= minDeprivations)
            {
                return PovertyClass.Poor;
            }
            // Near-poor only if the indicators not yet known could not make it poor.
            return deprived + unknown >= minDeprivations ? PovertyClass.Incomplete : PovertyClass.NearPoor;
        }
        if (income is { } inc && averageUpper is { } upper && inc <= upper)
        {
            return PovertyClass.AverageLiving;
        }
        return PovertyClass.NotPoor;
    }

    public static ClassificationResult Classify(PovertyStandard s, ClassificationInput input)
    {
        var line = Line(s, input.Urban);
        var upper = input.Urban ? s.UrbanAverageUpper : s.RuralAverageUpper;
        var deprived = input.Deprivations.Distinct().Count();
        var unknown = input.UnknownIndicators?.Distinct().Count() ?? 0;
        var result = Decide(line, upper, ScoreThreshold(s, input.Urban), s.PoorMinDeprivations, input.IncomePerPersonMonthly, input.IncomeScore, deprived, unknown);
        var vi = CultureInfo.GetCultureInfo("vi-VN");
        var area = input.Urban ? "thành thị" : "nông thôn";
        var basis = input.IncomePerPersonMonthly is { } inc
            ? $"thu nhập {inc.ToString("N0", vi)} đồng/người/tháng so với chuẩn {area} {line.ToString("N0", vi)} đồng"
            : input.IncomeScore is { } sc ? $"điểm thu nhập A = {sc} so với ngưỡng {area} {ScoreThreshold(s, input.Urban)}" : "chưa có thu nhập hoặc điểm thu nhập";
        var explanation = result switch
        {
            PovertyClass.Poor => $"Hộ nghèo: {basis}, thiếu hụt {deprived} chỉ số (≥ {s.PoorMinDeprivations}).",
            PovertyClass.NearPoor => $"Hộ cận nghèo: {basis}, thiếu hụt {deprived} chỉ số (dưới {s.PoorMinDeprivations}).",
            PovertyClass.AverageLiving => $"Hộ có mức sống trung bình: {basis}, không quá {upper!.Value.ToString("N0", vi)} đồng.",
            PovertyClass.NotPoor when upper is null && input.IncomePerPersonMonthly is not null =>
                $"Không nghèo: {basis}. Chuẩn {s.Code} chưa quy định mức sống trung bình, nên không xác định được hộ có mức sống trung bình.",
            PovertyClass.NotPoor => $"Không nghèo: {basis}.",
            _ => input.IncomePerPersonMonthly is null && input.IncomeScore is null
                ? "Chưa đủ dữ liệu: cần thu nhập bình quân hoặc điểm thu nhập."
                : $"Chưa đủ dữ liệu: {basis}, thiếu hụt {deprived} chỉ số, còn {unknown} chỉ số chưa rõ có thể làm thay đổi kết quả.",
        };
        return new ClassificationResult(result, s.Code, line, deprived, $"{explanation} Căn cứ: {s.LegalSource}.{(s.IsProvisional ? " (Một số số liệu của chuẩn đang tạm tính: " + s.ProvisionalFields + ".)" : "")}");
    }
}
