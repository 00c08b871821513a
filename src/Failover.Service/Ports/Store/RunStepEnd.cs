using Failover.Service.Ports.Route53;

namespace Failover.Service.Ports.Store;

/// <summary>
/// What a workflow step leaves on its run's item (<see cref="IRunRecords.SaveRunStepEndAsync"/>): for the next step, the
/// Route 53 request rate it learned and the per-operation buckets it left spent or slowed; for the run's totals, its
/// Route 53 requests and throttles. Written together, in one UpdateItem, so a step's end costs one DynamoDB write at most.
/// </summary>
/// <param name="RequestsPerSecond">The rate to keep; null: the kept one stays.</param>
/// <param name="Buckets">The buckets to keep, replacing what was kept (empty: removed); null: the kept ones stay.</param>
/// <param name="Requests">Route 53 requests the step sent, added to the run's total.</param>
/// <param name="Throttles">Of those, how many Route 53 throttled, added to the run's total.</param>
public sealed record RunStepEnd(double? RequestsPerSecond, IReadOnlyList<OperationBucket>? Buckets, long Requests, long Throttles)
{
    public static readonly RunStepEnd Nothing = new(null, null, 0, 0);

    /// <summary>Nothing to write.</summary>
    public bool IsEmpty => RequestsPerSecond is null && Buckets is null && Requests == 0 && Throttles == 0;
}
