using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Core.Route53;

namespace Failover.Aws.Tests.Route53;

[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class Route53ZonesAndChangesTests(MotoFixture moto)
{
    [Fact]
    public async Task A_created_zone_is_found_by_id_and_by_name()
    {
        var client = Route53MotoClient.Create(moto);
        var name = $"zone-{Guid.NewGuid():N}"[..16] + ".test";
        var created = await client.CreateHostedZoneAsync(name, Guid.NewGuid().ToString(), "made by a test");

        Assert.Equal(name, created.HostedZone.Name);
        Assert.DoesNotContain("/", created.HostedZone.Id);
        Assert.NotEmpty(created.NameServers);

        var read = await client.GetHostedZoneAsync("/hostedzone/" + created.HostedZone.Id);
        Assert.Equal(created.HostedZone.Id, read.Id);
        Assert.Equal(name, read.Name);
        Assert.Equal("made by a test", read.Comment);

        var page = await client.ListHostedZonesByNameAsync(name, maxItems: 1);
        Assert.Equal(created.HostedZone.Id, Assert.Single(page.HostedZones).Id);
        var found = await client.FindHostedZonesAsync(name + ".");
        Assert.Equal(created.HostedZone.Id, Assert.Single(found).Id);
        Assert.False(found[0].PrivateZone);
        Assert.Empty(read.Vpcs);
    }

    [Fact]
    public async Task A_private_zone_beside_a_public_one_of_the_same_name_is_found_with_its_VPC()
    {
        var client = Route53MotoClient.Create(moto);
        var name = $"split-{Guid.NewGuid():N}"[..16] + ".test";
        var vpc = new ZoneVpc("us-east-1", "vpc-0a1b2c3d4e5f60718");
        var publicZone = await client.CreateHostedZoneAsync(name, Guid.NewGuid().ToString());
        var privateZone = await client.CreateHostedZoneAsync(name, Guid.NewGuid().ToString(), "inside", vpc: vpc);

        Assert.True(privateZone.HostedZone.PrivateZone);
        Assert.Equal(vpc, Assert.Single(privateZone.HostedZone.Vpcs));
        var read = await client.GetHostedZoneAsync(privateZone.HostedZone.Id);
        Assert.True(read.PrivateZone);
        Assert.Equal("inside", read.Comment);
        Assert.Equal(vpc, Assert.Single(read.Vpcs));

        var found = await client.FindHostedZonesAsync(name);
        Assert.Equal(2, found.Count);
        Assert.Equal(publicZone.HostedZone.Id, Assert.Single(found, z => !z.PrivateZone).Id);
        Assert.Equal(privateZone.HostedZone.Id, Assert.Single(found, z => z.PrivateZone).Id);
    }

    [Fact]
    public async Task A_change_returns_its_info_and_GetChange_finds_it()
    {
        var client = Route53MotoClient.Create(moto);
        var zone = await Route53MotoClient.NewZoneAsync(client);
        var record = new ResourceRecordSet { Name = "www." + zone.Name, Type = "A", Ttl = 60, ResourceRecords = ["192.0.2.1"] };

        var change =
            await client.ChangeResourceRecordSetsAsync(zone.Id, new ChangeBatch([new RecordChange(ChangeAction.Create, record)], "first"));
        Assert.DoesNotContain("/", change.Id);
        Assert.Contains(change.Status, new[] { "PENDING", "INSYNC" });

        var again = await client.GetChangeAsync(change.Id);
        Assert.Equal(change.Id, again.Id);
        Assert.True(again.IsInSync); // moto applies changes at once
    }

    [Fact]
    public async Task Missing_zone_is_NoSuchHostedZone()
    {
        var client = Route53MotoClient.Create(moto);
        var error = await Assert.ThrowsAsync<NoSuchHostedZoneException>(() => client.GetHostedZoneAsync("ZNOSUCHZONE123"));
        Assert.Equal("NoSuchHostedZone", error.Code);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
        Assert.False(error.IsRetryable);

        var listing = await Assert.ThrowsAsync<NoSuchHostedZoneException>(() => client.ListResourceRecordSetsAsync("ZNOSUCHZONE123"));
        Assert.Equal("NoSuchHostedZone", listing.Code);
    }

    [Fact]
    public async Task A_record_outside_the_zone_is_an_InvalidChangeBatch_with_Route53s_message()
    {
        var client = Route53MotoClient.Create(moto);
        var zone = await Route53MotoClient.NewZoneAsync(client);
        var outside = new ResourceRecordSet { Name = "www.elsewhere.org", Type = "A", Ttl = 60, ResourceRecords = ["192.0.2.1"] };

        var error = await Assert.ThrowsAsync<InvalidChangeBatchException>(() =>
            client.ChangeResourceRecordSetsAsync(zone.Id, new ChangeBatch([new RecordChange(ChangeAction.Create, outside)])));
        Assert.Contains("www.elsewhere.org", Assert.Single(error.Messages));
    }
}
