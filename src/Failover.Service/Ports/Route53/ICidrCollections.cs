using Failover.Core.Route53;

namespace Failover.Service.Ports.Route53;

/// <summary>
/// Route 53's CIDR collections, which IP-based records name (API reference: CreateCidrCollection, ChangeCidrCollection,
/// ListCidrCollections, ListCidrLocations, ListCidrBlocks, DeleteCidrCollection).
/// </summary>
public interface ICidrCollections
{
    /// <summary>Creates a collection; the same name and caller reference again answer with the collection it made.</summary>
    Task<CidrCollection> CreateCidrCollectionAsync(string name, string callerReference, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="changes"/> in one transaction; with <paramref name="expectedVersion"/>, only if the collection
    /// is still at that version (CidrCollectionVersionMismatchException otherwise). Answers the change id.
    /// </summary>
    Task<string> ChangeCidrCollectionAsync(string collectionId, IReadOnlyList<CidrCollectionChange> changes, long? expectedVersion = null,
        CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CidrCollection>> ListCidrCollectionsAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> ListCidrLocationsAsync(string collectionId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CidrBlock>> ListCidrBlocksAsync(string collectionId, string? locationName = null,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes an empty collection no record uses (CidrCollectionInUseException otherwise).</summary>
    Task DeleteCidrCollectionAsync(string collectionId, CancellationToken cancellationToken = default);
}

/// <summary>A CIDR collection; <see cref="Version"/> starts at 1 and grows by 1 with each change (API reference, CidrCollection).</summary>
public sealed record CidrCollection(string Id, string Name, long Version, string? Arn = null);

/// <summary>One block of a collection and the location it belongs to (API reference, CidrBlockSummary).</summary>
public sealed record CidrBlock(string Block, string LocationName);
