using Failover.Aws.Http;
using Failover.Aws.Route53;

namespace Failover.Local.Realism;

/// <summary>
/// Route 53's per-operation request buckets ("Throttling for Amazon Route 53 API requests": a request takes a token from
/// the account's bucket and from its operation's, and is throttled if either is empty), by operation name. The
/// documented table is the default (<see cref="Route53OperationLimits.Documented"/>: CreateHealthCheck 50 tokens and
/// 0.5 a second, DeleteHealthCheck 15 and 3, GetHealthCheckStatus 4 and 1, ...); an operation not listed has the
/// default bucket, the account's size, which the account's own bucket already models.
/// </summary>
/// <remarks>
/// Off unless a stack asks for it: at 0.5/s, a test making its 51st health check waits 2 s a check, and the stack's
/// clients (which follow this switch, <see cref="RealismSettings.ClientOperationLimits"/>) would pace every test's
/// creates at that rate. The bench's <c>apply-rate</c> turns it on (<c>--per-operation</c>), as does the local stack's
/// <c>--operation-limits</c>.
/// </remarks>
public sealed record OperationLimitSettings
{
    public bool Enabled { get; init; }

    public IReadOnlyDictionary<string, OperationLimit> Limits { get; init; } = Route53OperationLimits.Documented;

    public IEnumerable<string> Validate()
    {
        foreach (var (operation, limit) in Limits)
        {
            if (!Route53Operation.Known.Contains(operation) && !Route53OperationLimits.Documented.ContainsKey(operation))
                yield return $"operationLimits.limits: '{operation}' is not a Route 53 operation";
            if (limit.Burst < 1) yield return $"operationLimits.limits.{operation}.burst must be at least 1 (got {limit.Burst})";
            if (limit.PerSecond is <= 0 or double.NaN or double.PositiveInfinity)
                yield return $"operationLimits.limits.{operation}.perSecond must be a positive number (got {limit.PerSecond})";
        }
    }
}
