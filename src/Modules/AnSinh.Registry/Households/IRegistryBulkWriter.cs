namespace AnSinh.Registry.Households;

/// <summary>
/// The set-based fast path for many new households at once (import, seeding): one engine-specific
/// implementation each (SQLite prepared batches, PostgreSQL binary COPY), inside the caller's
/// transaction, writing households, people, memberships, locations and the registration events.
/// </summary>
public interface IRegistryBulkWriter
{
    Task WriteAsync(IReadOnlyList<Household> households, IReadOnlyList<Person> persons, DateOnly date, HouseholdEventKind kind, string recordedBy, CancellationToken ct);
}
