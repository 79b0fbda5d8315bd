using System.Threading.Channels;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AnSinh.Platform.Jobs;

public enum JobStatus
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
}

/// <summary>Long work with persisted state and progress (imports, later reviews and payrolls).</summary>
public sealed class BackgroundJob
{
    public Guid Id { get; set; }
    public required string Kind { get; set; }
    public JobStatus Status { get; set; }
    public long Done { get; set; }
    public long Total { get; set; }
    public string? Message { get; set; }
    public string? Payload { get; set; }
    public string? Result { get; set; }
    public Guid? CreatedById { get; set; }
    public required string CreatedBy { get; set; }
    public Role CreatedByRole { get; set; }
    public string? CreatedByScope { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    public int Percent => Total <= 0 ? (Status == JobStatus.Succeeded ? 100 : 0) : (int)Math.Min(100, Done * 100 / Total);
}

internal sealed class BackgroundJobConfiguration : IEntityTypeConfiguration<BackgroundJob>
{
    public void Configure(EntityTypeBuilder<BackgroundJob> b)
    {
        b.ToTable("background_jobs");
        b.Property(x => x.Kind).HasMaxLength(50);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Property(x => x.CreatedByScope).HasMaxLength(10);
        b.Property(x => x.Message).HasMaxLength(2000);
        b.Ignore(x => x.Percent);
        b.HasIndex(x => x.Status);
    }
}

public interface IJobProgress
{
    Task ReportAsync(long done, long total, string? message = null);
}

public interface IJobHandler
{
    string Kind { get; }

    /// <summary>Does the work; returns a JSON result. Must leave nothing half-written when it throws.</summary>
    Task<string?> RunAsync(BackgroundJob job, IJobProgress progress, CancellationToken ct);
}

/// <summary>Scoped holder so that work done outside a request acts as the person who asked for it.</summary>
public sealed class ActorHolder
{
    public ICurrentActor? Actor { get; set; }
}

/// <summary>
/// The live progress of the jobs running in this process, kept in memory: a job's own write
/// transaction may hold the database (SQLite has one writer), so progress is never waited for
/// there. The job's row gets the progress when the database is free, and its final state always.
/// </summary>
public sealed class JobProgressBoard
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, (long Done, long Total, string? Message)> _live = new();

    public void Set(Guid jobId, long done, long total, string? message) => _live[jobId] = (done, total, message);

    public void Remove(Guid jobId) => _live.TryRemove(jobId, out _);

    /// <summary>The job as it stands: its row, with the live progress laid over it while it runs here.</summary>
    public BackgroundJob Overlay(BackgroundJob job)
    {
        if (job.Status == JobStatus.Running && _live.TryGetValue(job.Id, out var live))
        {
            job.Done = live.Done;
            job.Total = live.Total;
            job.Message = live.Message ?? job.Message;
        }
        return job;
    }
}

public sealed class JobQueue
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>();

    public ChannelReader<Guid> Reader => _channel.Reader;

    public void Enqueue(Guid jobId) => _channel.Writer.TryWrite(jobId);
}

public static class JobStore
{
    public static async Task<BackgroundJob> CreateAsync(AnSinhDbContext db, string kind, string? payload, CancellationToken ct)
    {
        var job = new BackgroundJob
        {
            Id = Guid.CreateVersion7(),
            Kind = kind,
            Status = JobStatus.Queued,
            Payload = payload,
            CreatedById = db.Actor.UserId,
            CreatedBy = db.Actor.UserName,
            CreatedByRole = db.Actor.Role,
            CreatedByScope = db.Actor.ScopeUnitCode,
            CreatedAt = db.Now(),
        };
        db.Jobs.Add(job);
        await db.SaveChangesAsync(ct);
        return job;
    }

    /// <summary>Runs one job to its end in the given scope, keeping its state in the database.</summary>
    public static async Task RunAsync(IServiceProvider scoped, Guid jobId, IJobProgress? extraProgress, CancellationToken ct)
    {
        var holder = scoped.GetRequiredService<ActorHolder>();
        var db0 = scoped.GetRequiredService<IDbContextFactory<AnSinhDbContext>>();
        var board = scoped.GetService<JobProgressBoard>() ?? new JobProgressBoard();
        var log = scoped.GetService<ILoggerFactory>()?.CreateLogger("AnSinh.Jobs");
        BackgroundJob job;
        await using (var peek = await db0.CreateDbContextAsync(ct))
        {
            job = await peek.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId, ct);
        }
        holder.Actor = new FixedActor(job.CreatedById, job.CreatedBy, job.CreatedByRole, job.CreatedByScope);
        var handler = scoped.GetServices<IJobHandler>().Single(h => h.Kind == job.Kind);
        var progress = new DbProgress(db0, board, jobId, extraProgress);
        await progress.SetStatusAsync(JobStatus.Running, null, null, ct);
        try
        {
            var result = await handler.RunAsync(job, progress, ct);
            await progress.SetStatusAsync(JobStatus.Succeeded, "Hoàn thành.", result, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (DatabaseFailures.Classify(ex) == DatabaseFailure.None && ex.GetType().Namespace?.StartsWith("AnSinh", StringComparison.Ordinal) != true)
            {
                log?.LogError(ex, "Job {JobId} ({Kind}) failed", jobId, job.Kind);
            }
            await progress.SetStatusAsync(JobStatus.Failed, DatabaseFailures.UserMessage(ex), null, CancellationToken.None);
        }
        finally
        {
            board.Remove(jobId);
        }
    }

    private sealed class DbProgress(IDbContextFactory<AnSinhDbContext> factory, JobProgressBoard board, Guid jobId, IJobProgress? extra) : IJobProgress
    {
        private long _lastWrite = -1;
        private (long Done, long Total)? _last;

        public async Task ReportAsync(long done, long total, string? message = null)
        {
            if (extra is not null)
            {
                await extra.ReportAsync(done, total, message);
            }
            board.Set(jobId, done, total, message);
            _last = (done, total);
            var now = Environment.TickCount64;
            if (_lastWrite >= 0 && now - _lastWrite < 1000 && done < total)
            {
                return;
            }
            _lastWrite = now;
            await using var db = await factory.CreateDbContextAsync();
            // Best effort: while a write (often the job's own transaction) holds SQLite, the row
            // waits for the next report or the final state; the board answers in the meantime.
            var gate = db.Gate;
            if (gate is not null && !gate.TryEnter())
            {
                return;
            }
            try
            {
                db.Database.SetCommandTimeout(2);
                await db.Jobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Done, done)
                    .SetProperty(j => j.Total, total)
                    .SetProperty(j => j.Message, message));
            }
            catch (Exception ex) when (DatabaseFailures.Classify(ex) == DatabaseFailure.Busy)
            {
                // Another process holds the database: the progress row catches up later.
            }
            finally
            {
                gate?.Exit();
            }
        }

        public async Task SetStatusAsync(JobStatus status, string? message, string? result, CancellationToken ct)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var job = await db.Jobs.SingleAsync(j => j.Id == jobId, ct);
            job.Status = status;
            if (_last is { } last)
            {
                (job.Done, job.Total) = last;
            }
            if (message is not null)
            {
                job.Message = message.Length > 2000 ? message[..2000] : message;
            }
            if (result is not null)
            {
                job.Result = result;
            }
            if (status is JobStatus.Succeeded or JobStatus.Failed)
            {
                job.FinishedAt = db.Now();
                if (status == JobStatus.Succeeded && job.Total > 0)
                {
                    job.Done = job.Total;
                }
            }
            await db.SaveChangesAsync(ct);
        }
    }
}

/// <summary>Runs queued jobs one at a time in the web process.</summary>
public sealed class JobWorker(JobQueue queue, IServiceScopeFactory scopes, ILogger<JobWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A job that was running when the process stopped left nothing half-written (each job
        // commits in one transaction); mark it failed so that it can be run again.
        var startedAt = DateTime.UtcNow;
        using (var scope = scopes.CreateScope())
        {
            var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AnSinhDbContext>>();
            await using var db = await factory.CreateDbContextAsync(stoppingToken);
            await db.Jobs.Where(j => (j.Status == JobStatus.Running || j.Status == JobStatus.Queued) && j.CreatedAt < startedAt)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Failed)
                    .SetProperty(j => j.Message, "Bị gián đoạn khi hệ thống dừng; không có gì được ghi dở. Hãy chạy lại."), stoppingToken);
        }
        await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                await JobStore.RunAsync(scope.ServiceProvider, id, null, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Job {JobId} crashed", id);
            }
        }
    }
}
