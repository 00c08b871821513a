using Failover.Aws.StepFunctions;
using Failover.Composition;
using Failover.Local.Aws;
using Failover.Local.Realism;
using Failover.Local.Resources;
using Failover.Service.Drift;
using Failover.Service.Workflow;
using Failover.Service.Zones;

namespace Failover.Local;

/// <summary>The composition root's settings on the local stack: every client calls the edge, as the local account.</summary>
public static class LocalSettings
{
    /// <summary>
    /// What the workflow's functions get: the deployed defaults, the edge as every endpoint, and per-operation pacing
    /// only when the realism layer answers by Route 53's per-operation buckets (<see cref="RealismSettings.ClientOperationLimits"/>).
    /// </summary>
    public static FailoverSettings AtEdge(Uri edgeUrl, WorkflowOptions workflow, RealismSettings realism,
        string? healthCheckAlarmPrefix = null, TextWriter? metricsOutput = null) => new()
    {
        Route53OperationLimits = realism.ClientOperationLimits,
        HealthCheckAlarmPrefix = healthCheckAlarmPrefix,
        MetricsOutput = metricsOutput,
        Endpoint = edgeUrl,
        Region = LocalAccount.Region,
        Credentials = LocalAccount.Credentials,
        Workflow = workflow,
        // The workflow's functions are built before start-up makes the zones, and tests make zones of their own; the API
        // and the drift functions narrow this to the zones start-up made (WithResources).
        AllowedZones = ZoneAllowList.Any,
    };

    /// <summary>
    /// The drift functions' and the API's settings: the table, queue, state machine and hosted zones start-up made. The
    /// realism layer holds Route 53's request rate, so the client's own limiter need not add to it.
    /// </summary>
    public static FailoverSettings WithResources(this FailoverSettings settings, ProvisionedResources resources) => settings with
    {
        Route53RequestsPerSecond = 1000,
        Route53Burst = 1000,
        StateMachineArn = resources.StateMachines.TryGetValue(StateMachineLocator.DefaultName, out var arn) ? arn : null,
        Workflow = settings.Workflow with { TableName = resources.ProgressTable },
        Drift = settings.Drift with { TableName = resources.ProgressTable, QueueUrl = resources.DriftQueueUrl },
        AllowedZones = new ZoneAllowList(resources.HostedZones.Values.Concat(resources.PrivateHostedZones.Values)),
    };
}
