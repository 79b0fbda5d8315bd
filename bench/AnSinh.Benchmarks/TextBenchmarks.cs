using AnSinh.Platform.Text;
using BenchmarkDotNet.Attributes;

namespace AnSinh.Benchmarks;

/// <summary>The per-row functions of every bulk path: search keys and Vietnamese sort keys.</summary>
[MemoryDiagnoser]
public class TextBenchmarks
{
    private readonly string[] _names = ["Nguyễn Thị Hồng Nhung", "Lê Văn Tám", "Sùng A Páo", "Thạch Thị Sa Rinh", "Đặng Đức Ánh"];

    [Benchmark]
    public int SearchKey()
    {
        var n = 0;
        foreach (var name in _names)
        {
            n += VietnameseText.SearchKey(name).Length;
        }
        return n;
    }

    [Benchmark]
    public int SortKey()
    {
        var n = 0;
        foreach (var name in _names)
        {
            n += VietnameseText.SortKey(name).Length;
        }
        return n;
    }
}
