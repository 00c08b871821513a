using Failover.Service.Apply;
using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;

namespace Failover.Bench.Convergence;

/// <summary>
/// What Terraform (<c>aws_route53_record</c>, <c>aws_route53_health_check</c>) and CloudFormation do with the same
/// records: one resource at a time — each health check created and tagged on its own, each record set its own
/// ChangeResourceRecordSets followed by a wait for INSYNC before the next. Resources are taken in a valid dependency
/// order (health checks, leaf records, alias levels bottom-up), run one after the other (Terraform with
/// <c>-parallelism=1</c>; its default of 10 overlaps waits but sends the same requests). Same client, same poll
/// interval, same payloads as the service's apply: only the grouping differs.
/// </summary>
internal sealed class PerRecordBaseline : IApplyStrategy
{
    // Terraform's state: the id of each health check it created, by node.
    private readonly Dictionary<string, string> _healthCheckIds = new(StringComparer.Ordinal);

    public string Name => "per-record";

    public async Task ApplyAsync(BenchStack stack, TreeSpec spec, CancellationToken cancellationToken)
    {
        var plan = Planner.Plan(TreeCompiler.Compile(spec), ActualState.Empty);
        foreach (var layer in plan.Layers)
        {
            foreach (var planned in layer.HealthChecks)
            {
                var check = await stack.Route53.CreateHealthCheckAsync(planned.CallerReference, planned.Config, cancellationToken);
                await stack.Route53.ChangeTagsForResourceAsync(check.Id, HealthCheckTags.For(spec.Name, planned.NodeId),
                    cancellationToken: cancellationToken);
                _healthCheckIds[planned.NodeId] = check.Id;
            }
            foreach (var change in layer.ChangeBatches.SelectMany(b => b.Changes))
                await ChangeOneAsync(stack, spec, change, _healthCheckIds, cancellationToken);
        }
    }

    /// <summary>
    /// A no-op plan as Terraform makes it: every resource refreshed on its own — one listing per record set (from its
    /// name, type and identifier), one GetHealthCheck and one ListTagsForResource per health check.
    /// </summary>
    public async Task RefreshAsync(BenchStack stack, TreeSpec spec, CancellationToken cancellationToken)
    {
        foreach (var record in TreeCompiler.Compile(spec).Records.Select(r => r.RecordSet))
            await stack.Route53.ListResourceRecordSetsAsync(spec.HostedZoneId,
                new RecordSetPosition(record.Name, record.Type, record.SetIdentifier), 1, cancellationToken);
        foreach (var id in _healthCheckIds.Values)
        {
            await stack.Route53.GetHealthCheckAsync(id, cancellationToken);
            await stack.Route53.ListTagsForResourceAsync(id, cancellationToken: cancellationToken);
        }
    }

    /// <summary>An update of the given nodes' records after a refresh: one change and one INSYNC wait each.</summary>
    public async Task UpdateAsync(BenchStack stack, TreeSpec spec, IReadOnlySet<string> nodeIds, CancellationToken cancellationToken)
    {
        await RefreshAsync(stack, spec, cancellationToken);
        foreach (var record in TreeCompiler.Compile(spec).Records.Where(r => nodeIds.Contains(r.NodeId)))
            await ChangeOneAsync(stack, spec, new RecordChange(ChangeAction.Upsert, record.RecordSet, record.NodeId),
                _healthCheckIds, cancellationToken);
    }

    private static async Task ChangeOneAsync(
        BenchStack stack, TreeSpec spec, RecordChange change, IReadOnlyDictionary<string, string> healthCheckIds,
            CancellationToken cancellationToken)
    {
        var batch = PlanApplier.ResolvePlaceholders(new ChangeBatch([change]), healthCheckIds);
        var submitted = await stack.Route53.ChangeResourceRecordSetsAsync(spec.HostedZoneId, batch, cancellationToken: cancellationToken);
        await new ChangeSyncWaiter(stack.Route53, TimeProvider.System) { PollInterval = stack.Workflow.SyncPollInterval }
            .WaitAsync([submitted.Id], cancellationToken);
    }
}
