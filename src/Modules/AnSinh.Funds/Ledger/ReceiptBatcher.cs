using System.Threading.Channels;
using AnSinh.Platform.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AnSinh.Funds.Ledger;

/// <summary>The user a queued receipt is posted for (the request's scope is gone by the time a batch runs).</summary>
public sealed record ActorSnapshot(Guid? UserId, string UserName, Role Role, string? ScopeUnitCode) : ICurrentActor;

/// <summary>A checked receipt waiting to be posted, and the answer its request waits for.</summary>
public sealed record PendingReceipt(Guid FundId, DateOnly Date, Channel Channel, bool InKind, long Amount, DonorType DonorType, string DonorName,
    string? DonorAddress, Guid? CampaignId, string Description, string? GoodsName, string? GoodsUnit, decimal? Quantity, string? VoucherNumber,
    string? IdempotencyKey, ActorSnapshot Actor)
{
    public TaskCompletionSource<PostResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Group commit for receipts (ADR 0012): requests queue here and one writer posts whatever has
/// queued up while the previous batch was being written, in one transaction. A lone request is a
/// batch of one; under load the cost of the lock, the chain heads and the flush is shared.
/// </summary>
public sealed class ReceiptBatcher(IServiceScopeFactory scopes)
{
    public const int MaxBatch = 256;

    private readonly System.Threading.Channels.Channel<PendingReceipt> _queue = System.Threading.Channels.Channel.CreateUnbounded<PendingReceipt>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _start = new();
    private Task? _writer;

    public Task<PostResult> PostAsync(PendingReceipt receipt)
    {
        if (_writer is null)
        {
            lock (_start)
            {
                _writer ??= Task.Run(WriteAsync);
            }
        }
        if (!_queue.Writer.TryWrite(receipt))
        {
            throw new InvalidOperationException("The receipt queue is closed.");
        }
        return receipt.Completion.Task;
    }

    private async Task WriteAsync()
    {
        var batch = new List<PendingReceipt>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<FundLedger>().PostReceiptBatchAsync(batch, CancellationToken.None);
            }
            catch (Exception ex)
            {
                foreach (var p in batch)
                {
                    p.Completion.TrySetException(ex);
                }
            }
        }
    }
}
