using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Service.Ports;
using Failover.Service.Ports.Route53;

namespace Failover.Service.Apply;

/// <summary>
/// Brings one CIDR collection to its planned locations, safe to repeat. ChangeCidrCollection is not idempotent, so the runner
/// never resends a change blindly: it reads the collection (version and blocks), sends only what still differs with the
/// CollectionVersion it read, and when the answer is a version mismatch or was lost (a 5xx or a timeout after it was sent)
/// it reads again — a change that did land leaves nothing to send. API reference, ChangeCidrCollection.CollectionVersion:
/// use the version ListCidrCollections answers "to prevent Route 53 from overwriting an intervening update".
/// </summary>
public sealed class CidrCollectionRunner(ICidrCollections route53)
{
    /// <summary>Reads and resends at most this many times before the error stands (someone else keeps changing it).</summary>
    public const int MaxAttempts = 5;

    /// <summary>API reference, ChangeCidrCollection: "The max number of CIDR blocks included in the request is 1000".</summary>
    public const int MaxBlocksPerRequest = 1_000;

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Empty = new Dictionary<string, IReadOnlyList<string>>();

    /// <returns>The collection's id; null once it is deleted.</returns>
    public async Task<string?> ConvergeAsync(PlannedCidrCollection planned, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AttemptAsync(planned, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < MaxAttempts
                && e is CidrCollectionVersionMismatchException or OutcomeUnknownException or CidrCollectionAlreadyExistsException)
            {
                // Changed in between (by us, when an answer was lost, or by someone else), or made under another reference:
                // read it again and send what still differs.
            }
        }
    }

    private async Task<string?> AttemptAsync(PlannedCidrCollection planned, CancellationToken cancellationToken)
    {
        var current = (await route53.ListCidrCollectionsAsync(cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(c => c.Name == planned.Name);
        if (planned.Locations is null)
        {
            if (current is null) return null;
            try
            {
                // DeleteCidrCollection: "The collection must be empty before it can be deleted."
                await SendAsync(current, Empty, cancellationToken).ConfigureAwait(false);
                await route53.DeleteCidrCollectionAsync(current.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (NoSuchCidrCollectionException)
            {
            }
            return null;
        }
        // A repeated CallerReference answers with the collection the first request made (CreateCidrCollection).
        current ??= await route53.CreateCidrCollectionAsync(planned.Name, planned.CallerReference, cancellationToken).ConfigureAwait(false);
        await SendAsync(current, planned.Locations, cancellationToken).ConfigureAwait(false);
        return current.Id;
    }

    private async Task SendAsync(CidrCollection current, IReadOnlyDictionary<string, IReadOnlyList<string>> target,
        CancellationToken cancellationToken)
    {
        var held = await ActualStateReader.ReadCidrCollectionAsync(route53, current, cancellationToken).ConfigureAwait(false);
        var version = current.Version;
        foreach (var request in Requests(CidrBlocks.Changes(held.Locations, target)))
        {
            await route53.ChangeCidrCollectionAsync(current.Id, request, version, cancellationToken).ConfigureAwait(false);
            // Version: "increments by 1 each time you update settings for the CIDR collection" (API reference, CidrCollection).
            version++;
        }
    }

    /// <summary>The changes cut into requests of at most <see cref="MaxBlocksPerRequest"/> blocks, in their order.</summary>
    public static IReadOnlyList<IReadOnlyList<CidrCollectionChange>> Requests(IReadOnlyList<CidrCollectionChange> changes)
    {
        var requests = new List<IReadOnlyList<CidrCollectionChange>>();
        var request = new List<CidrCollectionChange>();
        var room = MaxBlocksPerRequest;
        foreach (var change in changes)
        {
            var rest = change.Blocks;
            while (rest.Count > 0)
            {
                var part = rest.Take(room).ToList();
                request.Add(change with { Blocks = part });
                rest = rest.Skip(part.Count).ToList();
                room -= part.Count;
                if (room > 0) continue;
                requests.Add(request);
                request = [];
                room = MaxBlocksPerRequest;
            }
        }
        if (request.Count > 0) requests.Add(request);
        return requests;
    }

    /// <summary>
    /// Swaps each <c>{{cidrcollection:rule}}</c> in the batches for the id of the collection named after the tree and the rule,
    /// read with one ListCidrCollections; batches without one cost no request. A collection that does not exist means the
    /// collection layer has not run, which throws rather than send Route 53 a placeholder.
    /// </summary>
    public static async Task<IReadOnlyList<ChangeBatch>> ResolveAsync(ICidrCollections route53, string tree,
        IReadOnlyList<ChangeBatch> batches, CancellationToken cancellationToken)
    {
        if (!batches.Any(b => b.Changes.Any(c =>
                CidrCollectionPlaceholder.TryGetRuleId(c.RecordSet.CidrRoutingConfig?.CollectionId, out _))))
            return batches;
        var ids = (await route53.ListCidrCollectionsAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(c => c.Name, c => c.Id, StringComparer.Ordinal);
        return batches.Select(batch => batch with
        {
            Changes = batch.Changes.Select(change =>
                change.RecordSet.CidrRoutingConfig is { } cidr && CidrCollectionPlaceholder.TryGetRuleId(cidr.CollectionId, out var rule)
                    ? change with
                    {
                        RecordSet = change.RecordSet with
                        {
                            CidrRoutingConfig = cidr with
                            {
                                CollectionId = ids.GetValueOrDefault(DesiredCidrCollection.NameFor(tree, rule))
                                    ?? throw new InvalidOperationException(
                                        $"the CIDR collection of rule '{rule}' does not exist before its records"),
                            },
                        },
                    }
                    : change).ToList(),
        }).ToList();
    }
}
