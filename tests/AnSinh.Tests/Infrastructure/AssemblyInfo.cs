// One app per engine is shared by all tests; running classes one after another keeps SQLite's
// single writer and the audit chain's lock free of contention, and timings out of assertions.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
