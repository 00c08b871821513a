using System.Xml.Linq;
using Failover.Aws.Http;
using Failover.Core.Route53;
using Failover.Service.Ports.Route53;

namespace Failover.Aws.Route53;

public sealed partial class Route53Client : ICidrCollections
{
    /// <summary>Safe to repeat: the same name and caller reference answer with the collection the first request made.</summary>
    public async Task<CidrCollection> CreateCidrCollectionAsync(string name, string callerReference,
        CancellationToken cancellationToken = default)
    {
        var body = Route53Xml.Document("CreateCidrCollectionRequest", w =>
        {
            w.Element("Name", name);
            w.Element("CallerReference", callerReference);
        });
        var root = await SendAsync(Post("CreateCidrCollection", "/cidrcollection", body, safeToRepeat: true), cancellationToken)
            .ConfigureAwait(false);
        return ReadCollection(Required(root, "Collection"));
    }

    /// <summary>
    /// Not repeated when its answer is lost unless <paramref name="expectedVersion"/> is given: a repeat of an applied change
    /// then fails with a version mismatch instead of applying twice (PUT and DELETE_IF_EXISTS are idempotent anyway).
    /// </summary>
    public async Task<string> ChangeCidrCollectionAsync(string collectionId, IReadOnlyList<CidrCollectionChange> changes,
        long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var body = Route53Xml.Document("ChangeCidrCollectionRequest", w =>
        {
            // Member order of ChangeCidrCollectionRequest: CollectionVersion, then Changes.
            w.Element("CollectionVersion", expectedVersion);
            w.Start("Changes");
            foreach (var change in changes)
            {
                w.Start("CidrCollectionChange");
                w.Element("LocationName", change.LocationName);
                w.Element("Action", change.ActionName);
                w.Start("CidrList");
                foreach (var block in change.Blocks) w.Element("Cidr", block);
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        });
        var root = await SendAsync(
            Post("ChangeCidrCollection", $"/cidrcollection/{Route53Ids.Escape(collectionId)}", body,
                safeToRepeat: expectedVersion is not null),
            cancellationToken).ConfigureAwait(false);
        return Route53Ids.Bare(root.Required("Id"));
    }

    public async Task<IReadOnlyList<CidrCollection>> ListCidrCollectionsAsync(CancellationToken cancellationToken = default)
    {
        var collections = new List<CidrCollection>();
        string? next = null;
        do
        {
            var root = await SendAsync(Get("ListCidrCollections", "/cidrcollection" + Query(("nexttoken", next))), cancellationToken)
                .ConfigureAwait(false);
            collections.AddRange(root.Nodes("CidrCollections", "member").Concat(root.Nodes("CidrCollections", "CollectionSummary"))
                .Select(ReadCollection));
            next = root.Child("NextToken");
        }
        while (next is not null);
        return collections;
    }

    public async Task<IReadOnlyList<string>> ListCidrLocationsAsync(string collectionId, CancellationToken cancellationToken = default)
    {
        var locations = new List<string>();
        string? next = null;
        do
        {
            var path = $"/cidrcollection/{Route53Ids.Escape(collectionId)}" + Query(("nexttoken", next));
            var root = await SendAsync(Get("ListCidrLocations", path), cancellationToken).ConfigureAwait(false);
            locations.AddRange(root.Nodes("CidrLocations", "member").Concat(root.Nodes("CidrLocations", "LocationSummary"))
                .Select(l => l.Required("LocationName")));
            next = root.Child("NextToken");
        }
        while (next is not null);
        return locations;
    }

    public async Task<IReadOnlyList<CidrBlock>> ListCidrBlocksAsync(string collectionId, string? locationName = null,
        CancellationToken cancellationToken = default)
    {
        var blocks = new List<CidrBlock>();
        string? next = null;
        do
        {
            var path = $"/cidrcollection/{Route53Ids.Escape(collectionId)}/cidrblocks"
                + Query(("location", locationName), ("nexttoken", next));
            var root = await SendAsync(Get("ListCidrBlocks", path), cancellationToken).ConfigureAwait(false);
            blocks.AddRange(root.Nodes("CidrBlocks", "member").Concat(root.Nodes("CidrBlocks", "CidrBlockSummary"))
                .Select(b => new CidrBlock(b.Required("CidrBlock"), b.Required("LocationName"))));
            next = root.Child("NextToken");
        }
        while (next is not null);
        return blocks;
    }

    public async Task DeleteCidrCollectionAsync(string collectionId, CancellationToken cancellationToken = default)
    {
        var request = new AwsRequest("DeleteCidrCollection", HttpMethod.Delete,
            $"{ApiPrefix}/cidrcollection/{Route53Ids.Escape(collectionId)}") { SafeToRepeat = true };
        await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static CidrCollection ReadCollection(XElement element) =>
        new(element.Required("Id"), element.Required("Name"), element.Long("Version") ?? 1, element.Child("Arn"));
}
