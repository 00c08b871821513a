using Failover.Core.Adoption;
using Failover.Core.Compilation;
using Failover.Core.Spec;
using Failover.Core.Tests.Spec;
using static Failover.Core.Tests.Adoption.ZoneFixtures;

namespace Failover.Core.Tests.Adoption;

/// <summary>
/// A zone a tree made, adopted under another name, compiles back to exactly the zone's records: every shape the spec
/// has (failover of weighted, latency of failover, geolocation with a default, multivalue, aliases to AWS resources).
/// </summary>
[Trait("Category", "Unit")]
public class ZoneAdopterRoundTripTests
{
    private const string Head = """
        "hostedZoneId": "Z0000000000000000000A", "zoneName": "example.com", "recordName": "app.example.com", "recordType": "A",
        "ttl": 60, "healthCheckDefaults": { "type": "HTTPS", "port": 443, "path": "/health" },
        """;

    public static TheoryData<string, string> Shapes() => new()
    {
        { "failover of weighted", $$"""
            { "name": "fw", {{Head}} "root": { "id": "root", "routing": "failover",
              "primary": { "id": "pool", "routing": "weighted", "children": [
                { "id": "a", "weight": 70, "endpoint": { "values": ["192.0.2.10"], "healthCheck": {} } },
                { "id": "b", "weight": 30, "endpoint": { "values": ["192.0.2.11"], "healthCheck": { "path": "/ready" } } } ] },
              "secondary": { "id": "sorry", "endpoint": { "values": ["198.51.100.9"], "ttl": 300 } } } }
            """ },
        { "latency of failover", $$"""
            { "name": "lf", {{Head}} "root": { "id": "root", "routing": "latency", "children": [
              { "id": "use1", "region": "us-east-1", "routing": "failover",
                "primary": { "id": "use1-main", "endpoint": { "values": ["192.0.2.20"], "healthCheck": {} } },
                "secondary": { "id": "use1-dr",
                  "endpoint": { "values": ["192.0.2.21"], "healthCheck": { "type": "TCP", "port": 8443 } } } },
              { "id": "euw1", "region": "eu-west-1", "endpoint": { "values": ["198.51.100.20"], "healthCheck": {} } } ] } }
            """ },
        { "geolocation with default", $$"""
            { "name": "geo", {{Head}} "root": { "id": "root", "routing": "geolocation", "children": [
              { "id": "eu", "location": { "continent": "EU" }, "endpoint": { "values": ["192.0.2.30"] } },
              { "id": "de", "location": { "country": "DE" }, "endpoint": { "values": ["192.0.2.31"] } },
              { "id": "ca", "location": { "country": "US", "subdivision": "CA" }, "endpoint": { "values": ["192.0.2.32"] } },
              { "id": "rest", "location": { "default": true }, "endpoint": { "values": ["192.0.2.33"] } } ] } }
            """ },
        { "multivalue", $$"""
            { "name": "mv", {{Head}} "root": { "id": "root", "routing": "multivalue", "children": [
              { "id": "m1", "endpoint": { "values": ["192.0.2.40"], "ttl": 30, "healthCheck": {} } },
              { "id": "m2", "endpoint": { "values": ["192.0.2.41"], "ttl": 30, "healthCheck": { "requestInterval": 10,
                "failureThreshold": 2 } } },
              { "id": "m3", "endpoint": { "values": ["192.0.2.42"], "ttl": 30 } } ] } }
            """ },
        { "aliases to ELB, S3 and CloudFront", $$"""
            { "name": "al", {{Head}} "root": { "id": "root", "routing": "failover",
              "primary": { "id": "lbs", "routing": "weighted", "children": [
                { "id": "alb", "weight": 1, "alias": { "dnsName": "my-alb-1234567890.us-east-1.elb.amazonaws.com",
                  "hostedZoneId": "Z35SXDOTRQ7X7K" } },
                { "id": "site", "weight": 0, "alias": { "dnsName": "s3-website-us-east-1.amazonaws.com",
                  "hostedZoneId": "Z3AQBSTGFYJSTF", "evaluateTargetHealth": false } } ] },
              "secondary": { "id": "cdn", "alias": { "dnsName": "d111111abcdef8.cloudfront.net", "hostedZoneId": "Z2FDTNDATAQYW2",
                "evaluateTargetHealth": false } } } }
            """ },
        { "rule and alias checks", $$"""
            { "name": "rc", {{Head}} "root": { "id": "root", "routing": "failover",
              "primary": { "id": "inner", "routing": "weighted", "healthCheck": { "type": "CLOUDWATCH_METRIC", "alarmName": "api-5xx",
                "alarmRegion": "us-east-1" }, "children": [
                { "id": "i1", "weight": 5, "endpoint": { "values": ["192.0.2.50"] } },
                { "id": "i2", "weight": 5, "endpoint": { "values": ["192.0.2.51"] } } ] },
              "secondary": { "id": "lb", "alias": { "dnsName": "my-alb-1234567890.us-east-1.elb.amazonaws.com",
                "hostedZoneId": "Z35SXDOTRQ7X7K" }, "healthCheck": { "type": "HTTPS", "fqdn": "status.example.org" } } } }
            """ },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Adopting_what_a_tree_made_compiles_back_to_the_same_records(string shape, string json)
    {
        var original = Parse(json);
        var zone = Materialise(original);
        var (adopted, result) = AdoptClean(zone, "app.example.com");

        SameRecords(zone.Records, Recompile(adopted));
        Assert.Equal(zone.Records.Count, result.Records.Count);
        Assert.True(original.Root.DescendantsAndSelf().Count() == adopted.Root.DescendantsAndSelf().Count(), shape);
        // Every check the tree made is taken over as settings, none by id.
        Assert.Equal(zone.HealthChecks.Select(h => h.Id).Order(), adopted.Adopt!.HealthChecks.Values.Order());
        Assert.DoesNotContain(adopted.Root.DescendantsAndSelf(), n => n.HealthCheckId is not null || n.Endpoint?.HealthCheckId is not null);
    }

    public static TheoryData<string> AllExamples() => new(Examples.All());

    /// <summary>Every example either comes back exactly or is refused with each error on a record, never approximated.</summary>
    [Theory]
    [MemberData(nameof(AllExamples))]
    public void Every_example_round_trips_or_names_the_records_it_cannot_say(string file)
    {
        var original = SpecLoader.Load(Examples.Read(file)).Spec;
        if (original is null) return;
        var zone = Materialise(original, original.ZoneName);
        var result = ZoneAdopter.Adopt(zone, new AdoptionRequest(original.Name, original.RecordName));
        if (result.Spec is null)
        {
            Assert.NotEmpty(result.Errors);
            Assert.All(result.Errors, e => Assert.NotNull(e.Record));
            return;
        }
        var (adopted, _) = AdoptClean(zone, original.RecordName, original.Name);
        SameRecords(zone.Records, Recompile(adopted));
        // A tree's own helper names are the default ones, so the spec needs none.
        Assert.All(adopted.Root.DescendantsAndSelf(), n => Assert.Null(n.HelperName));
    }

    [Fact]
    public void The_commonest_ttl_becomes_the_trees_and_the_others_stay_on_their_endpoints()
    {
        var zone = Materialise(Parse($$"""
            { "name": "t", {{Head.Replace("\"ttl\": 60", "\"ttl\": 120")}} "root": { "id": "root", "routing": "weighted", "children": [
              { "id": "a", "weight": 1, "endpoint": { "values": ["192.0.2.1"] } },
              { "id": "b", "weight": 1, "endpoint": { "values": ["192.0.2.2"] } },
              { "id": "c", "weight": 1, "endpoint": { "values": ["192.0.2.3"], "ttl": 120 } } ] } }
            """));
        var (adopted, _) = AdoptClean(zone, "app.example.com");
        Assert.Equal(120, adopted.Ttl);
        Assert.All(adopted.Root.Children, c => Assert.Null(c.Endpoint!.Ttl));
    }
}
