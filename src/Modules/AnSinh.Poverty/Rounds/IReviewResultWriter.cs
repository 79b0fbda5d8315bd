using AnSinh.Poverty.Classification;

namespace AnSinh.Poverty.Rounds;

/// <summary>A household's classification in a round, with the movement it would make.</summary>
public readonly record struct ReviewResult(long Id, PovertyClass Result, Movement Movement);

/// <summary>
/// Writes many results of a round in one statement (the engine's bulk path: a staging table filled
/// with prepared inserts or binary COPY, then one UPDATE … FROM). Runs in the caller's transaction.
/// </summary>
public interface IReviewResultWriter
{
    Task WriteAsync(IReadOnlyList<ReviewResult> results, CancellationToken ct);
}
