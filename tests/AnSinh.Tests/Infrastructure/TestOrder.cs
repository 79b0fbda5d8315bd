using Xunit.Abstractions;
using Xunit.Sdk;

namespace AnSinh.Tests.Infrastructure;

/// <summary>
/// Test order: xUnit's own when ANSINH_TEST_SEED is unset; otherwise classes and the tests of each
/// class are shuffled by that seed, so that a run proves that no test depends on another's data
/// (.ci/run runs the suite a second time with a random seed and prints it; the same seed
/// repeats the same order).
/// </summary>
public static class TestOrder
{
    public static int? Seed => int.TryParse(Environment.GetEnvironmentVariable("ANSINH_TEST_SEED"), out var s) ? s : null;

    public static IEnumerable<T> Shuffle<T>(IEnumerable<T> items, Func<T, string> key, int seed)
    {
        var list = items.OrderBy(key, StringComparer.Ordinal).ToList();
        // The same seed gives each group its own, repeatable order.
        var mix = list.Count == 0 ? 0 : StableHash(key(list[0]));
        var random = new Random(seed ^ mix);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    private static int StableHash(string s)
    {
        unchecked
        {
            var h = (int)2166136261;
            foreach (var c in s)
            {
                h = (h ^ c) * 16777619;
            }
            return h;
        }
    }
}

public sealed class SeededTestCaseOrderer : ITestCaseOrderer
{
    private readonly DefaultTestCaseOrderer _default;

    public SeededTestCaseOrderer(IMessageSink sink) => _default = new DefaultTestCaseOrderer(sink);

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        TestOrder.Seed is { } seed ? TestOrder.Shuffle(testCases, t => t.UniqueID, seed) : _default.OrderTestCases(testCases);
}

public sealed class SeededTestCollectionOrderer : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        TestOrder.Seed is { } seed
            ? TestOrder.Shuffle(testCollections, c => c.DisplayName, seed)
            : testCollections.OrderBy(c => c.DisplayName, StringComparer.Ordinal);
}
