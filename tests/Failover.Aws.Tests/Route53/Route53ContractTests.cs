using Failover.Core.Route53;
using Failover.Service.Ports.Route53;
using Failover.Testing.Route53;

namespace Failover.Aws.Tests.Route53;

/// <summary>
/// The Route 53 behaviour the service relies on, run against the wire client on moto and against
/// <see cref="InMemoryRoute53"/>, so the fake the service's unit tests use cannot drift from Route 53 as moto models it.
/// Only what both share is here; where moto is lenient (mixed routing policies, aliases to missing targets, a repeated
/// CallerReference), the fake follows the Route 53 API reference and its own comments cite it.
/// </summary>
public abstract class Route53Contract
{
    protected abstract Task<(IRoute53 Route53, HostedZone Zone)> NewZoneAsync();

    private static ResourceRecordSet A(string name, string value, string? set = null) =>
        new() { Name = name, Type = "A", Ttl = 60, ResourceRecords = [value], SetIdentifier = set, Weight = set is null ? null : 10 };

    private static ChangeBatch Batch(params (ChangeAction Action, ResourceRecordSet Record)[] changes) =>
        new([.. changes.Select(c => new RecordChange(c.Action, c.Record))]);

    private static async Task<List<string>> ListingAsync(IRoute53 route53, HostedZone zone)
    {
        var records = new List<string>();
        await foreach (var r in route53.ListAllResourceRecordSetsAsync(zone.Id))
            if (r.Type is not ("NS" or "SOA")) records.Add($"{r.Key} {string.Join(",", r.ResourceRecords)} w={r.Weight}");
        return records;
    }

    [Fact]
    public async Task A_batch_with_one_refused_change_applies_none_of_them()
    {
        var (route53, zone) = await NewZoneAsync();
        await route53.ChangeResourceRecordSetsAsync(zone.Id, Batch((ChangeAction.Create, A($"keep.{zone.Name}", "192.0.2.1"))));
        var before = await ListingAsync(route53, zone);

        // The DELETE names a record that is not there: the CREATE and UPSERT before it must not happen either.
        var refused = await Assert.ThrowsAnyAsync<Route53Exception>(() => route53.ChangeResourceRecordSetsAsync(zone.Id, Batch(
            (ChangeAction.Create, A($"new.{zone.Name}", "192.0.2.2")),
            (ChangeAction.Upsert, A($"keep.{zone.Name}", "192.0.2.9")),
            (ChangeAction.Delete, A($"absent.{zone.Name}", "192.0.2.3")))));

        Assert.False(refused.IsRetryable);
        Assert.Equal(before, await ListingAsync(route53, zone));
    }

    [Fact]
    public async Task Creating_a_record_set_that_exists_is_refused_and_leaves_it_as_it_was()
    {
        var (route53, zone) = await NewZoneAsync();
        var record = A($"www.{zone.Name}", "192.0.2.1");
        await route53.ChangeResourceRecordSetsAsync(zone.Id, Batch((ChangeAction.Create, record)));

        var refused = await Assert.ThrowsAnyAsync<Route53Exception>(() =>
            route53.ChangeResourceRecordSetsAsync(zone.Id, Batch((ChangeAction.Create, record))));

        Assert.False(refused.IsRetryable);
        Assert.Equal([$"www.{zone.Name} A 192.0.2.1 w="], await ListingAsync(route53, zone));
    }

    [Fact]
    public async Task Deleting_needs_the_values_the_record_set_has()
    {
        var (route53, zone) = await NewZoneAsync();
        await route53.ChangeResourceRecordSetsAsync(zone.Id, Batch((ChangeAction.Create, A($"www.{zone.Name}", "192.0.2.1"))));

        var refused = await Assert.ThrowsAnyAsync<Route53Exception>(() =>
            route53.ChangeResourceRecordSetsAsync(zone.Id, Batch((ChangeAction.Delete, A($"www.{zone.Name}", "192.0.2.7")))));
        var stillThere = await ListingAsync(route53, zone);
        await route53.ChangeResourceRecordSetsAsync(zone.Id, Batch((ChangeAction.Delete, A($"www.{zone.Name}", "192.0.2.1"))));

        Assert.False(refused.IsRetryable);
        Assert.Equal([$"www.{zone.Name} A 192.0.2.1 w="], stillThere);
        Assert.Empty(await ListingAsync(route53, zone));
    }

    [Fact]
    public async Task Upsert_creates_a_record_set_then_replaces_it_and_the_change_can_be_asked_about()
    {
        var (route53, zone) = await NewZoneAsync();

        await route53.ChangeResourceRecordSetsAsync(zone.Id, Batch((ChangeAction.Upsert, A($"www.{zone.Name}", "192.0.2.1", "a"))));
        var created = await ListingAsync(route53, zone);
        var change = await route53.ChangeResourceRecordSetsAsync(zone.Id,
            Batch((ChangeAction.Upsert, A($"www.{zone.Name}", "192.0.2.2", "a") with { Weight = 20 })));
        var status = await route53.GetChangeAsync(change.Id);

        Assert.Equal([$"www.{zone.Name} A [a] 192.0.2.1 w=10"], created);
        Assert.Equal([$"www.{zone.Name} A [a] 192.0.2.2 w=20"], await ListingAsync(route53, zone));
        Assert.Equal((change.Id, true), (status.Id, status.IsInSync));
    }

    [Fact]
    public async Task Listing_pages_in_route_53_order_and_each_page_starts_where_the_last_said()
    {
        var (route53, zone) = await NewZoneAsync();
        // Letters only: the documented order (labels reversed, trailing dot) and moto's agree for these names.
        var names = new[] { "b", "a.b", "c.b", "a", "zz", "m.a" }.Select(n => $"{n}.{zone.Name}").ToList();
        await route53.ChangeResourceRecordSetsAsync(zone.Id, Batch([.. names.Select(n => (ChangeAction.Create, A(n, "192.0.2.1")))]));
        await route53.ChangeResourceRecordSetsAsync(zone.Id, Batch((ChangeAction.Create, new ResourceRecordSet
        {
            Name = $"a.{zone.Name}", Type = "TXT", Ttl = 60, ResourceRecords = ["\"x\""],
        })));

        var pages = new List<IReadOnlyList<ResourceRecordSet>>();
        RecordSetPosition? position = null;
        do
        {
            var page = await route53.ListResourceRecordSetsAsync(zone.Id, position, maxItems: 3);
            pages.Add(page.RecordSets);
            position = page.Next;
        } while (position is not null);
        var atNames = await route53.ListResourceRecordSetsAtNamesAsync(zone.Id, [$"a.{zone.Name}", $"c.b.{zone.Name}"], pageSize: 2);

        var z = zone.Name;
        Assert.Equal([z, z, $"a.{z}", $"a.{z}", $"m.a.{z}", $"b.{z}", $"a.b.{z}", $"c.b.{z}", $"zz.{z}"],
            pages.SelectMany(p => p).Select(r => r.Name));
        Assert.Equal(["NS", "SOA", "A", "TXT"], pages.SelectMany(p => p).Take(4).Select(r => r.Type));
        Assert.Equal([3, 3, 3], pages.Select(p => p.Count));
        Assert.Equal([$"a.{z} A", $"a.{z} TXT", $"c.b.{z} A"], atNames.Select(r => r.Key.ToString()).Order());
    }

    [Fact]
    public async Task Health_checks_are_created_tagged_listed_and_deleted()
    {
        var (route53, _) = await NewZoneAsync();
        var config = new HealthCheckConfig { Type = "HTTP", IpAddress = "192.0.2.44", Port = 80, ResourcePath = "/health" };
        var reference = "contract." + Guid.NewGuid().ToString("N");

        var check = await route53.CreateHealthCheckAsync(reference, config);
        await route53.ChangeTagsForResourceAsync(check.Id, [new ResourceTag("failover:tree", "t"), new ResourceTag("Name", "x")]);
        await route53.ChangeTagsForResourceAsync(check.Id, [new ResourceTag("Name", "y")], ["failover:tree"]);
        var tags = await route53.ListTagsForResourcesAsync([check.Id]);
        var listed = new List<HealthCheck>();
        await foreach (var c in route53.ListAllHealthChecksAsync(pageSize: 1)) listed.Add(c);
        await route53.DeleteHealthCheckAsync(check.Id);

        Assert.Equal(["Name=y"], tags[check.Id].Select(t => $"{t.Key}={t.Value}"));
        var found = Assert.Single(listed, c => c.CallerReference == reference);
        Assert.Equal(check.Id, found.Id);
        Assert.True(found.Config.SameAs(config));
        await Assert.ThrowsAsync<NoSuchHealthCheckException>(() => route53.GetHealthCheckAsync(check.Id));
    }

    [Fact]
    public async Task A_zone_that_does_not_exist_is_NoSuchHostedZone()
    {
        var (route53, _) = await NewZoneAsync();

        await Assert.ThrowsAsync<NoSuchHostedZoneException>(() => route53.ListResourceRecordSetsAsync("ZNOSUCHZONE000000000"));
    }
}

/// <summary>The contract against the wire client on moto.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class MotoRoute53ContractTests(MotoFixture moto) : Route53Contract
{
    protected override async Task<(IRoute53 Route53, HostedZone Zone)> NewZoneAsync()
    {
        var client = Route53MotoClient.Create(moto);
        return (client, await Route53MotoClient.NewZoneAsync(client));
    }
}

/// <summary>The contract against the in-memory Route 53 of the service's unit tests.</summary>
[Trait("Category", "Unit")]
public sealed class InMemoryRoute53ContractTests : Route53Contract
{
    protected override Task<(IRoute53 Route53, HostedZone Zone)> NewZoneAsync()
    {
        var route53 = new InMemoryRoute53();
        return Task.FromResult<(IRoute53, HostedZone)>((route53, route53.AddZone("contract.example.com")));
    }
}
