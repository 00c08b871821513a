using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Core.Route53;

namespace Failover.Aws.Tests.Route53;

[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class Route53RecordSetTests(MotoFixture moto)
{
    [Fact]
    public async Task Records_of_every_routing_policy_read_back_as_they_were_written()
    {
        var client = Route53MotoClient.Create(moto);
        var zone = await Route53MotoClient.NewZoneAsync(client);
        var check =
            await client.CreateHealthCheckAsync(Guid.NewGuid().ToString(),
            new HealthCheckConfig { Type = "TCP", IpAddress = "192.0.2.10", Port = 443 });
        var z = zone.Name;
        var written = new[]
        {
            new ResourceRecordSet { Name = $"simple.{z}", Type = "TXT", Ttl = 300, ResourceRecords = ["\"hello world\""] },
            new ResourceRecordSet { Name = $"weighted.{z}", Type = "A", SetIdentifier = "blue", Weight = 10, Ttl = 60,
                ResourceRecords = ["192.0.2.1", "192.0.2.2"], HealthCheckId = check.Id },
            new ResourceRecordSet { Name = $"weighted.{z}", Type = "A", SetIdentifier = "green", Weight = 0, Ttl = 60,
                ResourceRecords = ["192.0.2.3"] },
            new ResourceRecordSet { Name = $"latency.{z}", Type = "CNAME", SetIdentifier = "eu", Region = "eu-west-1", Ttl = 60,
                ResourceRecords = ["eu.origin.test"] },
            new ResourceRecordSet { Name = $"geo.{z}", Type = "A", SetIdentifier = "default",
                GeoLocation = new GeoLocation(null, "*", null), Ttl = 60, ResourceRecords = ["192.0.2.4"] },
            new ResourceRecordSet { Name = $"geo.{z}", Type = "A", SetIdentifier = "us-wa",
                GeoLocation = new GeoLocation(null, "US", "WA"), Ttl = 60, ResourceRecords = ["192.0.2.5"] },
            new ResourceRecordSet { Name = $"failover.{z}", Type = "A", SetIdentifier = "primary", Failover = "PRIMARY",
                Ttl = 60, ResourceRecords = ["192.0.2.6"], HealthCheckId = check.Id },
            new ResourceRecordSet { Name = $"multi.{z}", Type = "A", SetIdentifier = "m1", MultiValueAnswer = true, Ttl = 60,
                ResourceRecords = ["192.0.2.7"] },
            new ResourceRecordSet { Name = $"alias.{z}", Type = "A", SetIdentifier = "secondary", Failover = "SECONDARY",
                AliasTarget = new AliasTarget(zone.Id, $"weighted.{z}", true) },
            new ResourceRecordSet { Name = $"*.wild.{z}", Type = "A", Ttl = 60, ResourceRecords = ["192.0.2.8"] },
        };
        await client.ChangeResourceRecordSetsAsync(zone.Id,
            new ChangeBatch(written.Select(r => new RecordChange(ChangeAction.Create, r)).ToList()));

        var read = new List<ResourceRecordSet>();
        await foreach (var record in client.ListAllResourceRecordSetsAsync(zone.Id)) read.Add(record);

        foreach (var record in written)
        {
            var match = read.SingleOrDefault(r => r.Key == record.Key);
            Assert.True(match is not null, $"{record.Key} was not listed; listed: {string.Join(", ", read.Select(r => r.Key))}");
            Assert.True(record.SameAs(match), $"{record.Key} came back as {match}");
        }
        Assert.Contains(read, r => r.Type == "SOA" && r.Name == z);
    }

    [Fact]
    public async Task Listing_a_zone_of_more_than_300_records_pages_through_all_of_them_in_order()
    {
        var client = Route53MotoClient.Create(moto);
        var zone = await Route53MotoClient.NewZoneAsync(client);
        var records = Enumerable.Range(0, 320)
            .Select(i =>
                new ResourceRecordSet { Name = $"host{i:D3}.{zone.Name}", Type = "A", Ttl = 60,
                ResourceRecords = [$"10.0.{i / 256}.{i % 256}"] })
            .ToList();
        foreach (var batch in records.Chunk(100))
            await client.ChangeResourceRecordSetsAsync(zone.Id,
                new ChangeBatch(batch.Select(r => new RecordChange(ChangeAction.Create, r)).ToList()));

        var first = await client.ListResourceRecordSetsAsync(zone.Id, maxItems: 50);
        Assert.Equal(50, first.RecordSets.Count);
        Assert.True(first.IsTruncated);

        var pages = 0;
        var all = new List<ResourceRecordSet>();
        RecordSetPosition? position = null;
        do
        {
            var page = await client.ListResourceRecordSetsAsync(zone.Id, position, maxItems: 50);
            all.AddRange(page.RecordSets);
            position = page.Next;
            pages++;
        } while (position is not null);

        Assert.Equal(322, all.Count); // the 320 hosts, the zone's NS and SOA
        Assert.Equal(all.Count, all.Select(r => r.Key).Distinct().Count());
        Assert.Equal(7, pages);
        Assert.All(records, r => Assert.Contains(all, a => a.Key == r.Key));
        var streamed = new List<ResourceRecordSet>();
        await foreach (var record in client.ListAllResourceRecordSetsAsync(zone.Id)) streamed.Add(record);
        Assert.Equal(all.Select(r => r.Key), streamed.Select(r => r.Key));
    }

    [Fact]
    public async Task Records_at_a_set_of_names_are_read_from_the_stretches_where_they_are()
    {
        var counter = new CountingHandler();
        var client = Route53MotoClient.Create(moto, new HttpClient(counter));
        var zone = await Route53MotoClient.NewZoneAsync(client);
        var z = zone.Name;
        // A tree's names under one parent, plus unrelated records around them.
        var tree = new[] { $"api.{z}", $"api-primary.{z}", $"api-secondary.{z}", $"eu.api.{z}", $"us.api.{z}" };
        var others = Enumerable.Range(0, 40).Select(i => $"other{i:D2}.{z}").Append($"zzz.{z}").Append($"aaa.{z}");
        var all = tree.Concat(others)
            .SelectMany(n => new[]
            {
                new ResourceRecordSet { Name = n, Type = "A", SetIdentifier = "one", Weight = 1, Ttl = 60,
                    ResourceRecords = ["192.0.2.1"] },
                new ResourceRecordSet { Name = n, Type = "A", SetIdentifier = "two", Weight = 1, Ttl = 60,
                    ResourceRecords = ["192.0.2.2"] },
                new ResourceRecordSet { Name = n, Type = "TXT", Ttl = 60, ResourceRecords = ["\"owner\""] },
            }).ToList();
        await client.ChangeResourceRecordSetsAsync(zone.Id,
            new ChangeBatch(all.Select(r => new RecordChange(ChangeAction.Create, r)).ToList()));
        var wanted = tree.Append($"absent.{z}").Append($"absent.api.{z}").Append($"API.{z}.").ToList();

        var before = counter.Count;
        var found = await client.ListResourceRecordSetsAtNamesAsync(zone.Id, wanted, pageSize: 8);
        var requests = counter.Count - before;

        var expected = all.Where(r => tree.Contains(r.Name)).Select(r => r.Key).OrderBy(k => k.ToString()).ToList();
        Assert.Equal(expected, found.Select(r => r.Key).OrderBy(k => k.ToString()).ToList());
        // 15 records at 5 names in pages of 8: reading name by name would take at least 5 + 2 requests.
        Assert.True(requests < 7, $"{requests} requests");
    }

    [Fact]
    public async Task A_record_still_pointing_at_a_health_check_placeholder_is_refused_before_sending()
    {
        var client = Route53MotoClient.Create(moto);
        var record =
            new ResourceRecordSet { Name = "a.example.com", Type = "A", Ttl = 60, ResourceRecords = ["192.0.2.1"],
            HealthCheckId = "{{healthcheck:primary}}" };
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.ChangeResourceRecordSetsAsync("ZANY", new ChangeBatch([new RecordChange(ChangeAction.Create, record)])));
        Assert.Contains("{{healthcheck:primary}}", error.Message);
        Assert.Contains("a.example.com A", error.Message);
    }
}
