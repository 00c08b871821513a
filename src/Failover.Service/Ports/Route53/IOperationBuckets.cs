namespace Failover.Service.Ports.Route53;

/// <summary>
/// The client's copies of Route 53's per-operation buckets (CreateHealthCheck: 50, then one every 2 s). A run's steps each
/// run in a process of their own whose copies start full, so the workflow hands the copies' state from one step to the
/// next (<see cref="Workflow.RunRequestRate"/>): a step does not send into a bucket the step before it spent.
/// </summary>
public interface IOperationBuckets
{
    /// <summary>
    /// Tokens the copies have handed out (requests paced) in this process. Unchanged since a step began, the copies have
    /// only refilled, which the state kept before already says.
    /// </summary>
    long Taken { get; }

    /// <summary>The copies a fresh process would not have, as of now: not full, or refilling below the documented rate.</summary>
    IReadOnlyList<OperationBucket> Snapshot();

    /// <summary>
    /// Continues each copy <paramref name="kept"/> names from its kept state refilled until now
    /// (<see cref="OperationBucket.BalanceAt"/>): a copy never gains tokens by it, only loses the ones the kept state says
    /// are spent. Operations this client does not pace, and unusable states, are skipped.
    /// </summary>
    void Resume(IReadOnlyList<OperationBucket> kept);
}
