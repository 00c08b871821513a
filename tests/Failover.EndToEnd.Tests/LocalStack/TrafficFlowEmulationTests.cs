using System.Text.Json.Nodes;
using System.Xml.Linq;
using Failover.Aws.Route53;
using Failover.Local.Aws;
using Failover.Service.Ports.Route53;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>
/// The Traffic Flow calls moto lacks, answered by the local stack in Route 53's shapes: our client over HTTP, the AWS CLI
/// (botocore's parser, an independent reader of the shapes) and the raw XML for the paging markers.
/// </summary>
[Collection(LocalStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class TrafficFlowEmulationTests(LocalStackFixture fixture) : IAsyncLifetime
{
    private static readonly XNamespace Ns = "https://route53.amazonaws.com/doc/2013-04-01/";
    private readonly Route53Client _route53 = new(
        new Route53ClientOptions { Endpoint = fixture.EdgeUrl, RequestsPerSecond = 1000, Burst = 1000 },
        credentials: LocalAccount.Credentials);

    public Task InitializeAsync() => fixture.ResetRealismAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Document => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "traffic-policy",
        "latency-weighted-failover.json"));

    private string ZoneId => fixture.ZoneId.Split('/').Last();

    [Fact]
    public async Task A_policy_reads_back_as_created_by_our_client_and_by_the_AWS_CLI()
    {
        var name = "policy-" + Guid.NewGuid().ToString("N")[..8];
        var created = await _route53.CreateTrafficPolicyAsync(name, Document, "from a test");

        Assert.Equal(1, created.Version);
        Assert.Equal("A", created.Type);
        var read = await _route53.GetTrafficPolicyAsync(created.Id, 1);
        Assert.Equal(created, read);
        Assert.Equal(Document, read.Document);

        var cli = await AwsCli.RunAsync(fixture.EdgeUrl, "route53", "get-traffic-policy", "--id", created.Id,
            "--traffic-policy-version", "1");
        Assert.True(cli.ExitCode == 0, cli.Error);
        var policy = JsonNode.Parse(cli.Output)!["TrafficPolicy"]!;
        Assert.Equal(name, policy["Name"]!.GetValue<string>());
        Assert.Equal("A", policy["Type"]!.GetValue<string>());
        Assert.Equal(Document, policy["Document"]!.GetValue<string>());

        var again = await Assert.ThrowsAnyAsync<Route53Exception>(() => _route53.CreateTrafficPolicyAsync(name, Document));
        Assert.Equal("TrafficPolicyAlreadyExists", again.Code);
        var missing = await Assert.ThrowsAnyAsync<Route53Exception>(() => _route53.GetTrafficPolicyAsync(created.Id, 2));
        Assert.Equal("NoSuchTrafficPolicy", missing.Code);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Policy_records_are_listed_by_policy_in_zone_name_and_type_order_across_pages()
    {
        var policy = await _route53.CreateTrafficPolicyAsync("records-" + Guid.NewGuid().ToString("N")[..8], Document);
        var other = await _route53.CreateTrafficPolicyAsync("other-" + Guid.NewGuid().ToString("N")[..8], Document);
        var names = new[] { "www", "api", "apex-like", "shop" }.Select(n => $"{n}-{policy.Id[..6]}.example.com").ToList();
        foreach (var name in names)
        {
            var instance = await _route53.CreateTrafficPolicyInstanceAsync(ZoneId, name, 60, policy.Id, 1);
            Assert.Equal(("Applied", name, ZoneId, "A"),
                (instance.State, instance.Name, instance.HostedZoneId, instance.TrafficPolicyType));
        }
        await _route53.CreateTrafficPolicyInstanceAsync(ZoneId, $"elsewhere-{policy.Id[..6]}.example.com", 30, other.Id, 1);

        var listed = await _route53.ListTrafficPolicyInstancesByPolicyAsync(policy.Id, 1);
        Assert.Equal(names.Order(StringComparer.Ordinal), listed.Select(i => i.Name));
        Assert.All(listed, i => Assert.Equal((60L, policy.Id, 1), (i.Ttl, i.TrafficPolicyId, i.TrafficPolicyVersion)));

        // Pages of two: the markers name the first record of the next page, and that page starts there.
        using var http = new HttpClient { BaseAddress = fixture.EdgeUrl };
        var first = XDocument.Parse(await http.GetStringAsync(
            $"/2013-04-01/trafficpolicyinstances/trafficpolicy?id={policy.Id}&version=1&maxitems=2")).Root!;
        Assert.Equal("true", first.Element(Ns + "IsTruncated")!.Value);
        Assert.Equal("2", first.Element(Ns + "MaxItems")!.Value);
        Assert.Equal(2, first.Element(Ns + "TrafficPolicyInstances")!.Elements().Count());
        var nameMarker = first.Element(Ns + "TrafficPolicyInstanceNameMarker")!.Value;
        Assert.Equal(listed[2].Name + ".", nameMarker);
        var second = XDocument.Parse(await http.GetStringAsync(
            $"/2013-04-01/trafficpolicyinstances/trafficpolicy?id={policy.Id}&version=1&maxitems=2" +
            $"&hostedzoneid={first.Element(Ns + "HostedZoneIdMarker")!.Value}&trafficpolicyinstancename={nameMarker}" +
            $"&trafficpolicyinstancetype={first.Element(Ns + "TrafficPolicyInstanceTypeMarker")!.Value}")).Root!;
        Assert.Equal("false", second.Element(Ns + "IsTruncated")!.Value);
        Assert.Equal([listed[2].Name + ".", listed[3].Name + "."],
            second.Descendants(Ns + "TrafficPolicyInstance").Select(i => i.Element(Ns + "Name")!.Value));

        var cli = await AwsCli.RunAsync(fixture.EdgeUrl, "route53", "list-traffic-policy-instances-by-policy",
            "--traffic-policy-id", policy.Id, "--traffic-policy-version", "1");
        Assert.True(cli.ExitCode == 0, cli.Error);
        var instances = JsonNode.Parse(cli.Output)!["TrafficPolicyInstances"]!.AsArray();
        Assert.Equal(names.Order(StringComparer.Ordinal).Select(n => n + "."), instances.Select(i => i!["Name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_policy_record_needs_a_zone_that_exists_a_known_policy_and_a_free_name()
    {
        var policy = await _route53.CreateTrafficPolicyAsync("errors-" + Guid.NewGuid().ToString("N")[..8], Document);
        var name = $"taken-{policy.Id[..6]}.example.com";
        await _route53.CreateTrafficPolicyInstanceAsync(ZoneId, name, 60, policy.Id, 1);

        var taken = await Assert.ThrowsAnyAsync<Route53Exception>(
            () => _route53.CreateTrafficPolicyInstanceAsync(ZoneId, name, 60, policy.Id, 1));
        Assert.Equal("TrafficPolicyInstanceAlreadyExists", taken.Code);
        var noZone = await Assert.ThrowsAnyAsync<Route53Exception>(
            () => _route53.CreateTrafficPolicyInstanceAsync("ZNOSUCHZONE123", name, 60, policy.Id, 1));
        Assert.Equal("NoSuchHostedZone", noZone.Code);
        var noPolicy = await Assert.ThrowsAnyAsync<Route53Exception>(
            () => _route53.CreateTrafficPolicyInstanceAsync(ZoneId, "x." + name, 60, policy.Id, 7));
        Assert.Equal("NoSuchTrafficPolicy", noPolicy.Code);
        var outside = await Assert.ThrowsAnyAsync<Route53Exception>(
            () => _route53.CreateTrafficPolicyInstanceAsync(ZoneId, "www.example.org", 60, policy.Id, 1));
        Assert.Equal("InvalidInput", outside.Code);
        var listing = await Assert.ThrowsAnyAsync<Route53Exception>(() => _route53.ListTrafficPolicyInstancesByPolicyAsync("nope", 1));
        Assert.Equal("NoSuchTrafficPolicy", listing.Code);
    }
}
