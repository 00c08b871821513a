using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Service.Ports;

namespace Failover.Service.Zones;

/// <summary>
/// The plan of a spec against the zone as it is now and the records the tree owns: the reads, then the pure planner.
/// What the API's dry run and stored-tree plan answer, and what the CLI's <c>plan SPEC</c> and <c>apply</c> show on the
/// direct path — one function, so both paths plan alike.
/// </summary>
public static class LiveZonePlan
{
    /// <param name="ownedRecords">The records the tree owns, by tree name (the progress table), each naming its zone.</param>
    public static async Task<Plan> PlanAsync(TreeSpec spec,
        Func<string, CancellationToken, Task<IReadOnlySet<RecordKey>>> ownedRecords, IZoneReader zones,
        CancellationToken cancellationToken) =>
        (await PlanWithActualAsync(spec, ownedRecords, zones, cancellationToken).ConfigureAwait(false)).Plan;

    /// <summary>The plan and the zone state it was made against (the change-size guard weighs the plan against both).</summary>
    public static async Task<(Plan Plan, ActualState Actual)> PlanWithActualAsync(TreeSpec spec,
        Func<string, CancellationToken, Task<IReadOnlySet<RecordKey>>> ownedRecords, IZoneReader zones,
        CancellationToken cancellationToken)
    {
        var desired = TreeCompiler.Compile(spec);
        var owned = await ownedRecords(spec.Name, cancellationToken).ConfigureAwait(false);
        var actual = await zones.ReadAsync(desired, owned, cancellationToken).ConfigureAwait(false);
        return (Planner.Plan(desired, actual), actual);
    }
}
