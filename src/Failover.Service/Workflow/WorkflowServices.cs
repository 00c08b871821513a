using Failover.Service.Events;
using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Service.Ports.Route53;
using Failover.Service.Zones;

namespace Failover.Service.Workflow;

/// <summary>What every step of the workflow works with; built once per process by the function host (or a test).</summary>
public sealed record WorkflowServices(IRoute53 Route53, IProgressStore Store, TimeProvider Time, WorkflowOptions Options)
{
    /// <summary>
    /// The zones the steps may write in, checked before the first Route 53 write of every step. The composition root
    /// sets the deployment's list; a test harness that builds the services around zones it creates allows any.
    /// </summary>
    public ZoneAllowList AllowedZones { get; init; } = ZoneAllowList.Any;

    /// <summary>Where the runs' events go (Run Succeeded, Run Rolled Back, ...); none unless the composition root sets a bus.</summary>
    public TreeEvents Events { get; init; } = TreeEvents.None;

    /// <summary>The Route 53 client's learned request rate, carried from step to step of a run (<see cref="RunRequestRate"/>).</summary>
    public IRequestRate? Route53Rate { get; init; }

    /// <summary>The Route 53 client's per-operation buckets, carried from step to step of a run as well; null: none paced.</summary>
    public IOperationBuckets? Route53OperationBuckets { get; init; }

    /// <summary>Where the runs' metrics go (the functions: standard output, which CloudWatch Logs turns into metrics).</summary>
    public Metrics.RunMetrics Metrics { get; init; } = Failover.Service.Metrics.RunMetrics.None;

    /// <summary>The deployment's health check alarms, planned and kept with the tree's checks (null: none are kept).</summary>
    public Alarms.HealthCheckAlarmSource? Alarms { get; init; }

    /// <summary>Which of the trees' zones are private, read once per zone for the life of the process.</summary>
    public HostedZonePrivacy ZonePrivacy { get; init; } = new(Route53);

    /// <summary>
    /// Fails the step (<see cref="WorkflowErrors.ZoneNotAllowed"/>) unless tree <paramref name="tree"/> may change the zone.
    /// </summary>
    public void CheckZone(string hostedZoneId, string tree)
    {
        if (AllowedZones.Refusal(hostedZoneId, tree) is { } refusal)
            throw new WorkflowStepException(WorkflowErrors.ZoneNotAllowed, refusal + "; nothing was changed in Route 53");
    }

    /// <summary>
    /// Every zone the run may write: each attachment's, and each zone the tree still owns records in (an attachment the
    /// spec no longer names is torn down there).
    /// </summary>
    public void CheckZones(Failover.Core.Spec.TreeSpec spec, IEnumerable<string> ownedZones)
    {
        foreach (var zone in Failover.Core.Validation.TreeValidator.ZonesOf(spec).Concat(ownedZones).Distinct(StringComparer.Ordinal))
            CheckZone(zone, spec.Name);
    }
}
