using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>
/// What an adopted tree takes over without changing it: record sets the zone already holds exactly as the tree writes
/// them (they become the tree's), and existing health checks whose config is exactly the node's (they get the tree's
/// tags). Applied only by a run whose plan has no conflicts, before its first layer. Each claimed key names its zone when
/// it is not the tree's (<see cref="RecordKey.Zone"/>), and is kept with it, as a run keeps what it writes.
/// </summary>
public sealed record PlanClaims(IReadOnlyList<RecordKey> Records, IReadOnlyList<HealthCheckClaim> HealthChecks)
{
    public static PlanClaims None { get; } = new([], []);

    public bool IsEmpty => Records.Count == 0 && HealthChecks.Count == 0;

    public override string ToString() =>
        $"claims {Records.Count} existing record set(s) and {HealthChecks.Count} existing health check(s), changing no record";
}

/// <summary>An existing check the tree takes over as <paramref name="NodeId"/>'s own (it is tagged, not changed).</summary>
public sealed record HealthCheckClaim(string NodeId, string HealthCheckId);
