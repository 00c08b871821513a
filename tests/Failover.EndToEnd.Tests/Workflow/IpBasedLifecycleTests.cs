using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Failover.EndToEnd.Tests.Workflow;

/// <summary>
/// An ip-based tree on the local stack: validate, plan (text and the AWS CLI's JSON shapes), apply through the workflow
/// (the CIDR collection before the records), read back by the AWS CLI, a block removed out of band reported and repaired,
/// simulate, tear down leaving neither records nor collection; and the same through the direct path with a version that
/// moves blocks to a renamed location.
/// </summary>
[Collection(RoutingStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class IpBasedLifecycleTests(WorkflowStackFixture stack, ITestOutputHelper log)
{
    private readonly WorkflowTestSupport _support = new(stack, log);

    [Fact]
    public async Task An_ip_based_tree_goes_from_validate_to_teardown()
    {
        var (path, spec) = _support.WriteSpec("ip-based.json", "ip-life", json => json["driftPolicy"] = "repair");
        const string collectionName = "failover-ip-life_by-network";

        Assert.Equal(0, (await _support.OfflineCliAsync("validate", path)).Code);
        var plan = await _support.CliAsync("plan", path);
        Assert.True(plan.Code == 0, plan.Error);
        Assert.Contains("cidr-collections", plan.Out);
        Assert.Contains($"CREATE  {collectionName}", plan.Out);
        Assert.Contains("ip-based paris-office", plan.Out);
        Assert.True(plan.Out.IndexOf("cidr-collections", StringComparison.Ordinal)
            < plan.Out.IndexOf("leaf-records", StringComparison.Ordinal));
        var planJson = await _support.CliAsync("plan", path, "--json");
        Assert.Contains("\"CidrList\"", planJson.Out);
        Assert.Contains("\"LocationName\": \"partner-isp\"", planJson.Out);

        var applied = await _support.CliAsync("apply", path, "--yes");
        Assert.True(applied.Code == 0, applied.Out + applied.Error);
        Assert.Contains("SUCCEEDED", applied.Out);

        var collectionId = await CollectionIdAsync(collectionName);
        Assert.NotNull(collectionId);
        Assert.Equal(["paris-office 192.0.2.0/24", "paris-office 2001:db8:1::/48", "partner-isp 198.18.0.0/15",
            "partner-isp 203.0.113.0/24"], await BlocksAsync(collectionId!));
        var paris = await RecordAsync(spec.RecordName, "paris");
        Assert.Equal($$"""{"CollectionId":"{{collectionId}}","LocationName":"paris-office"}""",
            JsonSerializer.Serialize(paris.GetProperty("CidrRoutingConfig")));
        Assert.Equal("*", (await RecordAsync(spec.RecordName, "everyone-else")).GetProperty("CidrRoutingConfig")
            .GetProperty("LocationName").GetString());
        Assert.Equal(0, (await _support.CliAsync("drift", spec.Name, "--check", "--direct", "--detailed-exitcode")).Code);

        // Someone removes a block by hand: drift names the location; the tree's repair policy puts it back.
        await _support.AwsJsonAsync("route53", "change-cidr-collection", "--id", collectionId!, "--changes",
            """[{"LocationName":"partner-isp","Action":"DELETE_IF_EXISTS","CidrList":["198.18.0.0/15"]}]""");
        var drift = await _support.CliAsync("drift", spec.Name, "--check", "--direct", "--json");
        Assert.Contains("cidrCollectionChanged", drift.Out);
        Assert.Contains("cidr.partner-isp", drift.Out);
        Assert.Contains("partner-isp 198.18.0.0/15", await BlocksAsync(collectionId!));
        Assert.Equal(0, (await _support.CliAsync("drift", spec.Name, "--check", "--direct", "--detailed-exitcode")).Code);

        Assert.Contains("partner-isp", (await _support.OfflineCliAsync("simulate", path, "--client-ip", "198.19.4.4")).Out);
        Assert.Contains("everyone-else", (await _support.OfflineCliAsync("simulate", path, "--client-ip", "9.9.9.9")).Out);

        var destroyed = await _support.CliAsync("destroy", spec.Name, "--yes");
        Assert.True(destroyed.Code == 0, destroyed.Out + destroyed.Error);
        Assert.DoesNotContain(await _support.RecordsAsync(), r => r.GetProperty("Name").GetString()!.TrimEnd('.') == spec.RecordName);
        Assert.Null(await CollectionIdAsync(collectionName));
    }

    [Fact]
    public async Task The_direct_path_moves_blocks_to_a_renamed_location_and_tears_down()
    {
        var (path, spec) = _support.WriteSpec("ip-based.json", "ip-direct");
        const string collectionName = "failover-ip-direct_by-network";
        var applied = await _support.CliAsync("apply", path, "--direct", "--yes");
        Assert.True(applied.Code == 0, applied.Out + applied.Error);
        var collectionId = await CollectionIdAsync(collectionName);
        Assert.NotNull(collectionId);

        // Version 2: the Paris office's blocks move to a location of another name, and the partner loses one block.
        var (renamed, _) = _support.WriteSpec("ip-based.json", "ip-direct", json =>
        {
            var children = json["root"]!["children"]!.AsArray();
            children[0]!["cidr"]!["location"] = "paris";
            children[1]!["cidr"]!["blocks"] = new JsonArray("203.0.113.0/24");
        });
        var plan = await _support.CliAsync("plan", renamed);
        Assert.True(plan.Code == 0, plan.Out + plan.Error);
        Assert.Contains("DELETE_IF_EXISTS paris-office", plan.Out);
        var again = await _support.CliAsync("apply", renamed, "--direct", "--yes");
        Assert.True(again.Code == 0, again.Out + again.Error);
        Assert.Equal(collectionId, await CollectionIdAsync(collectionName));
        Assert.Equal(["paris 192.0.2.0/24", "paris 2001:db8:1::/48", "partner-isp 203.0.113.0/24"], await BlocksAsync(collectionId!));
        Assert.Equal("paris", (await RecordAsync(spec.RecordName, "paris")).GetProperty("CidrRoutingConfig")
            .GetProperty("LocationName").GetString());

        var destroyed = await _support.CliAsync("destroy", renamed, "--direct", "--yes");
        Assert.True(destroyed.Code == 0, destroyed.Out + destroyed.Error);
        Assert.DoesNotContain(await _support.RecordsAsync(), r => r.GetProperty("Name").GetString()!.TrimEnd('.') == spec.RecordName);
        Assert.Null(await CollectionIdAsync(collectionName));
    }

    private async Task<string?> CollectionIdAsync(string name) =>
        (await _support.AwsJsonAsync("route53", "list-cidr-collections")).GetProperty("CidrCollections").EnumerateArray()
            .Where(c => c.GetProperty("Name").GetString() == name).Select(c => c.GetProperty("Id").GetString()).FirstOrDefault();

    private async Task<List<string>> BlocksAsync(string collectionId) =>
        (await _support.AwsJsonAsync("route53", "list-cidr-blocks", "--collection-id", collectionId)).GetProperty("CidrBlocks")
            .EnumerateArray().Select(b => $"{b.GetProperty("LocationName").GetString()} {b.GetProperty("CidrBlock").GetString()}")
            .Order(StringComparer.Ordinal).ToList();


    private async Task<JsonElement> RecordAsync(string name, string setIdentifier) =>
        (await _support.RecordsAsync()).Single(r => r.GetProperty("Name").GetString()!.TrimEnd('.') == name
            && r.TryGetProperty("SetIdentifier", out var id) && id.GetString() == setIdentifier);
}
