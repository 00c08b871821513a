using System.Text.Json.Nodes;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>
/// The local stack answers the AWS CLI as Route 53 does for the routing fields moto 5.2.1 drops and the CIDR collection API
/// it lacks (src/Local.Moto/Patches/sitecustomize.py): GeoProximityLocation and CidrRoutingConfig round-trip; a CIDR
/// collection is created idempotently by name and caller reference, versioned, listed, checked against Route 53's limits
/// (IPv4 /1–/24, IPv6 /1–/48: Developer Guide, IP-based routing) and deleted only when empty and unused.
/// </summary>
[Collection(LocalStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class RoutingFieldsRealismTests(LocalStackFixture fixture)
{
    [Fact]
    public async Task A_CIDR_collection_and_the_records_that_use_it_round_trip_with_Route_53s_checks()
    {
        var name = $"rt-{Guid.NewGuid():N}"[..20];
        var collection = (await JsonAsync("create-cidr-collection", "--name", name, "--caller-reference", "ref-1"))["Collection"]!;
        var id = collection["Id"]!.GetValue<string>();
        Assert.Equal(1, collection["Version"]!.GetValue<int>());
        var again = await JsonAsync("create-cidr-collection", "--name", name, "--caller-reference", "ref-1");
        Assert.Equal(id, again["Collection"]!["Id"]!.GetValue<string>());
        Assert.Contains("CidrCollectionAlreadyExistsException",
            (await RunAsync("create-cidr-collection", "--name", name, "--caller-reference", "ref-2")).Error);

        var put = """[{"LocationName":"office","Action":"PUT","CidrList":["192.0.2.0/24","2001:db8::/32"]}]""";
        await JsonAsync("change-cidr-collection", "--id", id, "--collection-version", "1", "--changes", put);
        Assert.Contains("CidrCollectionVersionMismatchException",
            (await RunAsync("change-cidr-collection", "--id", id, "--collection-version", "1", "--changes", put)).Error);
        Assert.Contains("InvalidInput", (await RunAsync("change-cidr-collection", "--id", id, "--changes",
            """[{"LocationName":"office","Action":"PUT","CidrList":["198.51.100.0/25"]}]""")).Error);
        Assert.Equal("office", (await JsonAsync("list-cidr-locations", "--collection-id", id))["CidrLocations"]![0]!["LocationName"]!
            .GetValue<string>());
        Assert.Equal(2, (await JsonAsync("list-cidr-blocks", "--collection-id", id))["CidrBlocks"]!.AsArray().Count);

        var record = new JsonObject
        {
            ["Name"] = $"{name}.example.com", ["Type"] = "A", ["SetIdentifier"] = "office", ["TTL"] = 60,
            ["ResourceRecords"] = new JsonArray(new JsonObject { ["Value"] = "192.0.2.1" }),
            ["CidrRoutingConfig"] = new JsonObject { ["CollectionId"] = id, ["LocationName"] = "office" },
        };
        var geo = new JsonObject
        {
            ["Name"] = $"geo-{name}.example.com", ["Type"] = "A", ["SetIdentifier"] = "paris", ["TTL"] = 60,
            ["ResourceRecords"] = new JsonArray(new JsonObject { ["Value"] = "192.0.2.2" }),
            ["GeoProximityLocation"] = new JsonObject
            {
                ["Coordinates"] = new JsonObject { ["Latitude"] = "48.86", ["Longitude"] = "2.35" }, ["Bias"] = -10,
            },
        };
        await ChangeAsync("CREATE", record, geo);
        var listed = (await JsonAsync("list-resource-record-sets", "--hosted-zone-id", fixture.ZoneId))["ResourceRecordSets"]!.AsArray();
        Assert.Equal(record["CidrRoutingConfig"]!.ToJsonString(),
            listed.Single(r => r!["Name"]!.GetValue<string>() == $"{name}.example.com.")!["CidrRoutingConfig"]!.ToJsonString());
        Assert.Equal(geo["GeoProximityLocation"]!.ToJsonString(),
            listed.Single(r => r!["Name"]!.GetValue<string>() == $"geo-{name}.example.com.")!["GeoProximityLocation"]!.ToJsonString());

        // A record names a location of the collection, and a collection in use cannot lose it or be deleted.
        var elsewhere = record.DeepClone();
        elsewhere["SetIdentifier"] = "nowhere";
        elsewhere["CidrRoutingConfig"]!["LocationName"] = "nowhere";
        Assert.Contains("InvalidChangeBatch", (await ChangeRawAsync("CREATE", elsewhere)).Error);
        Assert.Contains("CidrCollectionInUseException", (await RunAsync("delete-cidr-collection", "--id", id)).Error);
        var removeAll = """[{"LocationName":"office","Action":"DELETE_IF_EXISTS","CidrList":["192.0.2.0/24","2001:db8::/32"]}]""";
        Assert.Contains("CidrBlockInUseException", (await RunAsync("change-cidr-collection", "--id", id, "--changes", removeAll)).Error);

        await ChangeAsync("DELETE", record, geo);
        await JsonAsync("change-cidr-collection", "--id", id, "--changes", removeAll);
        Assert.Equal(0, (await RunAsync("delete-cidr-collection", "--id", id)).ExitCode);
        Assert.DoesNotContain((await JsonAsync("list-cidr-collections"))["CidrCollections"]!.AsArray(),
            c => c!["Id"]!.GetValue<string>() == id);
    }

    private async Task ChangeAsync(string action, params JsonNode[] records)
    {
        var result = await ChangeRawAsync(action, records);
        Assert.True(result.ExitCode == 0, result.Error);
    }

    private Task<AwsCli.Result> ChangeRawAsync(string action, params JsonNode[] records) =>
        RunAsync("change-resource-record-sets", "--hosted-zone-id", fixture.ZoneId, "--change-batch",
            new JsonObject
            {
                ["Changes"] = new JsonArray(records.Select(r =>
                    (JsonNode)new JsonObject { ["Action"] = action, ["ResourceRecordSet"] = r.DeepClone() }).ToArray()),
            }.ToJsonString());

    private async Task<JsonNode> JsonAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"aws route53 {string.Join(' ', args)}: {result.Error}");
        return JsonNode.Parse(result.Output.Length == 0 ? "{}" : result.Output)!;
    }

    private Task<AwsCli.Result> RunAsync(params string[] args) =>
        AwsCli.RunAsync(fixture.EdgeUrl, ["route53", .. args, "--output", "json"]);
}
