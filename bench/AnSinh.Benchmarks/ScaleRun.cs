namespace AnSinh.Benchmarks;

public static class ScaleRun
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.WriteLine("scale: not yet written");
        return Task.FromResult(1);
    }
}
