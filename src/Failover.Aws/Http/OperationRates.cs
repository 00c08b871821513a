using Failover.Service.Ports.Route53;

namespace Failover.Aws.Http;

/// <summary>The client's per-operation buckets (<see cref="OperationRate"/>), by operation name; most operations have none.</summary>
public sealed class OperationRates : IOperationBuckets
{
    private readonly Dictionary<string, OperationRate> _rates;
    private readonly TimeProvider _time;

    public OperationRates(IReadOnlyDictionary<string, OperationLimit> limits, bool adaptive, TimeProvider? time = null)
    {
        _rates = limits.ToDictionary(e => e.Key, e => new OperationRate(e.Key, e.Value, adaptive, time), StringComparer.Ordinal);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The operation's own bucket, or null when only the account's paces it.</summary>
    public OperationRate? For(string operation) => _rates.GetValueOrDefault(operation);

    public IReadOnlyCollection<OperationRate> All => _rates.Values;

    public long Taken => _rates.Values.Sum(r => r.Bucket.Taken);

    public IReadOnlyList<OperationBucket> Snapshot()
    {
        var now = _time.GetUtcNow();
        return [.. _rates.Values.OrderBy(r => r.Operation, StringComparer.Ordinal).Select(r => r.Snapshot(now)).OfType<OperationBucket>()];
    }

    public void Resume(IReadOnlyList<OperationBucket> kept)
    {
        var now = _time.GetUtcNow();
        foreach (var bucket in kept) For(bucket.Operation)?.Resume(bucket, now);
    }

    /// <summary>A key equal for equal limits: clients of one process with the same limits share one set of buckets.</summary>
    public static string Signature(IReadOnlyDictionary<string, OperationLimit> limits, bool adaptive) =>
        (adaptive ? "adaptive:" : "fixed:") + string.Join(';', limits.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => FormattableString.Invariant($"{e.Key}={e.Value.Burst}/{e.Value.PerSecond:R}")));
}
