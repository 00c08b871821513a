using System.Text.Json;
using System.Text.Json.Nodes;
using Failover.Aws.Route53;
using Failover.Core.Compilation;
using Failover.Core.Spec;
using Failover.Local.Aws;
using Failover.Local.Realism;
using Failover.Service.Ports.Route53;
using Xunit.Abstractions;

namespace Failover.EndToEnd.Tests.Workflow;

/// <summary>
/// One tree, several names, on the local stack through the real state machine: apply a tree attached at three names of
/// the zone; change one endpoint (one batch, one wait); add and remove an attachment; a record of one attachment deleted
/// out of band, reported and repaired; roll back; tear down — the zone compared record by record with the compiled tree
/// at each step.
/// </summary>
/// <remarks>
/// The first test's attachments share the tree's zone; the second's are in three zones: the stack's, a second public
/// zone and a private zone with a VPC association, each zone compared record by record with its part of the tree.
/// </remarks>
[Collection(RoutingStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class AttachmentLifecycleTests(WorkflowStackFixture stack, ITestOutputHelper log)
{
    private readonly WorkflowTestSupport _support = new(stack, log);

    [Fact]
    public async Task A_tree_of_several_names_goes_from_apply_to_teardown()
    {
        const string tree = "att-life";
        var (path, spec) = AttachedSpec(tree, ["api", "edge"]);
        try
        {
            var applied = await _support.CliAsync("apply", path, "--yes");
            Assert.True(applied.Code == 0, applied.Out + applied.Error);
            await AssertZoneHoldsAsync(spec);
            Assert.Equal(3, (await _support.RecordsAsync()).Count(r => Name(r) is var n
                && spec.AllAttachments.Any(a => a.RecordName == n) && SetId(r) == "regions"));
            var checks = (await _support.HealthChecksAsync()).Count;
            var status = await _support.CliAsync("status", tree);
            Assert.Contains($"attachment {tree}-api.{spec.ZoneName}: 6 of 6 nodes finished, 0 failed", status.Out);

            // One endpoint changes: its record at each attachment, in one batch (one zone), and one INSYNC wait.
            var (changedPath, changed) = AttachedSpec(tree, ["api", "edge"], json =>
                json["root"]!["primary"]!["children"]![1]!["endpoint"]!["values"] = new JsonArray("198.51.100.8"));
            var batchesBefore = Stat(RealismStats.Requests, "ChangeResourceRecordSets");
            var waitsBefore = Stat(RealismStats.ChangesWaitedOn, "changes");
            var update = await _support.CliAsync("apply", changedPath, "--yes");
            Assert.True(update.Code == 0, update.Out + update.Error);
            Assert.Equal(1, Stat(RealismStats.Requests, "ChangeResourceRecordSets") - batchesBefore);
            Assert.True(Stat(RealismStats.ChangesWaitedOn, "changes") - waitsBefore <= 1);
            await AssertZoneHoldsAsync(changed);
            Assert.Equal(checks, (await _support.HealthChecksAsync()).Count);

            // Add one attachment and remove another: only their records come and go, make-before-break.
            var (movedPath, moved) = AttachedSpec(tree, ["api", "shop"], json =>
                json["root"]!["primary"]!["children"]![1]!["endpoint"]!["values"] = new JsonArray("198.51.100.8"));
            var plan = await _support.CliAsync("plan", movedPath);
            Assert.True(plan.Code == 0, plan.Out + plan.Error);
            var changeLines = plan.Out.Split('\n')
                .Where(l => new[] { "CREATE ", "DELETE ", "UPSERT " }.Any(a => l.TrimStart().StartsWith(a, StringComparison.Ordinal)))
                .ToList();
            Assert.NotEmpty(changeLines);
            Assert.All(changeLines, l => Assert.True(l.Contains($"{tree}-shop.", StringComparison.Ordinal)
                || l.Contains($"{tree}-edge.", StringComparison.Ordinal), l));
            var move = await _support.CliAsync("apply", movedPath, "--yes");
            Assert.True(move.Code == 0, move.Out + move.Error);
            await AssertZoneHoldsAsync(moved);
            Assert.DoesNotContain(await _support.RecordsAsync(), r => Name(r).EndsWith($"{tree}-edge.{spec.ZoneName}"));
            Assert.Equal(checks, (await _support.HealthChecksAsync()).Count);

            // A record of one attachment is deleted by hand: drift names it; the repair policy puts it back.
            var shopRoot = (await _support.RecordsAsync()).Single(r => Name(r) == $"{tree}-shop.{spec.ZoneName}" && SetId(r) == "sorry");
            await _support.AwsJsonAsync("route53", "change-resource-record-sets", "--hosted-zone-id", spec.HostedZoneId,
                "--change-batch", new JsonObject
                {
                    ["Changes"] = new JsonArray(new JsonObject
                    {
                        ["Action"] = "DELETE", ["ResourceRecordSet"] = JsonNode.Parse(shopRoot.GetRawText()),
                    }),
                }.ToJsonString());
            var drift = await _support.CliAsync("drift", tree, "--check", "--direct", "--json");
            Assert.Contains($"{tree}-shop.{spec.ZoneName}", drift.Out);
            Assert.Contains("sorry@" + $"{tree}-shop.{spec.ZoneName}", drift.Out);
            await AssertZoneHoldsAsync(moved);

            // Back to version 1: every attachment as it was.
            var rollback = await _support.CliAsync("rollback", tree, "--to-version", "1", "--yes");
            Assert.True(rollback.Code == 0, rollback.Out + rollback.Error);
            await AssertZoneHoldsAsync(spec);
            Assert.DoesNotContain(await _support.RecordsAsync(), r => Name(r).EndsWith($"{tree}-shop.{spec.ZoneName}"));
        }
        finally
        {
            var destroyed = await _support.CliAsync("destroy", tree, "--yes");
            Assert.True(destroyed.Code == 0, destroyed.Out + destroyed.Error);
        }
        Assert.DoesNotContain(await _support.RecordsAsync(), r => Name(r).Contains(tree, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tree_in_two_public_zones_and_a_private_one_goes_from_apply_to_teardown()
    {
        const string tree = "att-zones";
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var route53 = new Route53Client(new Route53ClientOptions { Endpoint = stack.EdgeUrl, RequestsPerSecond = 1000, Burst = 1000,
            OperationLimits = Route53OperationLimits.None },
            credentials: LocalAccount.Credentials);
        var second = (await route53.CreateHostedZoneAsync($"second-{suffix}.example", Guid.NewGuid().ToString())).HostedZone;
        var inside = (await route53.CreateHostedZoneAsync($"corp-{suffix}.example", Guid.NewGuid().ToString(),
            vpc: new ZoneVpc(LocalAccount.Region, "vpc-0a1b2c3d4e5f60718"))).HostedZone;
        var secondZone = (Id: second.Id.Split('/').Last(), Name: $"second-{suffix}.example");
        var insideZone = (Id: inside.Id.Split('/').Last(), Name: $"corp-{suffix}.example");
        var (path, spec) = AttachedSpec(tree, [(secondZone.Id, secondZone.Name, tree), (insideZone.Id, insideZone.Name, tree)]);
        var zones = new[] { stack.ZoneId, secondZone.Id, insideZone.Id };
        try
        {
            var applied = await _support.CliAsync("apply", path, "--yes");
            Assert.True(applied.Code == 0, applied.Out + applied.Error);
            await AssertZonesHoldAsync(spec, zones);
            var checks = (await _support.HealthChecksAsync()).Count;

            // One endpoint changes: its record in each zone, one batch per zone (a request names one zone).
            Action<JsonNode> edit = json =>
                json["root"]!["primary"]!["children"]![1]!["endpoint"]!["values"] = new JsonArray("198.51.100.8");
            var (changedPath, changed) = AttachedSpec(tree,
                [(secondZone.Id, secondZone.Name, tree), (insideZone.Id, insideZone.Name, tree)], edit);
            var batchesBefore = Stat(RealismStats.Requests, "ChangeResourceRecordSets");
            var waitsBefore = Stat(RealismStats.ChangesWaitedOn, "changes");
            var update = await _support.CliAsync("apply", changedPath, "--yes");
            Assert.True(update.Code == 0, update.Out + update.Error);
            Assert.Equal(3, Stat(RealismStats.Requests, "ChangeResourceRecordSets") - batchesBefore);
            Assert.True(Stat(RealismStats.ChangesWaitedOn, "changes") - waitsBefore <= 3);
            await AssertZonesHoldAsync(changed, zones);
            Assert.Equal(checks, (await _support.HealthChecksAsync()).Count);

            // The second zone's attachment moves to a new name: the new one is created before the old one is deleted.
            var (movedPath, moved) = AttachedSpec(tree,
                [(secondZone.Id, secondZone.Name, tree + "-new"), (insideZone.Id, insideZone.Name, tree)], edit);
            var plan = await _support.CliAsync("plan", movedPath);
            Assert.True(plan.Code == 0, plan.Out + plan.Error);
            var lines = plan.Out.Split('\n').Select(l => l.TrimStart()).ToList();
            var firstCreate = lines.FindIndex(l => l.StartsWith("CREATE ", StringComparison.Ordinal));
            var firstDelete = lines.FindIndex(l => l.StartsWith("DELETE ", StringComparison.Ordinal));
            Assert.True(firstCreate >= 0 && firstDelete > firstCreate, plan.Out);
            Assert.All(lines.Where(l => new[] { "CREATE ", "DELETE ", "UPSERT " }.Any(a => l.StartsWith(a, StringComparison.Ordinal))),
                l => Assert.Contains(secondZone.Name, l, StringComparison.Ordinal));
            var insideBefore = await ZoneRecordsAsync(insideZone.Id);
            var move = await _support.CliAsync("apply", movedPath, "--yes");
            Assert.True(move.Code == 0, move.Out + move.Error);
            await AssertZonesHoldAsync(moved, zones);
            Assert.Equal(insideBefore, await ZoneRecordsAsync(insideZone.Id));

            // A record of the private attachment is deleted by hand: drift names it, and the repair touches that zone only.
            var insideRecords = await _support.AwsJsonAsync("route53", "list-resource-record-sets", "--hosted-zone-id", insideZone.Id);
            var sorry = insideRecords.GetProperty("ResourceRecordSets").EnumerateArray()
                .Single(r => Name(r) == $"{tree}.{insideZone.Name}" && SetId(r) == "sorry");
            await _support.AwsJsonAsync("route53", "change-resource-record-sets", "--hosted-zone-id", insideZone.Id,
                "--change-batch", new JsonObject
                {
                    ["Changes"] = new JsonArray(new JsonObject
                    {
                        ["Action"] = "DELETE", ["ResourceRecordSet"] = JsonNode.Parse(sorry.GetRawText()),
                    }),
                }.ToJsonString());
            var publicBefore = await ZoneRecordsAsync(stack.ZoneId);
            var secondBefore = await ZoneRecordsAsync(secondZone.Id);
            var drift = await _support.CliAsync("drift", tree, "--check", "--direct", "--json");
            Assert.Contains($"{tree}.{insideZone.Name}", drift.Out);
            await AssertZonesHoldAsync(moved, zones);
            Assert.Equal(publicBefore, await ZoneRecordsAsync(stack.ZoneId));
            Assert.Equal(secondBefore, await ZoneRecordsAsync(secondZone.Id));

            // Back to version 1: every zone as it was, the moved name gone from the second zone.
            var rollback = await _support.CliAsync("rollback", tree, "--to-version", "1", "--yes");
            Assert.True(rollback.Code == 0, rollback.Out + rollback.Error);
            await AssertZonesHoldAsync(spec, zones);
        }
        finally
        {
            var destroyed = await _support.CliAsync("destroy", tree, "--yes");
            Assert.True(destroyed.Code == 0, destroyed.Out + destroyed.Error);
        }
        foreach (var zone in zones)
            Assert.DoesNotContain((await ZoneRecordsAsync(zone)).Keys, key => key.Contains(tree, StringComparison.Ordinal));
    }

    /// <summary>www.json renamed, with attachments at <c>&lt;label&gt;.&lt;zone name&gt;</c> in the given zones.</summary>
    private (string Path, TreeSpec Spec) AttachedSpec(string tree, (string ZoneId, string ZoneName, string Label)[] places,
        Action<JsonNode>? edit = null) =>
        _support.WriteSpec("www.json", tree, json =>
        {
            json["driftPolicy"] = "repair";
            json["attachments"] = new JsonArray(places.Select(p => (JsonNode)new JsonObject
            {
                ["hostedZoneId"] = p.ZoneId, ["zoneName"] = p.ZoneName, ["recordName"] = $"{p.Label}.{p.ZoneName}",
            }).ToArray());
            edit?.Invoke(json);
        });

    /// <summary>A zone's records, key → the record's JSON text.</summary>
    private async Task<Dictionary<string, string>> ZoneRecordsAsync(string zoneId) =>
        (await _support.AwsJsonAsync("route53", "list-resource-record-sets", "--hosted-zone-id", zoneId))
            .GetProperty("ResourceRecordSets").EnumerateArray()
            .ToDictionary(WorkflowTestSupport.Key, r => r.GetRawText(), StringComparer.Ordinal);

    /// <summary>Each zone holds exactly the tree's records for it (the compiled tree's own or other zone), record by record.</summary>
    private async Task AssertZonesHoldAsync(TreeSpec spec, IReadOnlyList<string> zones)
    {
        var compiled = TreeCompiler.Compile(spec);
        foreach (var zone in zones)
        {
            var wanted = zone == spec.HostedZoneId ? compiled.Records
                : compiled.OtherZones.Where(z => z.HostedZoneId == zone).SelectMany(z => z.Records).ToList();
            var records = (await _support.AwsJsonAsync("route53", "list-resource-record-sets", "--hosted-zone-id", zone))
                .GetProperty("ResourceRecordSets").EnumerateArray().ToList();
            var actual = records.Where(r => Name(r).Split('.').Any(label => label.StartsWith(spec.Name, StringComparison.Ordinal)))
                .Select(WorkflowTestSupport.Key).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(wanted.Select(r => WorkflowTestSupport.Key(r.RecordSet)).Order(StringComparer.Ordinal), actual);
            foreach (var desired in wanted)
            {
                var record = records.Single(r => WorkflowTestSupport.Key(r) == WorkflowTestSupport.Key(desired.RecordSet));
                if (desired.RecordSet.ResourceRecords.Count > 0)
                    Assert.Equal(desired.RecordSet.ResourceRecords,
                        record.GetProperty("ResourceRecords").EnumerateArray().Select(v => v.GetProperty("Value").GetString()!));
                if (desired.RecordSet.AliasTarget is { } alias)
                    Assert.Equal(alias.HostedZoneId, record.GetProperty("AliasTarget").GetProperty("HostedZoneId").GetString());
            }
        }
    }

    /// <summary>www.json renamed, at <c>&lt;tree&gt;.&lt;zone&gt;</c> and at <c>&lt;tree&gt;-&lt;suffix&gt;.&lt;zone&gt;</c> for each
    /// suffix.</summary>
    private (string Path, TreeSpec Spec) AttachedSpec(string tree, string[] suffixes, Action<JsonNode>? edit = null) =>
        _support.WriteSpec("www.json", tree, json =>
        {
            json["driftPolicy"] = "repair";
            var zone = json["zoneName"]!.GetValue<string>();
            json["attachments"] = new JsonArray(suffixes.Select(s => (JsonNode)new JsonObject
            {
                ["hostedZoneId"] = json["hostedZoneId"]!.GetValue<string>(),
                ["recordName"] = $"{tree}-{s}.{zone}",
            }).ToArray());
            edit?.Invoke(json);
        });

    /// <summary>The zone holds exactly the compiled tree at every name of every attachment, old attachments' names gone.</summary>
    private async Task AssertZoneHoldsAsync(TreeSpec spec)
    {
        var compiled = TreeCompiler.Compile(spec);
        var records = await _support.RecordsAsync();
        var prefix = spec.Name;
        var actual = records.Where(r => Name(r).Split('.').Any(label => label.StartsWith(prefix, StringComparison.Ordinal)))
            .Select(WorkflowTestSupport.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(compiled.Records.Select(r => WorkflowTestSupport.Key(r.RecordSet)).Order(StringComparer.Ordinal), actual);
        foreach (var desired in compiled.Records.Where(r => r.RecordSet.ResourceRecords.Count > 0))
        {
            var record = records.Single(r => WorkflowTestSupport.Key(r) == WorkflowTestSupport.Key(desired.RecordSet));
            Assert.Equal(desired.RecordSet.ResourceRecords,
                record.GetProperty("ResourceRecords").EnumerateArray().Select(v => v.GetProperty("Value").GetString()!));
        }
    }

    private long Stat(string group, string key) => stack.Stack.Realism.Stats.Get(group, key);

    private static string Name(JsonElement record) => record.GetProperty("Name").GetString()!.TrimEnd('.');

    private static string? SetId(JsonElement record) => record.TryGetProperty("SetIdentifier", out var id) ? id.GetString() : null;
}
