using System.Xml.Linq;
using Failover.Aws.Tests.Http;
using Failover.Core.Route53;
using Failover.Testing.Time;

namespace Failover.Aws.Tests.Route53;

/// <summary>What the client puts on the wire and how it pages, checked at a loopback server.</summary>
[Trait("Category", "EndToEnd")]
public sealed class Route53WireTests
{
    private static readonly XNamespace Ns = "https://route53.amazonaws.com/doc/2013-04-01/";

    [Fact]
    public async Task A_change_batch_is_posted_as_Route53_xml_signed_for_us_east_1()
    {
        await using var server = new LoopbackServer(Route53Answers.ChangeInfo());
        var client = LoopbackRoute53.Client(server.Url, new InstantTimeProvider());
        var batch = new ChangeBatch(
        [
            new RecordChange(ChangeAction.Upsert, new ResourceRecordSet
            {
                Name = "api.example.com", Type = "A", SetIdentifier = "primary", Failover = "PRIMARY",
                AliasTarget = new AliasTarget("Z2FDTNDATAQYW2", "d111111abcdef8.cloudfront.net", false),
            }),
            new RecordChange(ChangeAction.Delete, new ResourceRecordSet
            {
                Name = "old.example.com", Type = "A", SetIdentifier = "eu", Weight = 5, Ttl = 60,
                    ResourceRecords = ["192.0.2.1", "192.0.2.2"], HealthCheckId = "hc-1",
            }),
        ], "tree shop v2");

        await client.ChangeResourceRecordSetsAsync("/hostedzone/Z1D633PJN98FT9", batch);

        var request = Assert.Single(server.Received);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/2013-04-01/hostedzone/Z1D633PJN98FT9/rrset/", request.PathAndQuery);
        Assert.Contains("/us-east-1/route53/aws4_request", request.Headers["Authorization"]);
        var root = XDocument.Parse(request.Body).Root!;
        Assert.Equal(Ns + "ChangeResourceRecordSetsRequest", root.Name);
        var changeBatch = root.Element(Ns + "ChangeBatch")!;
        Assert.Equal("tree shop v2", changeBatch.Element(Ns + "Comment")!.Value);
        var changes = changeBatch.Element(Ns + "Changes")!.Elements(Ns + "Change").ToList();
        Assert.Equal(new[] { "UPSERT", "DELETE" }, changes.Select(c => c.Element(Ns + "Action")!.Value));
        var alias = changes[0].Element(Ns + "ResourceRecordSet")!;
        Assert.Equal("api.example.com.", alias.Element(Ns + "Name")!.Value);
        Assert.Null(alias.Element(Ns + "TTL"));
        Assert.Equal("d111111abcdef8.cloudfront.net.", alias.Element(Ns + "AliasTarget")!.Element(Ns + "DNSName")!.Value);
        Assert.Equal("false", alias.Element(Ns + "AliasTarget")!.Element(Ns + "EvaluateTargetHealth")!.Value);
        var weighted = changes[1].Element(Ns + "ResourceRecordSet")!;
        Assert.Equal(
            new[] { "Name", "Type", "SetIdentifier", "Weight", "TTL", "ResourceRecords", "HealthCheckId" },
            weighted.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(new[] { "192.0.2.1", "192.0.2.2" }, weighted.Descendants(Ns + "Value").Select(v => v.Value));
    }

    [Fact]
    public async Task Health_checks_are_paged_with_the_marker_Route53_returned()
    {
        await using var server = new LoopbackServer(
            Route53Answers.HealthCheckPage("", "hc-3", "hc-1", "hc-2"),
            Route53Answers.HealthCheckPage("hc-3", null, "hc-3"));
        var client = LoopbackRoute53.Client(server.Url, new InstantTimeProvider());

        var ids = new List<string>();
        await foreach (var check in client.ListAllHealthChecksAsync(pageSize: 2)) ids.Add(check.Id);

        Assert.Equal(new[] { "hc-1", "hc-2", "hc-3" }, ids);
        Assert.Equal(new[] { "/2013-04-01/healthcheck?maxitems=2", "/2013-04-01/healthcheck?marker=hc-3&maxitems=2" },
            server.Received.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Hosted_zones_by_name_page_on_the_next_name_and_id()
    {
        const string ns = "https://route53.amazonaws.com/doc/2013-04-01/";
        await using var server = new LoopbackServer(new CannedAnswer(200,
            $"""<?xml version="1.0"?><ListHostedZonesByNameResponse xmlns="{ns}"><HostedZones><HostedZone><Id>/hostedzone/Z111</Id>""" +
            $"""<Name>a.example.com.</Name><CallerReference>r1</CallerReference><Config><Comment>first</Comment><PrivateZone>""" +
            $"""false</PrivateZone></Config><ResourceRecordSetCount>4</ResourceRecordSetCount></HostedZone></HostedZones><DNSName>""" +
            $"""a.example.com.</DNSName><IsTruncated>true</IsTruncated><NextDNSName>b.example.com.</NextDNSName><NextHostedZoneId>""" +
            $"""Z222</NextHostedZoneId><MaxItems>1</MaxItems></ListHostedZonesByNameResponse>"""));
        var client = LoopbackRoute53.Client(server.Url, new InstantTimeProvider());

        var page = await client.ListHostedZonesByNameAsync("a.example.com", maxItems: 1);

        var zone = Assert.Single(page.HostedZones);
        Assert.Equal(("Z111", "a.example.com", "first", 4L), (zone.Id, zone.Name, zone.Comment, zone.RecordCount!.Value));
        Assert.Equal(("b.example.com", "Z222"), (page.NextDnsName, page.NextHostedZoneId));
        Assert.Equal("/2013-04-01/hostedzonesbyname?dnsname=a.example.com.&maxitems=1", Assert.Single(server.Received).PathAndQuery);
    }

    [Fact]
    public async Task Record_listing_sends_the_start_position_and_reads_wildcards_and_the_next_identifier()
    {
        const string ns = "https://route53.amazonaws.com/doc/2013-04-01/";
        await using var server = new LoopbackServer(new CannedAnswer(200,
            $"""<?xml version="1.0"?><ListResourceRecordSetsResponse xmlns="{ns}"><ResourceRecordSets><ResourceRecordSet><Name>""" +
            $"""\052.API.example.com.</Name><Type>A</Type><SetIdentifier>eu</SetIdentifier><Weight>1</Weight><TTL>60</TTL>""" +
            $"""<ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>""" +
            $"""</ResourceRecordSets><IsTruncated>true</IsTruncated><NextRecordName>\052.api.example.com.</NextRecordName>""" +
            $"""<NextRecordType>A</NextRecordType><NextRecordIdentifier>us</NextRecordIdentifier><MaxItems>1</MaxItems>""" +
            $"""</ListResourceRecordSetsResponse>"""));
        var client = LoopbackRoute53.Client(server.Url, new InstantTimeProvider());

        var page =
            await client.ListResourceRecordSetsAsync("Z1",
            new Failover.Service.Ports.Route53.RecordSetPosition("*.api.example.com", "A", "e u"), maxItems: 1);

        Assert.Equal("*.api.example.com", Assert.Single(page.RecordSets).Name);
        Assert.Equal(new Failover.Service.Ports.Route53.RecordSetPosition("*.api.example.com", "A", "us"), page.Next);
        Assert.Equal("/2013-04-01/hostedzone/Z1/rrset?name=%2A.api.example.com.&type=A&identifier=e%20u&maxitems=1",
            Assert.Single(server.Received).PathAndQuery);
    }
}
