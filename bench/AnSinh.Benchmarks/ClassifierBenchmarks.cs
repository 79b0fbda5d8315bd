using AnSinh.Poverty.Classification;
using BenchmarkDotNet.Attributes;

namespace AnSinh.Benchmarks;

/// <summary>The poverty decision over a million stored households' figures (issue #3: ≥ 5 million a second per core).</summary>
public class ClassifierBenchmarks
{
    private const int N = 1_000_000;
    private readonly long[] _income = new long[N];
    private readonly int[] _deprived = new int[N];

    [GlobalSetup]
    public void Setup()
    {
        var r = new Random(5);
        for (var i = 0; i < N; i++)
        {
            _income[i] = r.Next(500_000, 6_000_000);
            _deprived[i] = r.Next(0, 7);
        }
    }

    [Benchmark(OperationsPerInvoke = N)]
    public int DecideMillion()
    {
        var poor = 0;
        for (var i = 0; i < N; i++)
        {
            if (PovertyClassifier.Decide(1_500_000, 2_250_000, 140, 3, _income[i], null, _deprived[i], 0) == PovertyClass.Poor)
            {
                poor++;
            }
        }
        return poor;
    }
}
