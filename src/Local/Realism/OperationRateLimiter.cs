using Failover.Aws.Http;

namespace Failover.Local.Realism;

/// <summary>
/// Route 53's per-operation buckets (<see cref="OperationLimitSettings"/>) beside the account's
/// (<see cref="RequestRateLimiter"/>): a request goes only when both have a token, and then takes one from each
/// ("Throttling for Amazon Route 53 API requests"); a throttled request takes none. Time comes from the injected
/// <see cref="TimeProvider"/>.
/// </summary>
public sealed class OperationRateLimiter(TimeProvider time)
{
    public const string Account = "account";
    public const string Operation = "operation";

    private static readonly IReadOnlyDictionary<string, OperationLimit> NoLimits = new Dictionary<string, OperationLimit>();
    private readonly Lock _gate = new();
    private IReadOnlyDictionary<string, OperationLimit> _limits = NoLimits;
    private readonly Dictionary<string, (double Tokens, long LastRefill)> _buckets = new(StringComparer.Ordinal);

    /// <summary>Applies new limits; a changed limit (or <paramref name="restart"/>) starts every bucket full.</summary>
    public void Configure(OperationLimitSettings settings, bool restart = false)
    {
        lock (_gate)
        {
            var limits = settings.Enabled ? settings.Limits : NoLimits;
            if (ReferenceEquals(limits, _limits) && !restart) return;
            _limits = limits;
            _buckets.Clear();
        }
    }

    /// <summary>
    /// Null when the request may go (a token taken from each bucket); else which bucket is empty, <see cref="Operation"/>
    /// or <see cref="Account"/>. <paramref name="account"/> is null when the account's rate is not limited.
    /// </summary>
    public string? TryAcquire(string operation, RequestRateLimiter? account)
    {
        lock (_gate)
        {
            if (!_limits.TryGetValue(operation, out var limit))
                return account is null || account.TryAcquire() ? null : Account;
            var now = time.GetTimestamp();
            var (tokens, last) = _buckets.TryGetValue(operation, out var bucket) ? bucket : (limit.Burst, now);
            tokens = Math.Min(limit.Burst, tokens + time.GetElapsedTime(last, now).TotalSeconds * limit.PerSecond);
            _buckets[operation] = (tokens, now);
            if (tokens < 1) return Operation;
            if (account is not null && !account.TryAcquire()) return Account;
            _buckets[operation] = (tokens - 1, now);
            return null;
        }
    }
}
