using Failover.Service.Apply;
using Failover.Core.Route53;
using Failover.Api.Ports;
using Failover.Service.Ports;
using Failover.Api.Problems;
using Failover.Core.Diagnostics;
using Failover.Core.Planning;
using Failover.Core.Spec;
using Failover.Core.Validation;
using Failover.Service.Progress;
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

    /// <summary>403 unless every attachment's zone is allowed: a tree writes in each of them.</summary>
    public void CheckZones(TreeSpec spec)
    {
        foreach (var attachment in spec.AllAttachments)
        {
            if (allowed.Refusal(attachment.HostedZoneId, spec.Name) is not { } refusal) continue;
            throw new ProblemException(new Problem(ProblemType.ZoneNotAllowed, refusal)
            {
                Errors = [FieldError.AtPath(attachment.PathOf("hostedZoneId"),
                    $"hosted zone {attachment.HostedZoneId} is not in the allow-list")],
            });
        }
    }

    /// <summary>
    /// 403 unless every zone a stored tree writes is allowed, for the routes that know only the tree's summary (runs,
    /// drift, health): each attachment's zone in <paramref name="version"/> (the current version when null, else the
    /// latest) and each zone the tree still owns records in (a run removes those, a drift check reads them).
    /// </summary>
    public async Task CheckTreeZonesAsync(TreeRecord tree, int? version, CancellationToken cancellationToken)
    {
        var zones = new List<string> { tree.Descriptor.HostedZoneId };
        var stored = await store.GetVersionAsync(tree.Name, version ?? tree.CurrentVersion ?? tree.LatestVersion, cancellationToken)
            .ConfigureAwait(false);
        if (stored is not null)
        {
            zones.Add(stored.Info.Descriptor.HostedZoneId);
            // A version that no longer loads names no more zones here; the run or view refuses it on its own terms.
            zones.AddRange(SpecLoader.LoadStored(stored.SpecJson).Spec?.AllAttachments.Select(a => a.HostedZoneId) ?? []);
        }
        zones.AddRange((await store.GetOwnedRecordsAsync(tree.Name, cancellationToken).ConfigureAwait(false))
            .Select(k => k.Zone).OfType<string>());
        foreach (var zone in zones.Distinct(StringComparer.Ordinal)) CheckZone(zone, tree.Name);
    }

    /// <summary>
    /// 400 with every error of the private-zone rules (the zones' kind read from Route 53, once per zone); their warnings are
    /// added to <paramref name="warnings"/>.
    /// </summary>
    public async Task CheckPrivateZonesAsync(TreeSpec spec, List<FieldError> warnings, CancellationToken cancellationToken)
    {
        var privacy = await zones.ReadPrivacyAsync(TreeValidator.ZonesOf(spec), cancellationToken).ConfigureAwait(false);
        var diagnostics = TreeValidator.ValidateInZones(spec, privacy);
        warnings.AddRange(diagnostics.Where(d => d.Severity == Severity.Warning).Select(FieldError.From));
        var errors = diagnostics.Where(d => d.Severity == Severity.Error).Select(FieldError.From).ToList();
        if (errors.Count == 0) return;
        throw new ProblemException(new Problem(ProblemType.InvalidSpec,
            errors.Count == 1 ? $"the spec has 1 error: {errors[0].Path}: {errors[0].Message}" : $"the spec has {errors.Count} errors")
        {
            Errors = errors,
            Warnings = warnings,
        });
    }

    public async Task<Plan> PlanAsync(TreeSpec spec, CancellationToken cancellationToken)
    {
        CheckZones(spec);
        return await LiveZonePlan.PlanAsync(spec, OwnedAsync, zones, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The plan, and the change-size guard's refusal of it (null: an apply would go ahead).</summary>
    public async Task<(Plan Plan, SpecDiagnostic? Refusal)> PlanWithGuardAsync(TreeSpec spec, bool force,
        CancellationToken cancellationToken)
    {
        CheckZones(spec);
        var (plan, actual) = await LiveZonePlan.PlanWithActualAsync(spec, OwnedAsync, zones, cancellationToken)
            .ConfigureAwait(false);
        return (plan, ChangeSizeGuard.Check(plan, actual, force));
    }

    /// <summary>
    /// The tree's owned records as its next run will see them: one kept before zones were part of the key is in the zone
    /// the tree is applied in (the run gives it that zone when it starts), so a preview of a version that moves the tree
    /// plans the old zone's deletions as the run will.
    /// </summary>
    private async Task<IReadOnlySet<RecordKey>> OwnedAsync(string tree, CancellationToken cancellationToken)
    {
        var owned = await store.GetOwnedRecordsAsync(tree, cancellationToken).ConfigureAwait(false);
        if (owned.All(k => k.Zone is not null)) return owned;
        var applied = await store.GetTreeAsync(tree, cancellationToken).ConfigureAwait(false);
        return applied is null ? owned : OwnedKeys.Absolute(owned, applied.Descriptor.HostedZoneId).ToHashSet();
    }
}
