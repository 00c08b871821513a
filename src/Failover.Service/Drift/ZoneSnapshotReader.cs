using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Service.Apply;
using Failover.Service.Ports.Route53;

namespace Failover.Service.Drift;

/// <summary>The Route 53 requests one drift message made, by operation.</summary>
public sealed class DriftRequestCounts
{
    private readonly SortedDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> ByOperation => _counts;

    public int Total => _counts.Values.Sum();

    public int this[string operation] => _counts.GetValueOrDefault(operation);

    internal void Add(string operation, int count = 1) => _counts[operation] = _counts.GetValueOrDefault(operation) + count;

    public override string ToString() => Total == 0 ? "none" : string.Join(", ", _counts.Select(c => $"{c.Key} {c.Value}"));
}

/// <summary>How a snapshot was read: the record sets (whole zone or the trees' stretches) and the health checks.</summary>
public enum ZoneRecordsRead
{
    /// <summary>Each tree's stretch of the zone (and its owned names outside it), as the per-tree check reads it.</summary>
    Stretches,
    /// <summary>Every page of the zone, once.</summary>
    WholeZone,
}

public enum ZoneChecksRead
{
    /// <summary>No tree of the message has a health check and no record of theirs names one: nothing to read.</summary>
    None,
    /// <summary>Every page of ListHealthChecks, once.</summary>
    Listed,
}

/// <summary>
/// One read of a hosted zone and the account's health checks shared by every tree of a drift message, and each tree's
/// part of it in the shape the per-tree check reads (<see cref="DriftObservation"/>), so detection and repair are the
/// per-tree check's own.
/// </summary>
public sealed class ZoneDriftSnapshot
{
    internal ZoneDriftSnapshot(IReadOnlyDictionary<string, DriftObservation> observations, DriftRequestCounts requests,
        ZoneRecordsRead records, ZoneChecksRead checks)
    {
        Observations = observations;
        Requests = requests;
        Records = records;
        Checks = checks;
    }

    /// <summary>What each tree's check sees, by tree name.</summary>
    public IReadOnlyDictionary<string, DriftObservation> Observations { get; }

    public DriftRequestCounts Requests { get; }

    public ZoneRecordsRead Records { get; }

    public ZoneChecksRead Checks { get; }
}

/// <summary>
/// Reads one zone for many trees with as few Route 53 requests as it can count in advance.
/// <para>
/// Record sets. A tree's stretch of the zone (its record name and every name under it, <see cref="TreeRecordsReader"/>)
/// costs one ListResourceRecordSets request per 300 record sets in it, at least one; each owned name outside it one
/// more. The whole zone costs one request per 300 record sets (ListResourceRecordSets returns at most 300 per page,
/// API reference, <c>maxitems</c>) plus the GetHostedZone that tells how many there are (<c>ResourceRecordSetCount</c>).
/// Rule: the stretches when they cost one request in all (one small tree: no count needed); otherwise GetHostedZone,
/// and the whole zone when <c>ceil(count / 300)</c> is fewer requests than the stretches, else the stretches.
/// </para>
/// <para>
/// Health checks. ListHealthChecks returns at most 1,000 checks a page when asked (API reference, ListHealthChecks,
/// <c>MaxItems</c>: "Amazon Route 53 returns a maximum of 1000 items"), so every check in the account is
/// <c>ceil(checks / 1000)</c> requests, once for the message; the candidates of all its trees (CallerReference with a
/// tree's prefix) have their tags read ten at a time across trees (ListTagsForResources, <c>ResourceIds</c>: at most
/// 10). A message whose trees have no health check and whose records name none reads no health check at all.
/// GetHealthCheck by id (one request a check) is not used: the ids the trees own are known only from the zone's records
/// (a repointed record names someone else's) or from the runs' node items (kept 90 days, absent for the direct path),
/// and one listing page holds 1,000 checks, so it pays only for a message owning fewer checks than the account has
/// thousands — and even then a check the listing would have found, an orphan of a crashed run, would be missed.
/// </para>
/// </summary>
public sealed class ZoneSnapshotReader(IRoute53 route53)
{
    /// <summary>The deployment's health check alarms, read once for the whole message (null: none are kept).</summary>
    public Alarms.HealthCheckAlarmSource? Alarms { get; init; }

    /// <summary>Route 53's largest ListResourceRecordSets page.</summary>
    public const int RecordPageSize = 300;

    /// <summary>Route 53's largest ListHealthChecks page.</summary>
    public const int HealthCheckPageSize = 1_000;

    internal async Task<ZoneDriftSnapshot> ReadAsync(string hostedZoneId, IReadOnlyList<PreparedTree> trees,
        CancellationToken cancellationToken)
    {
        var requests = new DriftRequestCounts();
        var (recordsByTree, recordsRead) = await ReadRecordsAsync(hostedZoneId, trees, requests, cancellationToken).ConfigureAwait(false);
        var (checksByTree, ids, checksRead) =
            await ReadChecksAsync(trees, recordsByTree, requests, cancellationToken).ConfigureAwait(false);
        var alarms = Alarms is null ? null : await Alarms.ReadAsync(cancellationToken).ConfigureAwait(false);
        var observations = trees.ToDictionary(t => t.Name, t => new DriftObservation(
            new ActualState(recordsByTree[t.Name], checksByTree.GetValueOrDefault(t.Name) ?? [], t.Owned) { Alarms = alarms }, ids,
            RecordPages: 0), StringComparer.Ordinal);
        return new ZoneDriftSnapshot(observations, requests, recordsRead, checksRead);
    }

    private static string RecordNameOf(PreparedTree tree) => tree.Spec.RecordName.TrimEnd('.').ToLowerInvariant();

    /// <summary>
    /// The names a tree owns or wants outside its stretch (a tree whose record name changed), as the per-tree read has them.
    /// </summary>
    private static List<string> ElsewhereOf(PreparedTree tree)
    {
        var recordName = RecordNameOf(tree);
        return tree.Owned.Select(k => k.Name).Concat(tree.Desired.Records.Select(r => r.RecordSet.Name))
            .Where(name => !TreeRecordsReader.IsAtOrUnder(name, recordName)).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Requests the stretches take, counted before any is made.</summary>
    internal static int StretchCost(IReadOnlyList<PreparedTree> trees) =>
        trees.Sum(t =>
        {
            var sets = t.Desired.Records.Select(r => r.RecordSet.Key).Concat(t.Owned).Distinct().Count();
            return Math.Max(1, (sets + RecordPageSize - 1) / RecordPageSize) + ElsewhereOf(t).Count;
        });

    private async Task<(Dictionary<string, List<ResourceRecordSet>>, ZoneRecordsRead)> ReadRecordsAsync(
        string hostedZoneId, IReadOnlyList<PreparedTree> trees, DriftRequestCounts requests, CancellationToken cancellationToken)
    {
        var stretches = StretchCost(trees);
        var whole = false;
        if (stretches > 1)
        {
            var zone = await route53.GetHostedZoneAsync(hostedZoneId, cancellationToken).ConfigureAwait(false);
            requests.Add("GetHostedZone");
            if (zone.RecordCount is { } count) whole = (count + RecordPageSize - 1) / RecordPageSize < stretches;
        }
        var byTree = new Dictionary<string, List<ResourceRecordSet>>(StringComparer.Ordinal);
        if (whole)
        {
            var all = new List<ResourceRecordSet>();
            RecordSetPosition? position = null;
            do
            {
                var page = await route53.ListResourceRecordSetsAsync(hostedZoneId, position, RecordPageSize, cancellationToken)
                    .ConfigureAwait(false);
                requests.Add("ListResourceRecordSets");
                all.AddRange(page.RecordSets);
                position = page.Next;
            } while (position is not null);
            // A name is in many trees' views only by accident; index once so each tree picks its names without a scan.
            foreach (var tree in trees)
            {
                var recordName = RecordNameOf(tree);
                var elsewhere = ElsewhereOf(tree).Select(DnsNames.FromWire).ToHashSet(StringComparer.Ordinal);
                byTree[tree.Name] = all
                    .Where(r => TreeRecordsReader.IsAtOrUnder(r.Name, recordName) || elsewhere.Contains(r.Name)).ToList();
            }
            return (byTree, ZoneRecordsRead.WholeZone);
        }
        foreach (var tree in trees)
        {
            var (records, pages) = await TreeRecordsReader.ReadAsync(route53, hostedZoneId, RecordNameOf(tree), RecordPageSize,
                cancellationToken).ConfigureAwait(false);
            requests.Add("ListResourceRecordSets", pages);
            foreach (var name in ElsewhereOf(tree))
            {
                var wire = DnsNames.FromWire(name);
                var (at, morePages) =
                    await TreeRecordsReader.ReadAsync(route53, hostedZoneId, wire, RecordPageSize, cancellationToken).ConfigureAwait(false);
                requests.Add("ListResourceRecordSets", morePages);
                records.AddRange(at.Where(r => r.Name == wire));
            }
            byTree[tree.Name] = records;
        }
        return (byTree, ZoneRecordsRead.Stretches);
    }

    private async Task<(Dictionary<string, List<ExistingHealthCheck>>, IReadOnlySet<string>, ZoneChecksRead)> ReadChecksAsync(
        IReadOnlyList<PreparedTree> trees, Dictionary<string, List<ResourceRecordSet>> recordsByTree, DriftRequestCounts requests,
        CancellationToken cancellationToken)
    {
        var byTree = new Dictionary<string, List<ExistingHealthCheck>>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var anyNamed = trees.Any(t => t.Desired.HealthChecks.Count > 0
            || t.Desired.Records.Any(r => r.RecordSet.HealthCheckId is not null)
            || recordsByTree[t.Name].Any(r => r.HealthCheckId is not null));
        // The detector reads checks only to match the trees' own and to tell whether a check their records name exists.
        if (!anyNamed) return (byTree, ids, ZoneChecksRead.None);

        var treesByPrefix = trees.GroupBy(t => CallerReferences.PrefixFor(t.Name), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var candidates = new List<HealthCheck>();
        string? marker = null;
        do
        {
            var page = await route53.ListHealthChecksAsync(marker, HealthCheckPageSize, cancellationToken).ConfigureAwait(false);
            requests.Add("ListHealthChecks");
            foreach (var check in page.HealthChecks)
            {
                ids.Add(check.Id);
                if (PrefixOf(check.CallerReference) is { } prefix && treesByPrefix.ContainsKey(prefix)) candidates.Add(check);
            }
            marker = page.NextMarker;
        } while (marker is not null);

        var references = trees.ToDictionary(t => t.Name, t => t.Desired.HealthChecks.Select(h => h.CallerReference)
            .ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        // Tags ten checks at a time across every tree of the message, not per tree.
        foreach (var chunk in candidates.Chunk(IHealthChecks.MaxTagResources))
        {
            var tagsById = await route53.ListTagsForResourcesAsync(chunk.Select(c => c.Id).ToList(), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            requests.Add("ListTagsForResources");
            foreach (var check in chunk)
            {
                var tags = tagsById.GetValueOrDefault(check.Id) ?? [];
                var treeTag = HealthCheckTags.Find(tags, HealthCheckTags.Tree);
                var nodeTag = HealthCheckTags.Find(tags, HealthCheckTags.Node);
                // The per-tree rule (ActualStateReader.ReadHealthChecksAsync), for each tree the prefix may stand for.
                foreach (var tree in treesByPrefix[PrefixOf(check.CallerReference)!])
                {
                    var owner = treeTag ?? (references[tree.Name].Contains(check.CallerReference) ? tree.Name : null);
                    if (owner is not null && owner != tree.Name) continue;
                    if (!byTree.TryGetValue(tree.Name, out var list)) byTree[tree.Name] = list = [];
                    list.Add(new ExistingHealthCheck(check.Id, check.CallerReference, check.Config, owner, nodeTag));
                }
            }
        }
        return (byTree, ids, ZoneChecksRead.Listed);
    }

    /// <summary>The tree part of a CallerReference the compiler made (up to and with the first dot).</summary>
    private static string? PrefixOf(string callerReference)
    {
        var dot = callerReference.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? null : callerReference[..(dot + 1)];
    }
}
