using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Failover.EndToEnd.Tests.Workflow;

/// <summary>
/// A geoproximity tree on the local stack: validate, plan (text and the AWS CLI's JSON shapes), apply through the workflow,
/// read back by the AWS CLI with every GeoProximityLocation as sent, drift reported and repaired after an out-of-band change
/// of a bias, simulate, tear down.
/// </summary>
[Collection(RoutingStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class GeoproximityLifecycleTests(WorkflowStackFixture stack, ITestOutputHelper log)
{
    private readonly WorkflowTestSupport _support = new(stack, log);

    [Fact]
    public async Task A_geoproximity_tree_goes_from_validate_to_teardown()
    {
        var (path, spec) = _support.WriteSpec("geoproximity.json", "geo-life", json => json["driftPolicy"] = "repair");

        Assert.Equal(0, (await _support.OfflineCliAsync("validate", path)).Code);
        var plan = await _support.CliAsync("plan", path);
        Assert.True(plan.Code == 0, plan.Error);
        Assert.Contains("geoproximity us-east-1, bias 25", plan.Out);
        Assert.Contains("geoproximity -33.87, 151.21, bias 0", plan.Out);
        var planJson = await _support.CliAsync("plan", path, "--json");
        Assert.Contains("\"LocalZoneGroup\": \"us-east-1-bos-1\"", planJson.Out);

        var applied = await _support.CliAsync("apply", path, "--yes");
        Assert.True(applied.Code == 0, applied.Out + applied.Error);
        Assert.Contains("SUCCEEDED", applied.Out);

        var virginia = await RecordAsync(spec.RecordName, "virginia");
        Assert.Equal("""{"AWSRegion":"us-east-1","Bias":25}""", Compact(virginia.GetProperty("GeoProximityLocation")));
        var sydney = await RecordAsync(spec.RecordName, "sydney-dc");
        Assert.Equal("""{"Coordinates":{"Latitude":"-33.87","Longitude":"151.21"}}""",
            Compact(sydney.GetProperty("GeoProximityLocation")));
        var clean = await _support.CliAsync("drift", spec.Name, "--check", "--direct", "--detailed-exitcode");
        Assert.True(clean.Code == 0, clean.Out + clean.Error);

        // Someone halves the bias by hand: drift names the field; the tree's repair policy puts it back.
        var changed = JsonNode.Parse(virginia.GetRawText())!;
        changed["GeoProximityLocation"]!["Bias"] = 5;
        await _support.AwsJsonAsync("route53", "change-resource-record-sets", "--hosted-zone-id", spec.HostedZoneId, "--change-batch",
            new JsonObject { ["Changes"] = new JsonArray(new JsonObject { ["Action"] = "UPSERT", ["ResourceRecordSet"] = changed }) }
                .ToJsonString());
        var drift = await _support.CliAsync("drift", spec.Name, "--check", "--direct", "--json");
        Assert.Contains("geoProximityLocation.bias", drift.Out);
        var repaired = await RecordAsync(spec.RecordName, "virginia");
        Assert.Equal(25, repaired.GetProperty("GeoProximityLocation").GetProperty("Bias").GetInt32());
        Assert.Equal(0, (await _support.CliAsync("drift", spec.Name, "--check", "--direct", "--detailed-exitcode")).Code);

        var simulated = await _support.OfflineCliAsync("simulate", path, "--location", "FR");
        Assert.Contains("frankfurt", simulated.Out);
        var failedOver = await _support.OfflineCliAsync("simulate", path, "--coordinates", "50.11,8.68", "--unhealthy", "frankfurt");
        Assert.Contains("virginia", failedOver.Out);

        var destroyed = await _support.CliAsync("destroy", spec.Name, "--yes");
        Assert.True(destroyed.Code == 0, destroyed.Out + destroyed.Error);
        Assert.DoesNotContain(await _support.RecordsAsync(), r => r.GetProperty("Name").GetString()!.TrimEnd('.') == spec.RecordName);
    }

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);


    private async Task<JsonElement> RecordAsync(string name, string setIdentifier) =>
        (await _support.RecordsAsync()).Single(r => r.GetProperty("Name").GetString()!.TrimEnd('.') == name
            && r.TryGetProperty("SetIdentifier", out var id) && id.GetString() == setIdentifier);
}
