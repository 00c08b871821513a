using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.SQS;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Local;
using Failover.Local.Aws;
using Failover.Local.Edge;
using Failover.Local.Resources;

namespace Failover.EndToEnd.Tests.LocalStack;

[Collection(LocalStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class StartupTests(LocalStackFixture fixture)
{
    [Fact]
    public async Task The_AWS_CLI_lists_the_demo_zone_through_the_edge()
    {
        var result = await AwsCli.RunAsync(fixture.EdgeUrl, "route53", "list-hosted-zones", "--output", "json");

        Assert.True(result.ExitCode == 0, result.Error);
        var zones = JsonNode.Parse(result.Output)!["HostedZones"]!.AsArray();
        var zone = Assert.Single(zones, zone => zone!["Name"]!.GetValue<string>() == "example.com.");
        Assert.Equal("/hostedzone/" + fixture.ZoneId, zone!["Id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Health_names_the_endpoints_functions_and_resources()
    {
        using var http = new HttpClient();
        var health = JsonNode.Parse(await http.GetStringAsync(new Uri(fixture.EdgeUrl, LocalControlEndpoints.HealthPath)))!;

        Assert.Equal("ok", health["status"]!.GetValue<string>());
        Assert.Equal(fixture.EdgeUrl.ToString().TrimEnd('/'), health["edge"]!.GetValue<string>());
        Assert.Equal(fixture.Stack.MotoUrl.ToString().TrimEnd('/'), health["moto"]!.GetValue<string>());
        Assert.Contains("Echo", health["functions"]!.AsArray().Select(name => name!.GetValue<string>()));
        Assert.Equal(LocalResourceNames.ProgressTable, health["resources"]!["progressTable"]!.GetValue<string>());
        Assert.Equal(fixture.ZoneId, health["resources"]!["hostedZones"]!["example.com"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_progress_table_exists_as_the_progress_store_defines_it()
    {
        using var dynamo = new AmazonDynamoDBClient(LocalAccount.Credentials,
            new AmazonDynamoDBConfig { ServiceURL = fixture.EdgeUrl.ToString(), AuthenticationRegion = LocalAccount.Region });

        var table = (await dynamo.DescribeTableAsync(LocalResourceNames.ProgressTable)).Table;

        Assert.Equal([ProgressTable.PartitionKey, ProgressTable.SortKey], table.KeySchema.Select(key => key.AttributeName));
        Assert.Contains(table.GlobalSecondaryIndexes, index => index.IndexName == ProgressTable.ListingIndex);
    }

    [Fact]
    public async Task The_drift_queue_redrives_to_its_dead_letter_queue_after_three_receives()
    {
        using var sqs = new AmazonSQSClient(LocalAccount.Credentials,
            new AmazonSQSConfig { ServiceURL = fixture.EdgeUrl.ToString(), AuthenticationRegion = LocalAccount.Region });
        var url = (await sqs.GetQueueUrlAsync(LocalResourceNames.DriftQueue)).QueueUrl;
        var deadLetterUrl = (await sqs.GetQueueUrlAsync(LocalResourceNames.DriftDeadLetterQueue)).QueueUrl;

        var attributes = await sqs.GetQueueAttributesAsync(url, ["RedrivePolicy"]);
        var deadLetterArn = (await sqs.GetQueueAttributesAsync(deadLetterUrl, ["QueueArn"])).QueueARN;

        var redrive = JsonNode.Parse(attributes.Attributes["RedrivePolicy"])!;
        Assert.Equal(deadLetterArn, redrive["deadLetterTargetArn"]!.GetValue<string>());
        Assert.Equal("3", redrive["maxReceiveCount"]!.ToString());
    }

    [Fact]
    public async Task A_second_stack_on_the_same_moto_reuses_the_zone_and_resources()
    {
        await using var second = await Local.LocalStack.StartAsync(new LocalStackOptions
        {
            EdgePort = 0,
            MotoUrl = fixture.Stack.MotoUrl,
            StateMachineDirectory = Directory.CreateTempSubdirectory("failover-local-sm-").FullName,
            Zones = ["example.com", "second.example.org"],
        });

        Assert.False(second.OwnsMoto);
        Assert.Equal(fixture.ZoneId, second.Resources!.HostedZones["example.com"]);
        using var route53 = new Route53Wire(fixture.Stack.MotoUrl);
        var answer = await route53.SendAsync(HttpMethod.Get, "/2013-04-01/hostedzonesbyname?dnsname=example.com");
        var names = answer.Body!.Root!.Element(Route53Wire.Ns + "HostedZones")!.Elements()
            .Select(zone => zone.Element(Route53Wire.Ns + "Name")!.Value).ToList();
        Assert.Single(names, name => name == "example.com.");
        Assert.Contains("second.example.org", second.Resources.HostedZones.Keys);
    }

    [Fact]
    public async Task Invalid_options_are_refused_naming_each_setting()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Local.LocalStack.StartAsync(new LocalStackOptions
        {
            EdgePort = 70000,
            Zones = ["not a zone"],
            Realism = new() { Faults = new() { Rate = 2 } },
        }));

        Assert.Contains("edge port", error.Message);
        Assert.Contains("zone 'not a zone'", error.Message);
        Assert.Contains("faults.rate", error.Message);
    }
}
