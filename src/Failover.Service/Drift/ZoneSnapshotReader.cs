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

/// <summary>How a snapshot's record sets were read (the trees' stretches, in the listing's order).</summary>
public enum ZoneRecordsRead
{
    /// <summary>One pass from the first tree's name to the end of the last tree's stretch.</summary>
    OnePass,
    /// <summary>Several passes: the trees' stretches lie apart in the zone, and each pass skipped what lies between.</summary>
    Passes,
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
/// Reads one zone for many trees with as few Route 53 requests as it can.
/// <para>
/// Record sets. A tree's stretch of the zone (its record name and every name under it, <see cref="TreeRecordsReader"/>)
/// is one run of the listing: ListResourceRecordSets sorts names with their labels reversed (API reference,
/// ListResourceRecordSets: "sorted first by DNS name with the labels reversed, for example: com.example.www.") and
/// returns at most 300 record sets a page (<c>maxitems</c>). The trees are taken in that order and read in passes: a
/// pass starts at a tree's name and goes on page after page through the next trees' stretches as long as it has
/// already read into them; a tree that lies beyond what the pass read starts a new pass at its own name (one request a
/// page either way, and the new pass skips what lies between). So a message costs about its part of the zone in
/// pages, whatever the number of trees, and the scheduler hands each message a run of the zone's trees in this order
/// (<see cref="DriftScheduler"/>): the messages of a zone of 10,000 trees read the zone about once between them, not
/// once each. No GetHostedZone is needed to choose between the whole zone and the stretches, as an earlier reader did.
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
        var collectionsByTree = await ReadCidrCollectionsAsync(trees, recordsByTree, requests, cancellationToken).ConfigureAwait(false);
        var observations = trees.ToDictionary(t => t.Name, t => new DriftObservation(
            new ActualState(recordsByTree[t.Name], checksByTree.GetValueOrDefault(t.Name) ?? [], t.Owned)
            {
                Alarms = alarms,
                CidrCollections = collectionsByTree.GetValueOrDefault(t.Name) ?? [],
            }, ids,
            RecordPages: 0), StringComparer.Ordinal);
        return new ZoneDriftSnapshot(observations, requests, recordsRead, checksRead);
    }

    /// <summary>
    /// The CIDR collections of the trees that have ip-based rules or records naming a collection: one ListCidrCollections for
    /// the zone, then ListCidrBlocks per collection of such a tree. A zone without them makes no request here.
    /// </summary>
    private async Task<Dictionary<string, IReadOnlyList<ExistingCidrCollection>>> ReadCidrCollectionsAsync(
        IReadOnlyList<PreparedTree> trees, IReadOnlyDictionary<string, List<ResourceRecordSet>> recordsByTree, DriftRequestCounts requests,
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, IReadOnlyList<ExistingCidrCollection>>(StringComparer.Ordinal);
        var wanting = trees.Where(t => t.Desired.CidrCollections.Count > 0
            || recordsByTree[t.Name].Any(r => r.CidrRoutingConfig is not null)).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        if (wanting.Count == 0) return result;
        requests.Add("ListCidrCollections");
        foreach (var collection in await route53.ListCidrCollectionsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (DesiredCidrCollection.TreeOf(collection.Name) is not { } tree || !wanting.Contains(tree)) continue;
            requests.Add("ListCidrBlocks");
            var read = await ActualStateReader.ReadCidrCollectionAsync(route53, collection, cancellationToken).ConfigureAwait(false);
            result[tree] = [.. result.GetValueOrDefault(tree) ?? [], read];
        }
        return result;
    }

    private static string RecordNameOf(PreparedTree tree) => tree.Spec.RecordName.TrimEnd('.').ToLowerInvariant();

    /// <summary>
    /// The record names of the tree's other attachments in the zone that lie outside its record name's stretch (the
    /// outermost of any that nest): each is a stretch of its own, helper names included, as the per-tree read takes it
    /// (<see cref="DriftStateReader"/>), so someone else's record at a name reserved for the tree's rules there is seen.
    /// </summary>
    private static List<string> OtherStretchesOf(PreparedTree tree)
    {
        var recordName = RecordNameOf(tree);
        var names = tree.Spec.AllAttachments.Where(a => a.HostedZoneId == tree.Spec.HostedZoneId)
            .Select(a => a.RecordName.TrimEnd('.').ToLowerInvariant())
            .Where(name => !TreeRecordsReader.IsAtOrUnder(name, recordName)).Distinct(StringComparer.Ordinal).ToList();
        return names.Where(name => !names.Exists(other => other != name && TreeRecordsReader.IsAtOrUnder(name, other))).ToList();
    }

    /// <summary>
    /// The names a tree owns or wants outside its stretches (a tree whose record name changed), as the per-tree read has them.
    /// </summary>
    private static List<string> ElsewhereOf(PreparedTree tree, List<string> otherStretches)
    {
        var recordName = RecordNameOf(tree);
        return tree.Owned.Select(k => k.Name).Concat(tree.Desired.Records.Select(r => r.RecordSet.Name))
            .Where(name => !TreeRecordsReader.IsAtOrUnder(name, recordName)
                && !otherStretches.Exists(stretch => TreeRecordsReader.IsAtOrUnder(name, stretch)))
            .Distinct(StringComparer.Ordinal).ToList();
    }

    private async Task<(Dictionary<string, List<ResourceRecordSet>>, ZoneRecordsRead)> ReadRecordsAsync(
        string hostedZoneId, IReadOnlyList<PreparedTree> trees, DriftRequestCounts requests, CancellationToken cancellationToken)
    {
        var read = new Dictionary<RecordKey, ResourceRecordSet>();
        var passes = 0;
        // The trees in the listing's order, so that each pass goes on from where the last tree's stretch ended.
        var ordered = trees.OrderBy(t => DnsNames.ListingKey(RecordNameOf(t)), StringComparer.Ordinal).ToList();
        string? passStart = null;
        string? lastRead = null;
        RecordSetPosition? next = null;
        var zoneEnded = false;
        foreach (var tree in ordered)
        {
            var recordName = RecordNameOf(tree);
            // Go on with the pass when it already read into this tree's stretch; otherwise a new pass at the tree's name
            // costs no more (one request a page either way) and skips whatever lies between.
            var inPass = passStart is not null && lastRead is not null
                && InBothOrders(passStart, recordName) && (InBothOrders(recordName, lastRead) || zoneEnded);
            if (!inPass)
            {
                passes++;
                passStart = recordName;
                lastRead = null;
                next = new RecordSetPosition(recordName);
                zoneEnded = false;
            }
            while (!zoneEnded && (lastRead is null || !TreeRecordsReader.IsPast(lastRead, recordName)))
            {
                var page = await route53.ListResourceRecordSetsAsync(hostedZoneId, next, RecordPageSize, cancellationToken)
                    .ConfigureAwait(false);
                requests.Add("ListResourceRecordSets");
                foreach (var record in page.RecordSets) read[record.Key] = record;
                if (page.RecordSets.Count > 0) lastRead = page.RecordSets[^1].Name;
                next = page.Next;
                zoneEnded = next is null;
            }
        }

        // Each tree picks its names from what the passes read, by name suffix, without a scan per tree.
        var underName = new Dictionary<string, List<ResourceRecordSet>>(StringComparer.Ordinal);
        foreach (var record in read.Values)
            for (var suffix = record.Name; ; suffix = suffix[(suffix.IndexOf('.', StringComparison.Ordinal) + 1)..])
            {
                if (!underName.TryGetValue(suffix, out var list)) underName[suffix] = list = [];
                list.Add(record);
                if (!suffix.Contains('.', StringComparison.Ordinal)) break;
            }
        var byTree = new Dictionary<string, List<ResourceRecordSet>>(StringComparer.Ordinal);
        foreach (var tree in trees)
        {
            var recordName = RecordNameOf(tree);
            var records = new List<ResourceRecordSet>(underName.GetValueOrDefault(recordName) ?? []);
            // Its other names in the zone (attachments) and what lies under them: rare, read one stretch at a time.
            var otherStretches = OtherStretchesOf(tree);
            foreach (var stretch in otherStretches)
            {
                var (under, pages) = await TreeRecordsReader.ReadAsync(route53, hostedZoneId, stretch, RecordPageSize, cancellationToken)
                    .ConfigureAwait(false);
                requests.Add("ListResourceRecordSets", pages);
                // The record name's own stretch may lie inside this one: its records are in already.
                records.AddRange(under.Where(r => !TreeRecordsReader.IsAtOrUnder(r.Name, recordName)));
            }
            // Names the tree owns or wants outside its stretches (its record name changed): rare, read one by one.
            foreach (var name in ElsewhereOf(tree, otherStretches))
            {
                var wire = DnsNames.FromWire(name);
                var (at, morePages) =
                    await TreeRecordsReader.ReadAsync(route53, hostedZoneId, wire, RecordPageSize, cancellationToken).ConfigureAwait(false);
                requests.Add("ListResourceRecordSets", morePages);
                records.AddRange(at.Where(r => r.Name == wire));
            }
            byTree[tree.Name] = records;
        }
        return (byTree, passes <= 1 ? ZoneRecordsRead.OnePass : ZoneRecordsRead.Passes);
    }

    /// <summary>
    /// Whether <paramref name="earlier"/> comes no later than <paramref name="later"/> in the listing, in Route 53's order
    /// and in the emulators' alike (<see cref="DnsNames.ListingKey"/>): a pass is only trusted to hold a name when both agree.
    /// </summary>
    private static bool InBothOrders(string earlier, string later) =>
        string.CompareOrdinal(DnsNames.ListingKey(earlier), DnsNames.ListingKey(later)) <= 0
        && string.CompareOrdinal(DnsNames.ListingKey(earlier, trailingDot: false), DnsNames.ListingKey(later, trailingDot: false)) <= 0;

    private async Task<(Dictionary<string, List<ExistingHealthCheck>>, IReadOnlySet<string>, ZoneChecksRead)> ReadChecksAsync(
        IReadOnlyList<PreparedTree> trees, Dictionary<string, List<ResourceRecordSet>> recordsByTree, DriftRequestCounts requests,
        CancellationToken cancellationToken)
    {
        var byTree = new Dictionary<string, List<ExistingHealthCheck>>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var anyNamed = trees.Any(t => t.Desired.HealthChecks.Count > 0
            || t.Desired.AllRecords.Any(r => r.RecordSet.HealthCheckId is not null)
            || recordsByTree[t.Name].Any(r => r.HealthCheckId is not null));
        // The detector reads checks only to match the trees' own and to tell whether a check their records name exists.
        if (!anyNamed) return (byTree, ids, ZoneChecksRead.None);

        var treesByPrefix = trees.GroupBy(t => CallerReferences.PrefixFor(t.Name), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        // An adopted tree's checks keep their makers' references: only their ids (the spec's adopt section) find them,
        // as in the per-tree rule (ActualStateReader.AdoptedIds).
        var treesByAdoptedId = trees
            .SelectMany(t => (ActualStateReader.AdoptedIds(t.Spec) ?? new HashSet<string>()).Select(id => (Id: id, Tree: t)))
            .GroupBy(a => a.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(a => a.Tree).ToList(), StringComparer.Ordinal);
        var candidates = new List<HealthCheck>();
        string? marker = null;
        do
        {
            var page = await route53.ListHealthChecksAsync(marker, HealthCheckPageSize, cancellationToken).ConfigureAwait(false);
            requests.Add("ListHealthChecks");
            foreach (var check in page.HealthChecks)
            {
                ids.Add(check.Id);
                if ((PrefixOf(check.CallerReference) is { } prefix && treesByPrefix.ContainsKey(prefix))
                    || treesByAdoptedId.ContainsKey(check.Id)) candidates.Add(check);
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
                var byPrefix = PrefixOf(check.CallerReference) is { } prefix ? treesByPrefix.GetValueOrDefault(prefix) : null;
                var byAdoption = treesByAdoptedId.GetValueOrDefault(check.Id);
                foreach (var tree in (byPrefix ?? []).Concat(byAdoption ?? []).Distinct())
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
