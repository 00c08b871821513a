using System.Net;
using Failover.Core.Route53;
using Failover.Service.Ports.Route53;

namespace Failover.Testing.Route53;

public sealed partial class InMemoryRoute53
{
    private readonly Dictionary<string, (CidrCollection Collection, string CallerReference, Dictionary<string, List<string>> Locations)>
        _collections = new(StringComparer.Ordinal);

    /// <summary>
    /// The same name and reference answer with the collection made first; the name under another reference is refused
    /// (API reference, CreateCidrCollection: CidrCollectionAlreadyExistsException).
    /// </summary>
    public Task<CidrCollection> CreateCidrCollectionAsync(string name, string callerReference,
        CancellationToken cancellationToken = default) =>
        ServeAsync("CreateCidrCollection", () =>
        {
            if (_collections.Values.FirstOrDefault(c => c.Collection.Name == name) is { Collection: not null } found)
                return found.CallerReference == callerReference ? found.Collection
                    : throw new CidrCollectionAlreadyExistsException(
                        "A CIDR collection with this name and a different caller reference already exists in this account.",
                        HttpStatusCode.Conflict, RequestId());
            var collection = new CidrCollection($"{++_nextId:D8}-0000-4000-8000-00000000c1d0", name, 1);
            _collections[collection.Id] = (collection, callerReference, new Dictionary<string, List<string>>(StringComparer.Ordinal));
            return collection;
        }, cancellationToken);

    /// <summary>
    /// One transaction, refused as a whole when the version differs or a location records name would be left without blocks
    /// (CidrBlockInUseException); the version grows by one (API reference, ChangeCidrCollection, CidrCollection.Version).
    /// </summary>
    public Task<string> ChangeCidrCollectionAsync(string collectionId, IReadOnlyList<CidrCollectionChange> changes,
        long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ServeAsync("ChangeCidrCollection", () =>
        {
            var (collection, reference, held) = Collection(collectionId);
            if (expectedVersion is { } version && version != collection.Version)
                throw new CidrCollectionVersionMismatchException(
                    "The CIDR collection version you provided, doesn't match the one in the ListCidrCollections operation.",
                    HttpStatusCode.Conflict, RequestId());
            var locations = held.ToDictionary(l => l.Key, l => l.Value.ToList(), StringComparer.Ordinal);
            foreach (var change in changes)
            {
                if (change.Action == CidrChangeAction.Put)
                {
                    var blocks = locations.TryGetValue(change.LocationName, out var list) ? list : locations[change.LocationName] = [];
                    foreach (var block in change.Blocks.Where(b => !blocks.Contains(b)))
                    {
                        if (locations.Any(l => l.Key != change.LocationName && l.Value.Contains(block)))
                            throw new Route53Exception("CidrBlockInUseException", "This CIDR block is already in use.",
                                HttpStatusCode.BadRequest, RequestId());
                        blocks.Add(block);
                    }
                }
                else if (locations.TryGetValue(change.LocationName, out var blocks))
                    blocks.RemoveAll(change.Blocks.Contains);
            }
            var emptied = locations.Where(l => l.Value.Count == 0).Select(l => l.Key).ToHashSet(StringComparer.Ordinal);
            if (UsedLocations(collectionId).Any(emptied.Contains))
                throw new Route53Exception("CidrBlockInUseException", "This CIDR block is already in use.", HttpStatusCode.BadRequest,
                    RequestId());
            _collections[collectionId] = (collection with { Version = collection.Version + 1 }, reference,
                locations.Where(l => l.Value.Count > 0).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal));
            return $"C{++_nextId:D12}";
        }, cancellationToken);

    public Task<IReadOnlyList<CidrCollection>> ListCidrCollectionsAsync(CancellationToken cancellationToken = default) =>
        ServeAsync("ListCidrCollections", () =>
            (IReadOnlyList<CidrCollection>)[.. _collections.Values.Select(c => c.Collection).OrderBy(c => c.Name, StringComparer.Ordinal)],
            cancellationToken);

    public Task<IReadOnlyList<string>> ListCidrLocationsAsync(string collectionId, CancellationToken cancellationToken = default) =>
        ServeAsync("ListCidrLocations", () =>
            (IReadOnlyList<string>)[.. Collection(collectionId).Locations.Keys.Order(StringComparer.Ordinal)], cancellationToken);

    public Task<IReadOnlyList<CidrBlock>> ListCidrBlocksAsync(string collectionId, string? locationName = null,
        CancellationToken cancellationToken = default) =>
        ServeAsync("ListCidrBlocks", () => (IReadOnlyList<CidrBlock>)[.. Collection(collectionId).Locations
            .Where(l => locationName is null || l.Key == locationName).OrderBy(l => l.Key, StringComparer.Ordinal)
            .SelectMany(l => l.Value.Select(b => new CidrBlock(b, l.Key)))], cancellationToken);

    /// <summary>DeleteCidrCollection: "The collection must be empty before it can be deleted".</summary>
    public Task DeleteCidrCollectionAsync(string collectionId, CancellationToken cancellationToken = default) =>
        ServeAsync("DeleteCidrCollection", () =>
        {
            var (_, _, locations) = Collection(collectionId);
            if (locations.Count > 0 || UsedLocations(collectionId).Any())
                throw new Route53Exception("CidrCollectionInUseException", "This CIDR collection is in use, and isn't empty.",
                    HttpStatusCode.BadRequest, RequestId());
            _collections.Remove(collectionId);
            return true;
        }, cancellationToken);

    private (CidrCollection Collection, string CallerReference, Dictionary<string, List<string>> Locations) Collection(string id) =>
        _collections.TryGetValue(id, out var found) ? found
            : throw new NoSuchCidrCollectionException("The CIDR collection you specified, doesn't exist.", HttpStatusCode.NotFound,
                RequestId());

    private IEnumerable<string> UsedLocations(string collectionId) =>
        _zones.Values.SelectMany(z => z.Records.Records).Select(r => r.CidrRoutingConfig)
            .Where(c => c is not null && c.CollectionId == collectionId).Select(c => c!.LocationName);
}
