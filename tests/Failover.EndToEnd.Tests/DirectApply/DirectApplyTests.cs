using System.Text.Json;
using Failover.Cli;
using Failover.Core.Compilation;
using Failover.Core.Spec;
using Failover.EndToEnd.Tests.LocalStack;

namespace Failover.EndToEnd.Tests.DirectApply;

/// <summary>
/// <c>failover apply --direct</c> against the local stack: the CLI applies the plan itself, layer by layer, through the
/// realism layer (which refuses what Route 53 refuses). What it made is read back with the AWS CLI, an independent
/// client, and compared with what the compiler says the tree is.
/// </summary>
[Collection(LocalStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class DirectApplyTests(LocalStackFixture stack)
{
    private static readonly string[] MutatingOperations =
        ["CreateHealthCheck", "UpdateHealthCheck", "DeleteHealthCheck", "ChangeResourceRecordSets", "ChangeTagsForResource"];

    [Fact]
    public async Task Apply_creates_exactly_the_tree_a_second_apply_changes_nothing_and_destroy_removes_it_all()
    {
        await stack.ResetRealismAsync();
        var (specPath, spec) = WriteSpec("www.json");
        var zoneBefore = await RecordKeysAsync();

        var first = await CliAsync("apply", specPath, "--yes", "--direct", "--endpoint", stack.EdgeUrl.ToString());
        Assert.True(first.Code == 0, first.Error);

        // Exactly the compiled records are in the zone, next to what was there before.
        var expected = TreeCompiler.Compile(spec)
            .Records.Select(r => Key(r.RecordSet.Name, r.RecordSet.Type, r.RecordSet.SetIdentifier)).ToHashSet();
        var zoneAfter = await RecordKeysAsync();
        Assert.Equal(expected.Union(zoneBefore).Order(), zoneAfter.Order());

        // Every health check a record names exists, is the tree's by tag, and there is one per health-checked leaf.
        var records = await ListRecordsAsync();
        var attached = records.Where(r => r.TryGetProperty("HealthCheckId", out _))
            .Select(r => r.GetProperty("HealthCheckId").GetString()!).ToList();
        Assert.Equal(3, attached.Count);
        var checks = await HealthCheckIdsAsync();
        Assert.Equal(attached.Order(), checks.Order());
        foreach (var id in checks)
        {
            var tags = await AwsJsonAsync("route53", "list-tags-for-resource", "--resource-type", "healthcheck", "--resource-id", id);
            Assert.Contains(tags.GetProperty("ResourceTagSet").GetProperty("Tags").EnumerateArray(),
                t => t.GetProperty("Key").GetString() == "failover:tree" && t.GetProperty("Value").GetString() == "www");
        }

        // Alias targets inside the zone resolve to names that exist.
        var names = records.Select(r => r.GetProperty("Name").GetString()!).ToHashSet();
        foreach (var alias in records.Where(r => r.TryGetProperty("AliasTarget", out _)).Select(r => r.GetProperty("AliasTarget")))
            if (alias.GetProperty("HostedZoneId").GetString()!.EndsWith(stack.ZoneId.Split('/').Last()))
                Assert.Contains(alias.GetProperty("DNSName").GetString()!, names);

        // A second apply reads, and changes nothing.
        await stack.ResetRealismAsync();
        var second = await CliAsync("apply", specPath, "--yes", "--direct", "--endpoint", stack.EdgeUrl.ToString());
        Assert.True(second.Code == 0, second.Error);
        Assert.Contains("no changes", second.Out);
        Assert.Equal(0, await MutatingCallsAsync());

        // Teardown leaves the zone as it was and no health check behind.
        var destroy = await CliAsync("destroy", specPath, "--yes", "--direct", "--endpoint", stack.EdgeUrl.ToString());
        Assert.True(destroy.Code == 0, destroy.Error);
        Assert.Equal(zoneBefore.Order(), (await RecordKeysAsync()).Order());
        Assert.Empty(await HealthCheckIdsAsync());
    }

    [Fact]
    public async Task Destroy_removes_a_tree_whose_spec_today_s_rules_refuse()
    {
        await stack.ResetRealismAsync();
        var (specPath, www) = WriteSpec("www.json");
        // A tree of its own: Route 53 refuses for a while the CallerReferences of checks deleted, and the other tests apply www.
        var spec = www with { Name = "stale-" + Guid.NewGuid().ToString("N")[..8] };
        File.WriteAllText(specPath, SpecJsonWriter.Write(spec));
        var zoneBefore = await RecordKeysAsync();
        var applied = await CliAsync("apply", specPath, "--yes", "--direct", "--endpoint", stack.EdgeUrl.ToString());
        Assert.True(applied.Code == 0, applied.Error);

        // The file as an older CLI applied it: its weighted endpoints' TTLs differ, which the validator now refuses.
        var node = System.Text.Json.Nodes.JsonNode.Parse(SpecJsonWriter.Write(spec))!;
        node["root"]!["primary"]!["children"]![0]!["children"]![1]!["endpoint"]!["ttl"] = 300;
        File.WriteAllText(specPath, node.ToJsonString());
        Assert.True(SpecLoader.Load(node.ToJsonString()).HasErrors);

        var destroy = await CliAsync("destroy", specPath, "--yes", "--direct", "--endpoint", stack.EdgeUrl.ToString());

        Assert.True(destroy.Code == 0, destroy.Error);
        Assert.Equal(zoneBefore.Order(), (await RecordKeysAsync()).Order());
        Assert.Empty(await HealthCheckIdsAsync());
    }

    [Fact]
    public async Task Apply_refuses_a_tree_whose_record_is_held_by_a_foreign_record_and_touches_nothing()
    {
        await stack.ResetRealismAsync();
        var (specPath, spec) = WriteSpec("simple-failover.json");
        var root = TreeCompiler.Compile(spec).Records.First(r => r.RecordSet.Name == spec.RecordName);
        // Someone else's record at the very name, type and set identifier the tree wants.
        var value = spec.RecordType == "AAAA" ? "2001:db8::99" : "203.0.113.99";
        var foreign = $$$"""
            {"Changes":[{"Action":"CREATE","ResourceRecordSet":{"Name":"{{{spec.RecordName}}}.","Type":"{{{spec.RecordType}}}",
             "SetIdentifier":"{{{root.RecordSet.SetIdentifier}}}","Failover":"{{{root.RecordSet.Failover ?? "PRIMARY"}}}","TTL":300,
             "ResourceRecords":[{"Value":"{{{value}}}"}]}}]}
            """;
        var created =
            await AwsCli.RunAsync(stack.EdgeUrl, "route53", "change-resource-record-sets", "--hosted-zone-id", stack.ZoneId,
            "--change-batch", foreign);
        Assert.True(created.ExitCode == 0, created.Error);
        var before = await ListRecordsAsync();
        await stack.ResetRealismAsync();

        // The plan shows the conflict and fails as the apply will: a pipeline must not take it for a plan that can go ahead.
        var planned = await CliAsync("plan", specPath, "--detailed-exitcode", "--endpoint", stack.EdgeUrl.ToString());
        Assert.Equal(1, planned.Code);
        Assert.Contains("does not own", planned.Out);
        Assert.Contains("an apply of this plan would be refused", planned.Error);

        var outcome = await CliAsync("apply", specPath, "--yes", "--direct", "--endpoint", stack.EdgeUrl.ToString());

        Assert.Equal(1, outcome.Code);
        Assert.Contains("does not own", outcome.Error);
        Assert.Equal(0, await MutatingCallsAsync());
        Assert.Equal(before.Select(r => r.GetRawText()), (await ListRecordsAsync()).Select(r => r.GetRawText()));

        var cleanup = foreign.Replace("\"CREATE\"", "\"DELETE\"");
        Assert.Equal(0,
            (await AwsCli.RunAsync(stack.EdgeUrl, "route53", "change-resource-record-sets", "--hosted-zone-id", stack.ZoneId,
            "--change-batch", cleanup)).ExitCode);
    }

    [Fact]
    public async Task Apply_and_destroy_are_refused_while_a_run_holds_the_tree_and_touch_nothing()
    {
        await stack.ResetRealismAsync();
        var (specPath, spec) = WriteSpec("www.json");
        spec = spec with { Name = "held-" + Guid.NewGuid().ToString("N")[..8] };
        File.WriteAllText(specPath, SpecJsonWriter.Write(spec));
        using var dynamo = new Amazon.DynamoDBv2.AmazonDynamoDBClient(Failover.Local.Aws.LocalAccount.Credentials,
            new Amazon.DynamoDBv2.AmazonDynamoDBConfig
            {
                ServiceURL = stack.EdgeUrl.ToString(), AuthenticationRegion = Failover.Local.Aws.LocalAccount.Region,
            });
        var store = new Failover.Store.ProgressStore(dynamo, Failover.Local.Resources.LocalResourceNames.ProgressTable,
            TimeProvider.System);
        // A workflow run of the tree is writing: its execution holds the tree's lock.
        Assert.True(await store.TryAcquireLockAsync(spec.Name, "run-in-progress", TimeSpan.FromMinutes(5)));
        try
        {
            var before = await RecordKeysAsync();
            var applied = await CliAsync("apply", specPath, "--yes", "--direct", "--endpoint", stack.EdgeUrl.ToString());
            var destroyed = await CliAsync("destroy", specPath, "--yes", "--direct", "--endpoint", stack.EdgeUrl.ToString());

            foreach (var refused in new[] { applied, destroyed })
            {
                Assert.Equal(1, refused.Code);
                Assert.Contains("busy", refused.Error);
                Assert.Contains("run-in-progress", refused.Error);
            }
            Assert.Equal(0, await MutatingCallsAsync());
            Assert.Equal(before.Order(), (await RecordKeysAsync()).Order());
            Assert.Equal("run-in-progress", (await store.GetHeldLockAsync(spec.Name))!.Owner);
        }
        finally
        {
            await store.ReleaseLockAsync(spec.Name, "run-in-progress");
        }
    }

    private (string Path, TreeSpec Spec) WriteSpec(string example)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", example));
        var parsed = SpecParser.Parse(text);
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        var zoneId = stack.ZoneId.Split('/').Last();
        var spec = parsed.Spec! with { HostedZoneId = zoneId };
        var path = Path.Combine(Path.GetTempPath(), $"failover-e2e-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, SpecJsonWriter.Write(spec));
        return (path, spec);
    }

    private async Task<long> MutatingCallsAsync()
    {
        var requests = (await stack.StatsAsync())["requests"]!.AsObject();
        return MutatingOperations.Sum(op => requests[op]?.GetValue<long>() ?? 0);
    }

    private static async Task<(int Code, string Out, string Error)> CliAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, new StringReader(""), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task<List<JsonElement>> ListRecordsAsync() =>
        (await AwsJsonAsync("route53", "list-resource-record-sets", "--hosted-zone-id", stack.ZoneId))
            .GetProperty("ResourceRecordSets").EnumerateArray().ToList();

    private async Task<HashSet<string>> RecordKeysAsync() =>
        (await ListRecordsAsync()).Select(r => Key(r.GetProperty("Name").GetString()!, r.GetProperty("Type").GetString()!,
            r.TryGetProperty("SetIdentifier", out var id) ? id.GetString() : null)).ToHashSet();

    private async Task<List<string>> HealthCheckIdsAsync() =>
        (await AwsJsonAsync("route53", "list-health-checks")).GetProperty("HealthChecks").EnumerateArray()
            .Select(h => h.GetProperty("Id").GetString()!).ToList();

    private async Task<JsonElement> AwsJsonAsync(params string[] args)
    {
        var result = await AwsCli.RunAsync(stack.EdgeUrl, [.. args, "--output", "json"]);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)}: {result.Error}");
        return JsonDocument.Parse(result.Output).RootElement.Clone();
    }

    private static string Key(string name, string type, string? setIdentifier) =>
        $"{name.TrimEnd('.').ToLowerInvariant()} {type} {setIdentifier}";
}
