using AnSinh.Benefits.Parameters;
using AnSinh.Benefits.Quotes;
using BenchmarkDotNet.Attributes;

namespace AnSinh.Benchmarks;

/// <summary>The social-assistance calculator over a million beneficiaries (issue #5: ≥ 1 million quotes a second per core).</summary>
public class BenefitBenchmarks
{
    private const int N = 1_000_000;
    private readonly DateOnly[] _birth = new DateOnly[N];
    private readonly string[][] _clauses = new string[N][];
    private readonly string?[] _disability = new string?[N];
    private readonly int[] _children = new int[N];
    private ParameterIndex _index = null!;
    private ParameterSet _set = null!;
    private static readonly DateOnly Month = new(2026, 11, 1);

    [GlobalSetup]
    public void Setup()
    {
        _set = new ParameterSet(ShippedParameters.BaseLevels, ShippedParameters.Coefficients, ShippedParameters.MeritRates());
        _index = new ParameterIndex(_set);
        var r = new Random(5);
        for (var i = 0; i < N; i++)
        {
            // Mostly the elderly and the disabled, as on a commune's payroll; every row can be priced.
            switch (r.Next(4))
            {
                case 0:
                    _clauses[i] = ["5.5a"];
                    _birth[i] = Month.AddDays(-r.Next(60 * 366, 95 * 365));
                    break;
                case 1:
                    _clauses[i] = ["5.6"];
                    _disability[i] = r.Next(2) == 0 ? "severe" : "particularly_severe";
                    _birth[i] = Month.AddDays(-r.Next(1, 90 * 365));
                    break;
                case 2:
                    _clauses[i] = ["5.5a", "5.6"];
                    _disability[i] = "severe";
                    _birth[i] = Month.AddDays(-r.Next(60 * 366, 95 * 365));
                    break;
                default:
                    _clauses[i] = ["5.4", "5.6"];
                    _disability[i] = "particularly_severe";
                    _children[i] = r.Next(1, 4);
                    _birth[i] = Month.AddDays(-r.Next(20 * 366, 50 * 365));
                    break;
            }
        }
    }

    [Benchmark(OperationsPerInvoke = N)]
    public long MonthlyAmountMillion()
    {
        var total = 0L;
        for (var i = 0; i < N; i++)
        {
            total += AssistanceCalculator.MonthlyAmount(Month, _birth[i], _clauses[i], _disability[i], _children[i], _index);
        }
        return total;
    }

    [Benchmark(OperationsPerInvoke = 10_000)]
    public long FullQuoteWithExplanation()
    {
        var total = 0L;
        for (var i = 0; i < 10_000; i++)
        {
            total += AssistanceCalculator.Quote(new AssistanceInput(Month, _birth[i], _clauses[i], _disability[i], _children[i]), _set).MonthlyAmount;
        }
        return total;
    }
}
