using Failover.Api;
using Failover.Service.Adapters;
using Failover.Service.Adoption;
using Failover.Service.Alarms;
using Failover.Service.Drift;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Service.Workflow;

namespace Failover.Composition;

/// <summary>
/// The API's ports served by AWS: the progress table, Route 53 (reads only, after the allow-list), the workflow's
/// <see cref="RunStarter"/> and, when the deployment has it, the drift check. The deployed function and the local
/// stack both build the service here, so they differ only in endpoints and settings. Its plans read the deployment's
/// health check alarms, as the workflow's do.
/// </summary>
public static class AwsApiDependencies
{
    public static ApiDependencies Create(
        ProgressStore store, Route53Client route53, RunStarter runs, ApiOptions options, TimeProvider time, TreeDriftCheck? drift = null,
        HealthCheckAlarmSource? alarms = null) =>
        new(new ProgressStoreTrees(store), new Route53ZoneReader(route53, alarms), new RunStarterLauncher(runs), options)
        {
            Drift = drift is null ? null : new TreeDriftChecks(drift),
            Health = new Route53HealthStatuses(route53),
            HealthCheckOwners = new Route53HealthCheckOwners(route53),
            Adoptions = new ZoneAdoption(route53, store),
            Time = time,
        };
}
