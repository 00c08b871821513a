using Failover.Api.Ports;
using Failover.Service.Ports;
using Failover.Api.Problems;
using Failover.Core.Diagnostics;
using Failover.Core.Planning;
using Failover.Core.Spec;
using Failover.Service.Zones;

namespace Failover.Api.Endpoints;

/// <summary>Plans a spec against the zone as it is now: the allow-list first, then <see cref="LiveZonePlan"/>.</summary>
public sealed class ZonePlanning(ITreeStore store, IZoneReader zones, ZoneAllowList allowed)
{
    /// <summary>403 unless the zone is allowed. Every route that reads or changes Route 53 calls this first.</summary>
    public void CheckZone(string hostedZoneId, string treeName)
    {
        if (allowed.Refusal(hostedZoneId, treeName) is { } refusal)
            throw new ProblemException(new Problem(ProblemType.ZoneNotAllowed, refusal)
            {
                Errors = [FieldError.AtPath("$.hostedZoneId", $"hosted zone {hostedZoneId} is not in the allow-list")],
            });
    }

    public async Task<Plan> PlanAsync(TreeSpec spec, CancellationToken cancellationToken)
    {
        CheckZone(spec.HostedZoneId, spec.Name);
        return await LiveZonePlan.PlanAsync(spec, store.GetOwnedRecordsAsync, zones, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The plan, and the change-size guard's refusal of it (null: an apply would go ahead).</summary>
    public async Task<(Plan Plan, SpecDiagnostic? Refusal)> PlanWithGuardAsync(TreeSpec spec, bool force,
        CancellationToken cancellationToken)
    {
        CheckZone(spec.HostedZoneId, spec.Name);
        var (plan, actual) = await LiveZonePlan.PlanWithActualAsync(spec, store.GetOwnedRecordsAsync, zones, cancellationToken)
            .ConfigureAwait(false);
        return (plan, ChangeSizeGuard.Check(plan, actual, force));
    }
}
