using Failover.Core.Planning;
using Failover.Core.Spec;
using Failover.Service.Adapters;
using Failover.Service.Zones;

namespace Failover.Cli.Input;

/// <summary>
/// The plan of a spec against the zone as it is and the records the tree owns (the progress table), by the function
/// the service's dry run uses: what <c>plan SPEC</c> and <c>apply</c> show on the direct path, with the deployment's health
/// check alarms when the CLI knows their prefix (<see cref="ServiceTarget.HealthCheckAlarmPrefix"/>).
/// </summary>
internal static class LivePlan
{
    public static Task<Plan> PlanAsync(ServiceTarget target, TreeSpec spec, CancellationToken cancellationToken) =>
        LiveZonePlan.PlanAsync(spec, target.Progress().GetOwnedRecordsAsync,
            new Route53ZoneReader(target.Route53(), target.Services.Alarms), cancellationToken);
}
