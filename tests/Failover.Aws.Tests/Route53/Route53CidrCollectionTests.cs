using Failover.Core.Route53;
using Failover.Service.Ports.Route53;

namespace Failover.Aws.Tests.Route53;

/// <summary>The client's CIDR collection operations against moto with the project's patches (which add the API).</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class Route53CidrCollectionTests(MotoFixture moto)
{
    [Fact]
    public async Task A_collection_is_created_changed_by_version_listed_used_by_a_record_and_deleted()
    {
        var client = Route53MotoClient.Create(moto);
        var name = $"c{Guid.NewGuid():N}"[..20];

        var created = await client.CreateCidrCollectionAsync(name, "ref-1");
        Assert.Equal((name, 1L), (created.Name, created.Version));
        Assert.Equal(created.Id, (await client.CreateCidrCollectionAsync(name, "ref-1")).Id);
        var duplicate =
            await Assert.ThrowsAsync<CidrCollectionAlreadyExistsException>(() => client.CreateCidrCollectionAsync(name, "ref-2"));
        Assert.Equal("CidrCollectionAlreadyExistsException", duplicate.Code);

        await client.ChangeCidrCollectionAsync(created.Id,
            [new("office", CidrChangeAction.Put, ["192.0.2.0/24", "2001:db8::/32"]), new("lab", CidrChangeAction.Put, ["198.51.100.0/24"])],
            expectedVersion: 1);
        var stale = await Assert.ThrowsAsync<CidrCollectionVersionMismatchException>(() =>
            client.ChangeCidrCollectionAsync(created.Id, [new("lab", CidrChangeAction.DeleteIfExists, ["198.51.100.0/24"])], 1));
        Assert.Equal("CidrCollectionVersionMismatchException", stale.Code);

        Assert.Equal(2, Assert.Single(await client.ListCidrCollectionsAsync(), c => c.Id == created.Id).Version);
        Assert.Equal(["lab", "office"], (await client.ListCidrLocationsAsync(created.Id)).Order());
        Assert.Equal([new CidrBlock("192.0.2.0/24", "office"), new CidrBlock("2001:db8::/32", "office")],
            await client.ListCidrBlocksAsync(created.Id, "office"));

        var zone = await Route53MotoClient.NewZoneAsync(client);
        var record = new ResourceRecordSet
        {
            Name = "ip." + zone.Name, Type = "A", SetIdentifier = "office", Ttl = 60, ResourceRecords = ["192.0.2.1"],
            CidrRoutingConfig = new CidrRoutingConfig(created.Id, "office"),
        };
        await client.ChangeResourceRecordSetsAsync(zone.Id, new ChangeBatch([new RecordChange(ChangeAction.Create, record)]));
        var listed = Assert.Single((await client.ListResourceRecordSetsAsync(zone.Id)).RecordSets, r => r.SetIdentifier == "office");
        Assert.True(record.SameAs(listed), $"listed as {listed}");
        var inUse = await Assert.ThrowsAsync<Route53Exception>(() => client.DeleteCidrCollectionAsync(created.Id));
        Assert.Equal("CidrCollectionInUseException", inUse.Code);

        await client.ChangeResourceRecordSetsAsync(zone.Id, new ChangeBatch([new RecordChange(ChangeAction.Delete, record)]));
        await client.ChangeCidrCollectionAsync(created.Id,
            [new("office", CidrChangeAction.DeleteIfExists, ["192.0.2.0/24", "2001:db8::/32"]),
                new("lab", CidrChangeAction.DeleteIfExists, ["198.51.100.0/24"])]);
        await client.DeleteCidrCollectionAsync(created.Id);
        Assert.DoesNotContain(await client.ListCidrCollectionsAsync(), c => c.Id == created.Id);
    }
}
