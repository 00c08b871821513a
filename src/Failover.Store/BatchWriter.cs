using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Amazon.DynamoDBv2.Model;

namespace Failover.Store;

/// <summary>
/// Writes many items with BatchWriteItem: 25 requests per call (DynamoDB's limit), a few calls at a time, and the
/// items DynamoDB hands back as unprocessed (throttling, partition limits) resent with capped exponential backoff.
/// </summary>
internal sealed class BatchWriter(
    Func<BatchWriteItemRequest, CancellationToken, Task<BatchWriteItemResponse>> send,
    string tableName,
    TimeProvider timeProvider,
    ProgressStoreOptions options)
{
    public const int MaxItemsPerCall = 25;
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    public async Task WriteAsync(IReadOnlyList<WriteRequest> requests, CancellationToken cancellationToken)
    {
        if (requests.Count == 0) return;
        var chunks = requests.Chunk(MaxItemsPerCall).ToList();
        await Parallel.ForEachAsync(
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentWrites, CancellationToken = cancellationToken },
            async (chunk, token) => await WriteChunkAsync(chunk.ToList(), token));
    }

    private async Task WriteChunkAsync(List<WriteRequest> pending, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await send(
                new BatchWriteItemRequest { RequestItems = new() { [tableName] = pending } },
                cancellationToken);
            if (response.UnprocessedItems is null
                || !response.UnprocessedItems.TryGetValue(tableName, out var unprocessed)
                || unprocessed is null or { Count: 0 })
                return;
            if (attempt >= options.MaxBatchAttempts)
                throw new ProgressStoreException(
                    $"DynamoDB left {unprocessed.Count} of {pending.Count} items unprocessed in table '{tableName}' after {attempt} " +
                        $"attempts");
            pending = unprocessed;
            await Task.Delay(Backoff(attempt), timeProvider, cancellationToken);
        }
    }

    /// <summary>Full jitter: a random delay up to the capped exponential bound, so retrying writers spread out.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var bound = Math.Min(MaxDelay.TotalMilliseconds, options.BatchRetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * bound);
    }
}
