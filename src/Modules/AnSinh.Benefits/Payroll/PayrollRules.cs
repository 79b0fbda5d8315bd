using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AnSinh.Benefits.Parameters;
using AnSinh.Benefits.Quotes;
using AnSinh.Benefits.Registers;

namespace AnSinh.Benefits.Payroll;

/// <summary>An earlier month as the payroll sees it: what is owed by today's rules and records, what was paid for it.</summary>
public readonly record struct PaidMonth(DateOnly Month, long Due, long Paid);

/// <summary>A correction for an earlier month: positive arrears, negative recovery.</summary>
public readonly record struct Adjustment(DateOnly Month, PayrollLineKind Kind, long Amount, string Basis);

/// <summary>The payroll's rules, as pure functions.</summary>
public static class PayrollRules
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Is the entitlement running in the month (first paid month to the month of the end, both included)?</summary>
    public static bool IsEntitled(DateOnly entitledFrom, DateOnly? endedOn, DateOnly month) =>
        entitledFrom <= month && (endedOn is null || endedOn >= month);

    /// <summary>The key no province may pay twice in a month: the national ID, else the register's person.</summary>
    public static string PayKey(string? nationalId, Guid personId) => string.IsNullOrWhiteSpace(nationalId) ? "P:" + personId.ToString("N") : nationalId;

    /// <summary>
    /// Arrears and recoveries for the months already paid: for each, what today's rules and records
    /// owe minus what was paid. A month paid exactly right gives nothing, so running it again (or
    /// after its corrections were paid) gives nothing more.
    /// </summary>
    public static List<Adjustment> Reconcile(IEnumerable<PaidMonth> months)
    {
        var result = new List<Adjustment>();
        foreach (var m in months.OrderBy(m => m.Month))
        {
            var diff = m.Due - m.Paid;
            if (diff > 0)
            {
                result.Add(new Adjustment(m.Month, PayrollLineKind.Arrears, diff,
                    $"Truy lĩnh tháng {m.Month:MM/yyyy}: phải hưởng {Money(m.Due)}, đã chi {Money(m.Paid)}"));
            }
            else if (diff < 0)
            {
                result.Add(new Adjustment(m.Month, PayrollLineKind.Recovery, diff,
                    m.Due == 0 ? $"Truy thu tháng {m.Month:MM/yyyy}: đã chi {Money(m.Paid)} khi không còn được hưởng"
                               : $"Truy thu tháng {m.Month:MM/yyyy}: phải hưởng {Money(m.Due)}, đã chi {Money(m.Paid)}"));
            }
        }
        return result;
    }

    /// <summary>A fingerprint of every dated parameter; a different one means earlier months may be owed differently.</summary>
    public static string ParametersHash(ParameterSet set)
    {
        var text = new StringBuilder();
        foreach (var b in set.BaseLevels.OrderBy(b => b.Id))
        {
            text.Append(CultureInfo.InvariantCulture, $"B{b.Id}|{b.Scheme}|{b.ProvinceCode}|{b.Amount}|{b.ValidFrom}|{b.ValidTo};");
        }
        foreach (var c in set.Coefficients.OrderBy(c => c.Id))
        {
            text.Append(CultureInfo.InvariantCulture, $"C{c.Id}|{c.Clause}|{c.Disability}|{c.MinAge}|{c.MaxAge}|{c.Coefficient}|{c.ValidFrom}|{c.ValidTo};");
        }
        foreach (var r in set.MeritRates.OrderBy(r => r.Table).ThenBy(r => r.Row, StringComparer.Ordinal).ThenBy(r => r.ValidFrom))
        {
            text.Append(CultureInfo.InvariantCulture, $"M{r.Table}|{r.Row}|{r.Allowance}|{r.Supplement}|{r.SupplementPerYear}|{r.ValidFrom}|{r.ValidTo};");
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static string Money(long amount) => amount.ToString("N0", Vi);

    /// <summary>Parses a payroll month written YYYY-MM (or a date in it) to its first day.</summary>
    public static DateOnly? ParseMonth(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var t = text.Trim();
        if (DateOnly.TryParseExact(t, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m)
            || DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out m))
        {
            return new DateOnly(m.Year, m.Month, 1);
        }
        return null;
    }
}

/// <summary>A priced month of one beneficiary: the amount, or why there is none, and a short basis for the payroll line.</summary>
public readonly record struct PricedMonth(long? Amount, string Basis);

/// <summary>
/// The calculators of <see cref="AssistanceCalculator"/> and <see cref="MeritCalculator"/> with a
/// cache: a commune's or province's people share a few hundred distinct inputs a month, so each
/// distinct input is quoted once (with its explanation) and the rest are looked up.
/// </summary>
public sealed class PayrollPricer(ParameterSet set)
{
    private readonly Dictionary<(DateOnly, string, string?, int, int, string?), PricedMonth> _assistance = [];
    private readonly Dictionary<(DateOnly, string, int, int?, bool), PricedMonth> _merit = [];
    private readonly Dictionary<(DateOnly, bool), PricedMonth> _pension = [];
    private readonly HashSet<string> _localLevels = set.BaseLevels.Where(l => l.ProvinceCode is not null).Select(l => l.ProvinceCode!).ToHashSet(StringComparer.Ordinal);

    public ParameterSet Parameters => set;

    public PricedMonth Price(Beneficiary b, DateOnly month)
    {
        switch (b.Scheme)
        {
            case Scheme.SocialAssistance:
                {
                    var age = AssistanceCalculator.AgeOn(b.BirthDate, month);
                    var key = (month, b.Clauses ?? "", b.Disability, b.Children, age, _localLevels.Contains(b.ProvinceCode) ? b.ProvinceCode : null);
                    if (!_assistance.TryGetValue(key, out var priced))
                    {
                        priced = Guard(() =>
                        {
                            var q = AssistanceCalculator.Quote(new AssistanceInput(month, b.BirthDate, (b.Clauses ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries), b.Disability, b.Children, key.Item6), set);
                            return new PricedMonth(q.MonthlyAmount, Cut(string.Join("; ", q.Parts.Select(p => p.Label)) + $" × mức chuẩn {PayrollRules.Money(q.BaseLevel)}{(q.BaseLevelProvisional ? " (tạm tính)" : "")}"));
                        });
                        _assistance[key] = priced;
                    }
                    return priced;
                }
            case Scheme.Merit:
                {
                    var key = (month, b.Category ?? "", b.Martyrs, b.InjuryPercent, b.ParticularlySevere);
                    if (!_merit.TryGetValue(key, out var priced))
                    {
                        priced = Guard(() =>
                        {
                            var q = MeritCalculator.Quote(new MeritInput(month, b.Category ?? "", b.Martyrs, b.InjuryPercent, b.ParticularlySevere), set);
                            return new PricedMonth(q.MonthlyAmount, Cut(string.Join("; ", q.Parts.Select(p => $"{p.Label} {PayrollRules.Money(p.Amount)}"))));
                        });
                        _merit[key] = priced;
                    }
                    return priced;
                }
            default:
                {
                    var key = (month, AssistanceCalculator.AgeOn(b.BirthDate, month) >= 70);
                    if (!_pension.TryGetValue(key, out var priced))
                    {
                        var (amount, note) = BeneficiaryRegister.Price(b, month, set);
                        priced = amount is { } a ? new PricedMonth(a, $"Trợ cấp hưu trí xã hội {PayrollRules.Money(a)}") : new PricedMonth(null, Cut(note ?? "Không tính được."));
                        _pension[key] = priced;
                    }
                    return priced;
                }
        }
    }

    private static PricedMonth Guard(Func<PricedMonth> price)
    {
        try
        {
            return price();
        }
        catch (QuoteException ex)
        {
            return new PricedMonth(null, Cut("Không tính được: " + ex.Message));
        }
    }

    private static string Cut(string s) => s.Length <= 200 ? s : s[..197] + "…";
}
