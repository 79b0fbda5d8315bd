using System.Reflection;
using System.Text.Json;
using AnSinh.Platform.Audit;
using AnSinh.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace AnSinh.Platform.Persistence;

public enum DatabaseEngine
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The one database of AnSinh. Modules add their tables through entity configurations
/// (see <see cref="ConfigureModules"/>); every change of an <see cref="IAudited"/> entity,
/// and every event added with <see cref="Audit"/>, is appended to the hash-chained audit log
/// in the same transaction as the change.
/// </summary>
public abstract class AnSinhDbContext : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>
{
    // The chain's head is extended by one transaction at a time: SQLite's write lock (taken after
    // the process's WriteGate) or PostgreSQL's advisory lock, both held until the commit.
    private const long AuditLockKey = 0x414e5349_4e48;
    private static long _placeholderId;
    private WriteGate? _gate;
    private bool _holdsGate;

    // Vietnamese stays readable in the log (no \u escapes); the values are data, never HTML.
    private static readonly JsonSerializerOptions AuditJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected AnSinhDbContext(DbContextOptions options, ICurrentActor actor, TimeProvider clock)
        : base(options)
    {
        Actor = actor;
        Clock = clock;
    }

    public ICurrentActor Actor { get; }
    public TimeProvider Clock { get; }

    public DatabaseEngine Engine => Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true
        ? DatabaseEngine.Postgres
        : DatabaseEngine.Sqlite;

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AdminUnits.AdminUnit> AdminUnits => Set<AdminUnits.AdminUnit>();
    public DbSet<AdminUnits.AdminUnitLink> AdminUnitLinks => Set<AdminUnits.AdminUnitLink>();
    public DbSet<AdminUnits.Village> Villages => Set<AdminUnits.Village>();
    public DbSet<Jobs.BackgroundJob> Jobs => Set<Jobs.BackgroundJob>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AppUser>(b =>
        {
            b.Property(u => u.ScopeUnitCode).HasMaxLength(10);
            b.Property(u => u.DisplayName).HasMaxLength(200);
        });
        builder.ApplyConfigurationsFromAssembly(typeof(AnSinhDbContext).Assembly);
        foreach (var assembly in ModuleAssemblies)
        {
            builder.ApplyConfigurationsFromAssembly(assembly);
        }
        ConfigureForEngine(builder);
    }

    /// <summary>The assemblies of the modules whose tables live in this database.</summary>
    protected abstract IEnumerable<Assembly> ModuleAssemblies { get; }

    /// <summary>Engine-specific touches (collations, column types).</summary>
    protected virtual void ConfigureForEngine(ModelBuilder builder)
    {
    }

    /// <summary>Appends an explicit audit event (reads of sensitive data, denied access, bulk jobs).</summary>
    public void Audit(string action, string entityType, string? entityId, string? unitCode, object? before = null, object? after = null) =>
        Audit(Actor, action, entityType, entityId, unitCode, before, after);

    /// <summary>Appends an audit event on behalf of a given actor (a batch that posts the requests of several users at once).</summary>
    public void Audit(ICurrentActor by, string action, string entityType, string? entityId, string? unitCode, object? before = null, object? after = null)
    {
        AuditEvents.Add(new AuditEvent
        {
            // A placeholder key until SaveChanges numbers the event at the chain's head.
            Id = Interlocked.Decrement(ref _placeholderId),
            At = Now(),
            UserId = by.UserId,
            UserName = by.UserName,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            UnitCode = unitCode,
            Before = before is null ? null : before as string ?? JsonSerializer.Serialize(before, AuditJson),
            After = after is null ? null : after as string ?? JsonSerializer.Serialize(after, AuditJson),
        });
    }

    /// <summary>
    /// Records that the actor asked for something outside their scope, dropping any pending change
    /// of the request first (the caller then answers 404 as if the thing did not exist).
    /// </summary>
    public async Task AuditDeniedAsync(string entityType, string? entityId, string? unitCode, CancellationToken ct)
    {
        foreach (var entry in ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList())
        {
            entry.State = entry.State == EntityState.Added ? EntityState.Detached : EntityState.Unchanged;
        }
        Audit("access.denied", entityType, entityId, unitCode, after: new { user = Actor.UserName, scope = Actor.ScopeUnitCode });
        await SaveChangesAsync(ct);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        CaptureAuditedChanges();
        var pending = ChangeTracker.Entries<AuditEvent>()
            .Where(e => e.State == EntityState.Added && e.Entity.Hash.Length == 0)
            .Select(e => e.Entity)
            .ToList();
        // A save outside a transaction takes the gate itself; inside one, the transaction's owner
        // already holds it (or SQLite's lock), and waiting for the gate there would invert the order.
        var gate = !_holdsGate && Database.CurrentTransaction is null && ChangeTracker.HasChanges() ? Gate : null;
        if (gate is not null)
        {
            await gate.EnterAsync(cancellationToken);
            _holdsGate = true;
        }
        try
        {
            return pending.Count == 0
                ? await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken)
                : await SaveWithAuditAsync(pending, acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            if (gate is not null)
            {
                _holdsGate = false;
                gate.Exit();
            }
        }
    }

    /// <summary>
    /// Begins a write transaction in the one lock order of the application (ADR 0022): on SQLite
    /// the process's <see cref="WriteGate"/> first (a bounded wait, then 503), then SQLite's write
    /// lock (BEGIN IMMEDIATE); on PostgreSQL row and advisory locks as the work takes them.
    /// </summary>
    public async Task<WriteTransaction> BeginWriteAsync(CancellationToken ct = default)
    {
        var gate = _holdsGate ? null : Gate;
        if (gate is not null)
        {
            await gate.EnterAsync(ct);
            _holdsGate = true;
        }
        try
        {
            var tx = await Database.BeginTransactionAsync(ct);
            return new WriteTransaction(tx, gate is null ? null : () =>
            {
                _holdsGate = false;
                gate.Exit();
            });
        }
        catch
        {
            if (gate is not null)
            {
                _holdsGate = false;
                gate.Exit();
            }
            throw;
        }
    }

    /// <summary>The process's write gate of this database (SQLite only).</summary>
    public WriteGate? Gate => Engine == DatabaseEngine.Sqlite
        ? _gate ??= WriteGate.For(Database.GetConnectionString() ?? "")
        : null;

    /// <summary>
    /// Serialises one per-unit number series (household codes of a commune…) until the transaction
    /// ends, so that reading the last number and writing the next cannot race. SQLite's write lock
    /// already does this; PostgreSQL takes a transaction-level advisory lock on (series, unit).
    /// Taken before the audit chain's lock, never after it.
    /// </summary>
    public async Task LockSeriesAsync(UnitSeries series, int unitId, CancellationToken ct)
    {
        if (Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A number series is locked inside a write transaction.");
        }
        if (Engine == DatabaseEngine.Postgres)
        {
            var kind = (int)series;
            await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({kind}, {unitId})", ct);
        }
    }

    private async Task<int> SaveWithAuditAsync(List<AuditEvent> pending, bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            await LockAuditChainAsync(cancellationToken);
            var last = await AuditEvents.AsNoTracking().OrderByDescending(x => x.Id)
                .Select(x => new { x.Id, x.Hash }).FirstOrDefaultAsync(cancellationToken);
            var lastId = last?.Id ?? 0;
            var lastHash = last?.Hash ?? "";
            foreach (var e in pending)
            {
                // Keys cannot change while tracked: re-attach each event under its place in the chain.
                Entry(e).State = EntityState.Detached;
                e.Id = ++lastId;
                e.PreviousHash = lastHash;
                e.Hash = AuditEvent.ComputeHash(e);
                lastHash = e.Hash;
                AuditEvents.Add(e);
            }
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
            return written;
        }
        catch
        {
            foreach (var e in pending)
            {
                Entry(e).State = EntityState.Detached;
                e.Hash = "";
                e.Id = Interlocked.Decrement(ref _placeholderId);
                AuditEvents.Add(e);
            }
            throw;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>Takes the cross-process lock on the chain's head for the current transaction.</summary>
    public async Task LockAuditChainAsync(CancellationToken ct)
    {
        if (Engine == DatabaseEngine.Postgres)
        {
            await Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AuditLockKey})", ct);
        }
        // SQLite: Microsoft.Data.Sqlite begins transactions IMMEDIATE, which already holds the write lock.
    }

    /// <summary>Now in UTC, to the millisecond: both engines store that exactly, so hashes verify after a round trip.</summary>
    public DateTime Now()
    {
        var ticks = Clock.GetUtcNow().UtcTicks;
        return new DateTime(ticks - (ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    private void CaptureAuditedChanges()
    {
        foreach (var entry in ChangeTracker.Entries<IAudited>().ToList())
        {
            var action = entry.State switch
            {
                EntityState.Added => "create",
                EntityState.Modified => "update",
                EntityState.Deleted => "delete",
                _ => null,
            };
            if (action is null)
            {
                continue;
            }
            var changed = entry.Properties.Where(p => entry.State != EntityState.Modified || p.IsModified).ToList();
            if (changed.Count == 0)
            {
                continue;
            }
            var before = entry.State == EntityState.Added ? null : Snapshot(changed, original: true);
            var after = entry.State == EntityState.Deleted ? null : Snapshot(changed, original: false);
            Audit($"{entry.Entity.AuditEntityType}.{action}", entry.Entity.AuditEntityType, entry.Entity.AuditEntityId,
                entry.Entity.AuditUnitCode, before, after);
        }
    }

    private static Dictionary<string, object?> Snapshot(IEnumerable<PropertyEntry> properties, bool original)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in properties)
        {
            var hidden = p.Metadata.PropertyInfo?.GetCustomAttribute<NotAuditedValueAttribute>() is not null;
            var value = original ? p.OriginalValue : p.CurrentValue;
            values[p.Metadata.Name] = hidden && value is not null ? "***" : value;
        }
        return values;
    }
}
