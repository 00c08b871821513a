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
/// of each zone it answers in (<see cref="TreeRecordsReader"/>), the owned names outside it if any (a tree whose record
/// name changed), and one ListHealthChecks pass that both finds the tree's checks and lists every id.
/// </summary>
public sealed class DriftStateReader(IRoute53 route53, Alarms.HealthCheckAlarmSource? alarms = null)
{
    /// <summary>Route 53's largest page.</summary>
    public int PageSize { get; init; } = 300;

    /// <param name="owned">The tree's owned records as the store keeps them, each naming its zone.</param>
    public async Task<DriftObservation> ReadAsync(CompiledTree desired, IReadOnlySet<RecordKey> owned,
        CancellationToken cancellationToken = default)
    {
        var spec = desired.Spec;
        owned = OwnedKeys.Relative(owned, spec.HostedZoneId);
        var records = new List<ResourceRecordSet>();
        var pages = 0;
        // Each zone the tree answers or owns records in, its own zone first: a listing reads one zone (API reference,
        // ListResourceRecordSets: Id).
        var zones = spec.AllAttachments.Select(a => a.HostedZoneId).Concat(owned.Select(k => k.Zone).OfType<string>())
            .Distinct(StringComparer.Ordinal).ToList();
        foreach (var zone in zones)
        {
            var ownedHere = owned.Where(k => (k.Zone ?? spec.HostedZoneId) == zone);
            var (inZone, read) = await ReadZoneAsync(desired, zone, ownedHere, cancellationToken).ConfigureAwait(false);
            records.AddRange(OwnedKeys.InZone(inZone, zone, spec.HostedZoneId));
            pages += read;
        }
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

    /// <summary>
    /// One zone's part: every name the tree answers for there, with what lies under it (helper names, records left there),
    /// and the owned or desired names of that zone outside them (a tree whose record name changed).
    /// </summary>
    private async Task<(List<ResourceRecordSet> Records, int Pages)> ReadZoneAsync(CompiledTree desired, string zone,
        IEnumerable<RecordKey> owned, CancellationToken cancellationToken)
    {
        var recordNames = desired.Spec.AllAttachments.Where(a => a.HostedZoneId == zone)
            .Select(a => a.RecordName.TrimEnd('.').ToLowerInvariant()).ToList();
        var records = new List<ResourceRecordSet>();
        var pages = 0;
        foreach (var recordName in recordNames)
        {
            var (under, read) = await TreeRecordsReader.ReadAsync(route53, zone, recordName, PageSize, cancellationToken)
                .ConfigureAwait(false);
            records.AddRange(under.Where(r => !recordNames.Exists(other => other != recordName && other.Length > recordName.Length
                && TreeRecordsReader.IsAtOrUnder(r.Name, other))));
            pages += read;
        }

        var desiredHere = zone == desired.Spec.HostedZoneId ? desired.Records
            : desired.OtherZones.Where(z => z.HostedZoneId == zone).SelectMany(z => z.Records);
        var elsewhere = owned.Select(k => k.Name).Concat(desiredHere.Select(r => r.RecordSet.Name))
            .Where(name => !recordNames.Exists(recordName => TreeRecordsReader.IsAtOrUnder(name, recordName)))
            .Distinct(StringComparer.Ordinal).ToList();
        if (elsewhere.Count > 0)
            records.AddRange(
                await route53.ListResourceRecordSetsAtNamesAsync(zone, elsewhere, PageSize, cancellationToken)
                .ConfigureAwait(false));
        return (records, pages);
    }
}
