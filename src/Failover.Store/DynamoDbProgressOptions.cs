using Failover.Service.Progress;
using Failover.Service.Ports.Store;
namespace Failover.Store;

/// <summary>Settings of <see cref="ProgressStore"/>; the defaults suit production.</summary>
public sealed record ProgressStoreOptions
{
    /// <summary>How long run, node and plan items live before DynamoDB's TTL removes them.</summary>
    public TimeSpan RunRetention { get; init; } = TimeSpan.FromDays(90);

    /// <summary>BatchWriteItem calls that may leave some items unprocessed are retried this many times in all.</summary>
    public int MaxBatchAttempts { get; init; } = 8;

    /// <summary>First backoff before retrying unprocessed items; doubles per attempt, capped at 5 s, full jitter.</summary>
    public TimeSpan BatchRetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Concurrent requests when one call writes many items (node statuses, batches of 25).</summary>
    public int MaxConcurrentWrites { get; init; } = 4;

    public void Validate()
    {
        if (RunRetention <= TimeSpan.Zero)
            throw new ArgumentException($"{nameof(RunRetention)} must be positive, not {RunRetention}");
        if (MaxBatchAttempts < 1)
            throw new ArgumentException($"{nameof(MaxBatchAttempts)} must be at least 1, not {MaxBatchAttempts}");
        if (BatchRetryBaseDelay < TimeSpan.Zero)
            throw new ArgumentException($"{nameof(BatchRetryBaseDelay)} must not be negative, not {BatchRetryBaseDelay}");
        if (MaxConcurrentWrites < 1)
            throw new ArgumentException($"{nameof(MaxConcurrentWrites)} must be at least 1, not {MaxConcurrentWrites}");
    }
}
