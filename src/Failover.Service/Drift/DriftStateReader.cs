using Failover.Service.Apply;
using Failover.Service.Ports.Route53;
using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;

namespace Failover.Service.Drift;

/// <summary>What a drift check saw: the tree's part of the zone and health checks, and every health check id.</summary>
public sealed record DriftObservation(ActualState Actual, IReadOnlySet<string> HealthCheckIds, int RecordPages);

/// <summary>
/// Reads what the drift detector compares, economically: one paged ListResourceRecordSets pass over the tree's stretch
/// of the zone (<see cref="TreeRecordsReader"/>), the owned names outside it if any (a tree whose record name
/// changed), and one ListHealthChecks pass that both finds the tree's checks and lists every id.
/// </summary>
public sealed class DriftStateReader(IRoute53 route53, Alarms.HealthCheckAlarmSource? alarms = null)
{
    /// <summary>Route 53's largest page.</summary>
    public int PageSize { get; init; } = 300;

    public async Task<DriftObservation> ReadAsync(CompiledTree desired, IReadOnlySet<RecordKey> owned,
        CancellationToken cancellationToken = default)
    {
        var spec = desired.Spec;
        var recordName = spec.RecordName.TrimEnd('.').ToLowerInvariant();
        var (records, pages) =
            await TreeRecordsReader.ReadAsync(route53, spec.HostedZoneId, recordName, PageSize, cancellationToken).ConfigureAwait(false);

        var elsewhere = owned.Select(k => k.Name).Concat(desired.Records.Select(r => r.RecordSet.Name))
            .Where(name => !TreeRecordsReader.IsAtOrUnder(name, recordName)).Distinct(StringComparer.Ordinal).ToList();
        if (elsewhere.Count > 0)
            records.AddRange(
                await route53.ListResourceRecordSetsAtNamesAsync(spec.HostedZoneId, elsewhere, PageSize, cancellationToken)
                .ConfigureAwait(false));

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var references = desired.HealthChecks.Select(h => h.CallerReference).ToHashSet(StringComparer.Ordinal);
        var checks = await new ActualStateReader(route53)
            .ReadHealthChecksAsync(spec.Name, references, ids, cancellationToken, ActualStateReader.AdoptedIds(spec)).ConfigureAwait(false);
        var collections = desired.CidrCollections.Count > 0 || records.Any(r => r.CidrRoutingConfig is not null)
            ? await new ActualStateReader(route53).ReadCidrCollectionsAsync(spec.Name, cancellationToken).ConfigureAwait(false)
            : [];
        var state = new ActualState(records, checks, owned)
        {
            CidrCollections = collections,
            Alarms = alarms is null ? null : await alarms.ReadAsync(cancellationToken).ConfigureAwait(false),
        };
        return new DriftObservation(state, ids, pages);
    }
}
