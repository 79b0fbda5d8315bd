using System.Collections.Concurrent;
using AnSinh.Platform.Errors;
using Microsoft.EntityFrameworkCore.Storage;

namespace AnSinh.Platform.Persistence;

/// <summary>
/// The one lock that every write to an embedded (SQLite) database takes inside this process, and
/// always first: gate → SQLite's write lock (BEGIN IMMEDIATE) → nothing else. A writer waits for
/// it asynchronously, in arrival order and for a bounded time (<see cref="Wait"/>), after which the
/// request answers 503 with <c>Retry-After</c> (ADR 0022). PostgreSQL takes no gate: its row locks
/// and the audit chain's advisory lock are bounded by <c>lock_timeout</c>.
/// </summary>
public sealed class WriteGate
{
    private static readonly ConcurrentDictionary<string, WriteGate> Gates = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    /// <summary>How long a write waits for the database before it is refused as busy.</summary>
    public TimeSpan Wait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The gate of one database (keyed by its connection string).</summary>
    public static WriteGate For(string connectionString) => Gates.GetOrAdd(connectionString, _ => new WriteGate());

    /// <summary>True while some writer of this process holds the database.</summary>
    public bool IsHeld => _semaphore.CurrentCount == 0;

    public async Task EnterAsync(CancellationToken ct)
    {
        if (!await _semaphore.WaitAsync(Wait, ct))
        {
            throw new DatabaseBusyException();
        }
    }

    /// <summary>Takes the gate only if it is free now (best-effort writes such as a job's progress).</summary>
    public bool TryEnter() => _semaphore.Wait(0);

    public void Exit() => _semaphore.Release();
}

/// <summary>
/// A write transaction begun through <see cref="AnSinhDbContext.BeginWriteAsync"/>: on SQLite it holds
/// the context's <see cref="WriteGate"/> from before BEGIN until it is disposed.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable, IDisposable
{
    private readonly Action? _release;
    private bool _disposed;

    internal WriteTransaction(IDbContextTransaction inner, Action? release)
    {
        Inner = inner;
        _release = release;
    }

    public IDbContextTransaction Inner { get; }

    public Task CommitAsync(CancellationToken ct = default) => Inner.CommitAsync(ct);

    public Task RollbackAsync(CancellationToken ct = default) => Inner.RollbackAsync(ct);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        try
        {
            await Inner.DisposeAsync();
        }
        finally
        {
            _release?.Invoke();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        try
        {
            Inner.Dispose();
        }
        finally
        {
            _release?.Invoke();
        }
    }
}

/// <summary>The per-unit number series whose next value is read and written under a lock (<see cref="AnSinhDbContext.LockSeriesAsync"/>).</summary>
public enum UnitSeries
{
    HouseholdCode = 0x4853,
}
