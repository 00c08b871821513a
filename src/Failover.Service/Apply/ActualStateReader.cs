using Failover.Service.Ports.Route53;
using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;

namespace Failover.Service.Apply;

/// <summary>
/// Reads what Route 53 holds for one tree: the record sets at the names the tree uses or owns (only those stretches of
/// the zone, not the whole zone) and the tree's health checks. Reads only; the planner decides.
/// </summary>
/// <param name="alarms">The deployment's health check alarms, read with the rest (null: the state carries none).</param>
public sealed class ActualStateReader(IRoute53 route53, Alarms.HealthCheckAlarmSource? alarms = null)
{
    /// <param name="owned">The tree's owned records as the store keeps them: each naming its zone, or none for the tree's.</param>
    /// <param name="moreCallerReferences">References besides the desired checks' that make an untagged check the tree's (a
    /// workflow run's: those earlier runs planned and did not see through).</param>
    /// <remarks>Also reads the names in the tree's zone its alias leaves point at, so the planner can tell a missing target
    /// (<see cref="MissingAliasTargets"/>).</remarks>
    public async Task<ActualState> ReadAsync(CompiledTree desired, IReadOnlySet<RecordKey> owned,
        CancellationToken cancellationToken = default, IEnumerable<string>? moreCallerReferences = null)
    {
        var targets = MissingAliasTargets.NamesToRead(desired);
        var state = await ReadAsync(desired.Spec.Name, desired.Spec.HostedZoneId,
            desired.Records.Select(r => r.RecordSet.Name).Concat(targets),
            desired.HealthChecks.Select(h => h.CallerReference).Concat(moreCallerReferences ?? []), owned,
            cancellationToken, AdoptedIds(desired.Spec), wantsCidrCollections: desired.CidrCollections.Count > 0,
            otherZoneNames: desired.OtherZoneNames).ConfigureAwait(false);
        return state with { AliasTargetNames = targets.ToHashSet(StringComparer.Ordinal) };
    }

    /// <summary>The checks an adopted spec takes over: their references are their makers', so only the id finds them.</summary>
    public static IReadOnlySet<string>? AdoptedIds(Failover.Core.Spec.TreeSpec spec) =>
        spec.Adopt is { HealthChecks.Count: > 0 } adopt ? adopt.HealthChecks.Values.ToHashSet(StringComparer.Ordinal) : null;

    /// <param name="wantsCidrCollections">The desired tree has ip-based rules: its collections are read even before any record
    /// names one.</param>
    /// <param name="otherZoneNames">The names the tree's attachments in other hosted zones want, by zone.</param>
    /// <param name="owned">The owned records as the store keeps them (<see cref="Ports.Store.IOwnedRecords.GetOwnedRecordsAsync"/>):
    /// the state holds them seen from <paramref name="hostedZoneId"/> (<see cref="OwnedKeys.Relative"/>).</param>
    public async Task<ActualState> ReadAsync(
        string tree, string hostedZoneId, IEnumerable<string> desiredNames, IEnumerable<string> desiredCallerReferences,
        IReadOnlySet<RecordKey> owned, CancellationToken cancellationToken = default, IReadOnlySet<string>? adoptedIds = null,
        bool wantsCidrCollections = false, IReadOnlyDictionary<string, IReadOnlyList<string>>? otherZoneNames = null)
    {
        owned = OwnedKeys.Relative(owned, hostedZoneId);
        var namesByZone = NamesByZone(hostedZoneId, desiredNames, owned, otherZoneNames);
        var records = new List<ResourceRecordSet>();
        foreach (var (zone, names) in namesByZone)
        {
            var inZone = await route53.ListResourceRecordSetsAtNamesAsync(zone, names, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            records.AddRange(OwnedKeys.InZone(inZone, zone, hostedZoneId));
        }
        // The same listing gives every check of the account: a check the tree names by id must be one of them.
        var accountIds = new HashSet<string>(StringComparer.Ordinal);
        var checks =
            await ReadHealthChecksAsync(tree, desiredCallerReferences.ToHashSet(StringComparer.Ordinal), accountIds, cancellationToken,
                adoptedIds).ConfigureAwait(false);
        var collections = wantsCidrCollections || records.Any(r => r.CidrRoutingConfig is not null)
            ? await ReadCidrCollectionsAsync(tree, cancellationToken).ConfigureAwait(false)
            : [];
        return new ActualState(records, checks, owned)
        {
            CidrCollections = collections,
            AccountHealthCheckIds = accountIds,
            Alarms = alarms is null ? null : await alarms.ReadAsync(cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>
    /// The names to list in each hosted zone, the tree's own first: a listing reads one zone (API reference,
    /// ListResourceRecordSets: Id), and a record of an attachment in another zone lives only there.
    /// </summary>
    /// <param name="owned">Owned keys seen from <paramref name="hostedZoneId"/> (null zone: that zone).</param>
    public static IReadOnlyList<(string Zone, List<string> Names)> NamesByZone(string hostedZoneId, IEnumerable<string> desiredNames,
        IEnumerable<RecordKey> owned, IReadOnlyDictionary<string, IReadOnlyList<string>>? otherZoneNames)
    {
        var byZone = new Dictionary<string, List<string>>(StringComparer.Ordinal) { [hostedZoneId] = [.. desiredNames] };
        foreach (var (zone, names) in otherZoneNames ?? new Dictionary<string, IReadOnlyList<string>>())
            (byZone.TryGetValue(zone, out var list) ? list : byZone[zone] = []).AddRange(names);
        foreach (var key in owned)
        {
            var zone = key.Zone ?? hostedZoneId;
            (byZone.TryGetValue(zone, out var list) ? list : byZone[zone] = []).Add(key.Name);
        }
        return byZone.OrderBy(z => z.Key == hostedZoneId ? 0 : 1).ThenBy(z => z.Key, StringComparer.Ordinal)
            .Select(z => (z.Key, z.Value.Distinct(StringComparer.Ordinal).ToList())).ToList();
    }

    /// <summary>
    /// The tree's CIDR collections, known by name (<see cref="DesiredCidrCollection.NameFor"/>), with every location's blocks:
    /// one ListCidrCollections pass, then ListCidrBlocks per collection of the tree. Only trees with ip-based rules, or whose
    /// records still name a collection, pay for it: a tree that never had one makes no request here.
    /// </summary>
    public async Task<IReadOnlyList<ExistingCidrCollection>> ReadCidrCollectionsAsync(string tree, CancellationToken cancellationToken)
    {
        var result = new List<ExistingCidrCollection>();
        foreach (var collection in await route53.ListCidrCollectionsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (DesiredCidrCollection.TreeOf(collection.Name) != tree) continue;
            result.Add(await ReadCidrCollectionAsync(route53, collection, cancellationToken).ConfigureAwait(false));
        }
        return result;
    }

    public static async Task<ExistingCidrCollection> ReadCidrCollectionAsync(ICidrCollections route53, CidrCollection collection,
        CancellationToken cancellationToken)
    {
        var blocks = await route53.ListCidrBlocksAsync(collection.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        var locations = blocks.GroupBy(b => b.LocationName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(b => b.Block).ToList(), StringComparer.Ordinal);
        return new ExistingCidrCollection(collection.Id, collection.Name, collection.Version, locations);
    }

    /// <summary>
    /// The tree's checks: every check whose CallerReference has the tree's prefix, confirmed by its tags. A check whose
    /// reference is exactly one the compiler derives for this tree is the tree's even if its tags were never written
    /// (a crash between create and tag): the reference is a hash of tree, node and config, so no one else made it.
    /// The same pass adds the id of every check in the account to <paramref name="allIds"/> if given (the drift check
    /// needs them to tell a deleted check from one a leaf names by id).
    /// </summary>
    public async Task<IReadOnlyList<ExistingHealthCheck>> ReadHealthChecksAsync(
        string tree, IReadOnlySet<string> desiredReferences, ISet<string>? allIds, CancellationToken cancellationToken = default,
        IReadOnlySet<string>? adoptedIds = null)
    {
        var prefix = CallerReferences.PrefixFor(tree);
        var candidates = new List<HealthCheck>();
        await foreach (var check in route53.ListAllHealthChecksAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            allIds?.Add(check.Id);
            if (check.CallerReference.StartsWith(prefix, StringComparison.Ordinal) || adoptedIds?.Contains(check.Id) == true)
                candidates.Add(check);
        }

        var result = new List<ExistingHealthCheck>();
        // Tags ten checks at a time (ListTagsForResources): a tree of a hundred checks costs ten requests, not a hundred.
        foreach (var chunk in candidates.Chunk(IHealthChecks.MaxTagResources))
        {
            var tagsById =
                await route53.ListTagsForResourcesAsync(chunk.Select(c => c.Id).ToList(), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            foreach (var check in chunk)
            {
                var tags = tagsById.GetValueOrDefault(check.Id) ?? [];
                var treeTag = HealthCheckTags.Find(tags, HealthCheckTags.Tree);
                var nodeTag = HealthCheckTags.Find(tags, HealthCheckTags.Node);
                if (treeTag is null && desiredReferences.Contains(check.CallerReference)) treeTag = tree;
                if (treeTag is not null && treeTag != tree) continue;
                result.Add(new ExistingHealthCheck(check.Id, check.CallerReference, check.Config, treeTag, nodeTag));
            }
        }
        return result;
    }
}
