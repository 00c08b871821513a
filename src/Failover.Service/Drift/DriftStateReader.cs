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
        // Every name the tree answers for in its zone, with what lies under it (helper names, records left there).
        var recordNames = spec.AllAttachments.Where(a => a.HostedZoneId == spec.HostedZoneId)
            .Select(a => a.RecordName.TrimEnd('.').ToLowerInvariant()).ToList();
        var records = new List<ResourceRecordSet>();
        var pages = 0;
        foreach (var recordName in recordNames)
        {
            var (under, read) = await TreeRecordsReader.ReadAsync(route53, spec.HostedZoneId, recordName, PageSize, cancellationToken)
                .ConfigureAwait(false);
            records.AddRange(under.Where(r => !recordNames.Exists(other => other != recordName && other.Length > recordName.Length
                && TreeRecordsReader.IsAtOrUnder(r.Name, other))));
            pages += read;
        }

        var elsewhere = owned.Select(k => k.Name).Concat(desired.Records.Select(r => r.RecordSet.Name))
            .Where(name => !recordNames.Exists(recordName => TreeRecordsReader.IsAtOrUnder(name, recordName)))
            .Distinct(StringComparer.Ordinal).ToList();
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
