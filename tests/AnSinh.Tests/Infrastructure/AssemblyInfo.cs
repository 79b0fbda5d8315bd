// One app per engine is shared by all tests; running classes one after another keeps SQLite's
// single writer and the audit chain's lock free of contention, and timings out of assertions.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// ANSINH_TEST_SEED shuffles classes and tests (TestOrder): no test may depend on another's data.
[assembly: TestCaseOrderer("AnSinh.Tests.Infrastructure.SeededTestCaseOrderer", "AnSinh.Tests")]
[assembly: TestCollectionOrderer("AnSinh.Tests.Infrastructure.SeededTestCollectionOrderer", "AnSinh.Tests")]
