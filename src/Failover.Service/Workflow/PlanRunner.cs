using Failover.Core.Planning;

namespace Failover.Service.Workflow;

/// <summary>
/// Runs a whole plan in one process, layer after layer, with the same idempotent layer runners as the workflow's
/// states: what Rollback uses to put the zone back. It does not wait for INSYNC; Route 53 serves the changes in order.
/// With a <see cref="StepBudget"/> it stops between two units of work once the budget is spent and says so: the caller
/// plans again against the zone as it then is and runs the rest (every unit is safe to repeat, and a plan made after
/// part of it ran holds only the part that did not).
/// </summary>
public sealed class PlanRunner(WorkflowServices services)
{
    /// <param name="leaseCheck">Called before every write to Route 53: throws when the run no longer holds the tree.</param>
    /// <returns>How many change batches went out, and whether the whole plan ran.</returns>
    public async Task<PlanRunResult> RunAsync(Plan plan, CancellationToken cancellationToken,
        Func<CancellationToken, Task>? leaseCheck = null, StepBudget? budget = null)
    {
        services.CheckZone(plan.HostedZoneId, plan.Tree);
        foreach (var zone in plan.Layers.SelectMany(l => l.ChangeBatches).Select(b => b.HostedZoneId).OfType<string>()
                     .Distinct(StringComparer.Ordinal))
            services.CheckZone(zone, plan.Tree);
        leaseCheck ??= _ => Task.CompletedTask;
        budget ??= StepBudget.Unlimited(services.Time);
        var checks = new HealthCheckLayerRunner(services.Route53, services.Alarms);
        var records = new RecordLayerRunner(services.Route53, services.Store) { BeforeEachBatch = leaseCheck, Budget = budget };
        var healthCheckIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var concurrency = services.Options.HealthCheckConcurrency;
        var batches = 0;
        foreach (var layer in plan.Layers)
        {
            switch (layer.Kind)
            {
                case PlanLayerKind.HealthChecks:
                {
                    // The children of this layer's CALCULATED checks are in earlier layers: the ids read are all in.
                    var created = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
                    var ran = await LayerUnits.RunAsync(layer.HealthChecks, concurrency, budget, async (planned, token) =>
                    {
                        await leaseCheck(token).ConfigureAwait(false);
                        created[planned.NodeId] = await checks.CreateAsync(plan.Tree, planned, healthCheckIds, token).ConfigureAwait(false);
                    }, cancellationToken).ConfigureAwait(false);
                    foreach (var (node, id) in created) healthCheckIds[node] = id;
                    if (ran < layer.HealthChecks.Count) return new PlanRunResult(batches, Finished: false);
                    break;
                }
                case PlanLayerKind.Records:
                    var outcomes =
                        await records.ApplyAsync(plan.Tree, plan.HostedZoneId, layer, healthCheckIds, cancellationToken: cancellationToken)
                        .ConfigureAwait(false);
                    batches += outcomes.Count(o => o.Change is not null);
                    if (outcomes.Count < layer.ChangeBatches.Count) return new PlanRunResult(batches, Finished: false);
                    break;
                case PlanLayerKind.HealthCheckAlarms:
                    foreach (var planned in layer.HealthCheckAlarms)
                    {
                        if (budget.Spent) return new PlanRunResult(batches, Finished: false);
                        await leaseCheck(cancellationToken).ConfigureAwait(false);
                        await checks.PutAlarmAsync(plan.Tree, planned, healthCheckIds, cancellationToken).ConfigureAwait(false);
                        budget.Count();
                    }
                    break;
                case PlanLayerKind.CidrCollections or PlanLayerKind.CidrCollectionCleanup:
                    var collections = new Apply.CidrCollectionRunner(services.Route53);
                    foreach (var planned in layer.CidrCollections)
                    {
                        await leaseCheck(cancellationToken).ConfigureAwait(false);
                        await collections.ConvergeAsync(planned, cancellationToken).ConfigureAwait(false);
                    }
                    break;
                case PlanLayerKind.HealthCheckCleanup:
                {
                    var ran = await LayerUnits.RunAsync(layer.HealthCheckDeletions, concurrency, budget, async (deletion, token) =>
                    {
                        await leaseCheck(token).ConfigureAwait(false);
                        await checks.DeleteAsync(deletion, token).ConfigureAwait(false);
                    }, cancellationToken).ConfigureAwait(false);
                    if (ran < layer.HealthCheckDeletions.Count) return new PlanRunResult(batches, Finished: false);
                    break;
                }
            }
        }
        return new PlanRunResult(batches, Finished: true);
    }
}

/// <summary>What <see cref="PlanRunner"/> did: the change batches it sent, and whether it ran the whole plan.</summary>
public sealed record PlanRunResult(int Batches, bool Finished);
