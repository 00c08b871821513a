using System.Text.Json;
using Failover.Core.Spec;
using Failover.EndToEnd.Tests.Workflow;
using Failover.Local.Aws;
using Failover.Local.Resources;
using Xunit.Abstractions;

namespace Failover.EndToEnd.Tests.Adoption;

/// <summary>
/// Zones built the ways users build them, each taken over with <c>failover adopt</c>: per record as Terraform would (one
/// ChangeResourceRecordSets per record, health checks created separately), and by this service under another
/// deployment's progress table. For each: the adopted spec validates, its plan is empty, the apply makes 0
/// ChangeResourceRecordSets (the realism layer's count), an edit converges make-before-break, and the Terraform export
/// describes exactly the zone's records, field by field. (The hand-built zone of the task list is
/// <see cref="AdoptionTakeOverTests"/>.) And the shapes a tree cannot say are refused, naming the record.
/// </summary>
[Collection(AdoptionStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class AdoptionThreeWaysTests(WorkflowStackFixture stack, ITestOutputHelper log)
{
    private readonly WorkflowTestSupport _support = new(stack, log);
    private ZoneByHand Zone => new(_support, stack.ZoneId, stack.Stack.Realism.Stats);

    [Fact]
    public async Task A_zone_Terraform_built_record_by_record_is_taken_over_with_no_record_written()
    {
        var name = "tf.example.com";
        // As Terraform creates them: the checks, then each record on its own, targets before the aliases that name them.
        var east = await Zone.CreateHealthCheckAsync("192.0.2.91");
        var west = await Zone.CreateHealthCheckAsync("192.0.2.93");
        string[] records =
        [
            Failover($"use1.{name}", "use1-primary", "PRIMARY", "192.0.2.91", east),
            Failover($"use1.{name}", "use1-secondary", "SECONDARY", "192.0.2.92", null),
            Failover($"euw1.{name}", "euw1-primary", "PRIMARY", "192.0.2.93", west),
            Failover($"euw1.{name}", "euw1-secondary", "SECONDARY", "192.0.2.94", null),
            Latency(name, "us-east-1", $"use1.{name}"),
            Latency(name, "eu-west-1", $"euw1.{name}"),
        ];
        var before = Zone.Writes()["ChangeResourceRecordSets"];
        foreach (var record in records) await Zone.ChangeAsync("CREATE", [record]);
        Assert.Equal(records.Length, Zone.Writes()["ChangeResourceRecordSets"] - before);

        try
        {
            await TakeOverEditAndExportAsync(name, "tf", [], checks: 2, ("192.0.2.92", "192.0.2.95"), tree =>
            {
                Assert.Equal(RoutingPolicy.Latency, tree.Root.Routing);
                Assert.All(tree.Root.Children, c => Assert.Equal(RoutingPolicy.Failover, c.Routing));
            });
        }
        finally
        {
            await _support.CliAsync("destroy", "tf", "--yes");
        }
    }

    [Fact]
    public async Task A_zone_this_service_built_under_another_deployments_table_is_taken_over_with_no_record_written()
    {
        var name = "other.example.com";
        var otherTable = "failover-progress-other-" + Guid.NewGuid().ToString("N")[..6];
        using (var dynamo = new Amazon.DynamoDBv2.AmazonDynamoDBClient(LocalAccount.Credentials,
                   new Amazon.DynamoDBv2.AmazonDynamoDBConfig
                   {
                       ServiceURL = stack.EdgeUrl.ToString(), AuthenticationRegion = LocalAccount.Region,
                   }))
            await ProgressTableSetup.EnsureAsync(dynamo, otherTable, CancellationToken.None);
        var (built, _) = _support.WriteSpec("simple-failover.json", "other", json =>
        {
            json["recordType"] = "A";
            json["root"]!["primary"] = JsonNodeOf("""
                { "id": "pool", "routing": "weighted", "children": [
                  { "id": "blue", "weight": 60,
                    "endpoint": { "values": ["192.0.2.101"], "healthCheck": { "type": "HTTPS", "path": "/up" } } },
                  { "id": "green", "weight": 40,
                    "endpoint": { "values": ["192.0.2.102"], "healthCheck": { "type": "HTTPS", "path": "/up" } } } ] }
                """);
            json["root"]!["secondary"]!["endpoint"]!["values"]![0] = "198.51.100.101";
        });
        var made = await _support.CliAsync("apply", built, "--yes", "--direct", "--table", otherTable);
        Assert.True(made.Code == 0, made.Out + made.Error);

        try
        {
            // The other deployment's checks carry this tree's name and node tags already: nothing to tag, nothing to write.
            await TakeOverEditAndExportAsync(name, "other", ["--tree", "other"], checks: 0, ("\"weight\": 60", "\"weight\": 75"),
                tree =>
                {
                    // The other deployment named its helper record after the rule (_pool.other…), this project's convention:
                    // the adopted rule needs no explicit helper name.
                    Assert.Equal("pool", tree.Root.Primary!.Id);
                    Assert.Null(tree.Root.Primary.HelperName);
                });
        }
        finally
        {
            await _support.CliAsync("destroy", "other", "--yes");
        }
    }

    [Fact]
    public async Task Shapes_a_tree_cannot_say_are_refused_naming_the_record()
    {
        var name = "leaves.example.com";
        await Zone.UpsertAsync(
            ZoneByHand.Record(name, "out", "\"Failover\": \"PRIMARY\", \"AliasTarget\": { \"HostedZoneId\": \"Z2FDTNDATAQYW2\", " +
                "\"DNSName\": \"www.example.net\", \"EvaluateTargetHealth\": false }"),
            Sorry(name),
            ZoneByHand.Record($"loop.{name}", "a", $"\"Weight\": 1, \"AliasTarget\": {{ \"HostedZoneId\": \"{stack.ZoneId}\", " +
                $"\"DNSName\": \"loop.{name}\", \"EvaluateTargetHealth\": true }}"));
        try
        {
            var outside = await _support.CliAsync("adopt", "--zone", stack.ZoneId, "--name", name);
            Assert.Equal(1, outside.Code);
            log.WriteLine(outside.Error);
            Assert.Contains($"{name} A [out]", outside.Error);
            Assert.Equal("", outside.Out);

            var loop = await _support.CliAsync("adopt", "--zone", stack.ZoneId, "--name", $"loop.{name}");
            Assert.Equal(1, loop.Code);
            log.WriteLine(loop.Error);
            Assert.Contains($"loop.{name} A [a]", loop.Error);
        }
        finally
        {
            await Zone.ChangeAsync("DELETE", [
                ZoneByHand.Record(name, "out", "\"Failover\": \"PRIMARY\", \"AliasTarget\": { \"HostedZoneId\": \"Z2FDTNDATAQYW2\", " +
                    "\"DNSName\": \"www.example.net\", \"EvaluateTargetHealth\": false }"),
                Sorry(name),
                ZoneByHand.Record($"loop.{name}", "a", $"\"Weight\": 1, \"AliasTarget\": {{ \"HostedZoneId\": \"{stack.ZoneId}\", " +
                    $"\"DNSName\": \"loop.{name}\", \"EvaluateTargetHealth\": true }}"),
            ]);
        }
    }

    /// <summary>
    /// adopt → validate → plan (empty, exit 0, with its claims) → apply: no record written, no check made or deleted, the
    /// adopted checks tagged, the zone as it was; then the plan is empty without claims.
    /// </summary>
    private async Task<string> TakeOverAsync(string name, string tree, string[] options, int checks)
    {
        var before = await Zone.AtAsync(name);
        var specPath = Path.Combine(Path.GetTempPath(), $"failover-adopt-{Guid.NewGuid():N}.json");
        var adopted = await _support.CliAsync(["adopt", "--zone", stack.ZoneId, "--name", name, "-o", specPath, .. options]);
        Assert.True(adopted.Code == 0, adopted.Error);
        var validated = await _support.OfflineCliAsync("validate", specPath);
        Assert.True(validated.Code == 0, validated.Out + validated.Error);
        var planned = await _support.CliAsync("plan", specPath, "--detailed-exitcode");
        Assert.True(planned.Code == 0, planned.Out + planned.Error);
        Assert.Contains($"existing health check(s)", planned.Out);
        var claims = JsonDocument.Parse((await _support.CliAsync("plan", specPath, "--json")).Out).RootElement.GetProperty("claims");
        Assert.Equal(before.Count, claims.GetProperty("records").GetArrayLength());

        var writes = Zone.Writes();
        var applied = await _support.CliAsync("apply", specPath, "--yes");
        Assert.True(applied.Code == 0, applied.Out + applied.Error);
        var taken = Zone.Delta(writes);
        log.WriteLine($"{tree} take-over: {string.Join(", ", taken.Select(w => $"{w.Key} ×{w.Value}"))}");
        Assert.Equal(0, taken["ChangeResourceRecordSets"]);
        Assert.Equal(0, taken["CreateHealthCheck"] + taken["DeleteHealthCheck"] + taken["UpdateHealthCheck"]);
        Assert.Equal(checks, taken["ChangeTagsForResource"]);
        Assert.Equal(before, await Zone.AtAsync(name));
        var after = await _support.CliAsync("plan", specPath, "--json", "--detailed-exitcode");
        Assert.True(after.Code == 0, after.Out + after.Error);
        Assert.False(JsonDocument.Parse(after.Out).RootElement.TryGetProperty("claims", out _));
        return specPath;
    }

    /// <summary>Take-over, the shape checked, export read back, an edit, export read back again.</summary>
    private async Task TakeOverEditAndExportAsync(string name, string tree, string[] options, int checks, (string From, string To) edit,
        Action<TreeSpec> shape)
    {
        var spec = await TakeOverAsync(name, tree, options, checks);
        shape(SpecLoader.Load(File.ReadAllText(spec)).Spec!);
        await ExportRoundTripsAsync(tree, name);
        await EditConvergesAsync(spec, name, edit.From, edit.To);
        await ExportRoundTripsAsync(tree, name);
    }

    /// <summary>The export's records, read back from its resources, are the zone's records at and below the name.</summary>
    private async Task ExportRoundTripsAsync(string tree, string name)
    {
        var exported = await _support.CliAsync("export", tree, "--format", "terraform");
        Assert.True(exported.Code == 0, exported.Error);
        var zone = (await _support.RecordsAsync())
            .Where(r => r.GetProperty("Name").GetString()!.TrimEnd('.').EndsWith(name, StringComparison.Ordinal))
            .Select(TerraformResources.Canonical).Order(StringComparer.Ordinal).ToList();
        // One line per record, so a failure shows the field that differs.
        Assert.Equal(string.Join("\n", zone), string.Join("\n", TerraformResources.Records(exported.Out)));
    }

    /// <summary>An edit of the adopted spec applies, the name answers in every snapshot, and the plan is empty after.</summary>
    private async Task EditConvergesAsync(string specPath, string name, string from, string to)
    {
        var text = File.ReadAllText(specPath);
        Assert.Contains(from, text);
        var edited = Path.ChangeExtension(specPath, ".edited.json");
        File.WriteAllText(edited, text.Replace(from, to));
        stack.Zone.Clear();
        var applied = await _support.CliAsync("apply", edited, "--yes");
        Assert.True(applied.Code == 0, applied.Out + applied.Error);
        Assert.Contains(to.Split(' ')[^1].Trim('"'), string.Join("\n", await Zone.AtAsync(name)));
        Assert.NotEmpty(stack.Zone.Snapshots);
        Assert.All(stack.Zone.Snapshots, snapshot =>
            Assert.True(WorkflowTestSupport.Answers(snapshot, name, "A", stack.ZoneId), "the name went without an answer"));
        var again = await _support.CliAsync("plan", edited, "--detailed-exitcode");
        Assert.True(again.Code == 0, again.Out + again.Error);
    }

    private static string Failover(string name, string id, string role, string address, string? check) =>
        ZoneByHand.Record(name, id, $"\"Failover\": \"{role}\", \"TTL\": 60, \"ResourceRecords\": [ {{ \"Value\": \"{address}\" }} ]" +
            (check is null ? "" : $", \"HealthCheckId\": \"{check}\""));

    private string Latency(string name, string region, string target) =>
        ZoneByHand.Record(name, region, $"\"Region\": \"{region}\", \"AliasTarget\": {{ \"HostedZoneId\": \"{stack.ZoneId}\", " +
            $"\"DNSName\": \"{target}\", \"EvaluateTargetHealth\": true }}");

    private static string Sorry(string name) =>
        ZoneByHand.Record(name, "sorry",
            "\"Failover\": \"SECONDARY\", \"TTL\": 60, \"ResourceRecords\": [ { \"Value\": \"192.0.2.111\" } ]");

    private static System.Text.Json.Nodes.JsonNode JsonNodeOf(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!;
}
