using AnSinh.Benchmarks;
using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "scale")
{
    return await ScaleRun.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(TextBenchmarks).Assembly).Run(args);
return 0;
