using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Core.Planning;

namespace Failover.Service.Workflow;

/// <summary>
/// Runs a whole plan in one process, layer after layer, with the same idempotent layer runners as the workflow's
/// states: what Rollback uses to put the zone back. It does not wait for INSYNC; Route 53 serves the changes in order.
/// </summary>
public sealed class PlanRunner(WorkflowServices services)
{
    /// <param name="leaseCheck">Called before every write to Route 53: throws when the run no longer holds the tree.</param>
    /// <returns>How many change batches went out.</returns>
    public async Task<int> RunAsync(Plan plan, CancellationToken cancellationToken, Func<CancellationToken, Task>? leaseCheck = null)
    {
        services.CheckZone(plan.HostedZoneId, plan.Tree);
        leaseCheck ??= _ => Task.CompletedTask;
        var checks = new HealthCheckLayerRunner(services.Route53);
        var records = new RecordLayerRunner(services.Route53, services.Store) { BeforeEachBatch = leaseCheck };
        var healthCheckIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var batches = 0;
        foreach (var layer in plan.Layers)
        {
            switch (layer.Kind)
            {
                case PlanLayerKind.HealthChecks:
                    foreach (var planned in layer.HealthChecks)
                    {
                        await leaseCheck(cancellationToken).ConfigureAwait(false);
                        healthCheckIds[planned.NodeId] =
                            await checks.CreateAsync(plan.Tree, planned, healthCheckIds, cancellationToken).ConfigureAwait(false);
                    }
                    break;
                case PlanLayerKind.Records:
                    var outcomes =
                        await records.ApplyAsync(plan.Tree, plan.HostedZoneId, layer, healthCheckIds, cancellationToken: cancellationToken)
                        .ConfigureAwait(false);
                    batches += outcomes.Count(o => o.Change is not null);
                    break;
                case PlanLayerKind.HealthCheckCleanup:
                    foreach (var deletion in layer.HealthCheckDeletions)
                    {
                        await leaseCheck(cancellationToken).ConfigureAwait(false);
                        await checks.DeleteAsync(deletion, cancellationToken).ConfigureAwait(false);
                    }
                    break;
            }
        }
        return batches;
    }
}
