using Failover.Core.Planning;
using Failover.Service.Ports.Route53;
using Failover.Service.Ports.Store;

namespace Failover.Service.Apply;

/// <summary>
/// Takes over what an adopted tree's plan claims, changing no record: the claimed records become the tree's in the
/// progress table, and each claimed health check gets the tree's tags (ChangeTagsForResource; the check itself is not
/// changed). Called only for a plan without conflicts, before any layer runs; both writes are idempotent, so a retried
/// step repeats them harmlessly.
/// </summary>
public static class AdoptionClaimWriter
{
    public static async Task ClaimAsync(IRoute53 route53, IOwnedRecords store, Plan plan, CancellationToken cancellationToken)
    {
        if (plan.Claims.IsEmpty || plan.HasConflicts) return;
        // Each claim with its zone spelled out, as a run keeps what it writes: an attachment's records in another zone are
        // read, repaired and torn down there.
        if (plan.Claims.Records.Count > 0)
            await store.AddOwnedRecordsAsync(plan.Tree, null, OwnedKeys.Absolute(plan.Claims.Records, plan.HostedZoneId), cancellationToken)
                .ConfigureAwait(false);
        foreach (var claim in plan.Claims.HealthChecks)
            await route53.ChangeTagsForResourceAsync(claim.HealthCheckId, HealthCheckTags.For(plan.Tree, claim.NodeId),
                cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
