using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Spec;
using Failover.Service.Adapters;

namespace Failover.Cli.Input;

/// <summary>
/// The plan of a spec against the zone as it is and the records the tree owns (the progress table), as the service's
/// dry run makes it: what <c>plan SPEC</c> and <c>apply</c> show on the direct path.
/// </summary>
internal static class LivePlan
{
    public static async Task<Plan> PlanAsync(ServiceTarget target, TreeSpec spec, CancellationToken cancellationToken)
    {
        var desired = TreeCompiler.Compile(spec);
        var owned = await target.Progress().GetOwnedRecordsAsync(spec.Name, cancellationToken);
        var actual = await new Route53ZoneReader(target.Route53()).ReadAsync(desired, owned, cancellationToken);
        return Planner.Plan(desired, actual);
    }
}
