using System.Text.Json;
using System.Text.Json.Nodes;
using Failover.Cli;
using Failover.Core.Compilation;
using Failover.EndToEnd.Tests.Workflow;
using Xunit.Abstractions;

namespace Failover.EndToEnd.Tests.Api;

/// <summary>
/// A tree's whole life through the HTTP API on the local stack: every run the API starts is a Step Functions execution
/// of src/StateMachine on moto, whose Task states run the real functions; Route 53 is read back with the AWS CLI.
/// </summary>
[Collection(ApiStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ApiLifecycleTests(ApiStackFixture stack, ITestOutputHelper log) : IDisposable
{
    private readonly ApiClient _api = stack.Api;
    private readonly WorkflowTestSupport _support = stack.Support;

    /// <summary>A test that failed while holding Route 53's changes PENDING must not leave them held for the next.</summary>
    public void Dispose() => stack.Stack.Realism.Update(settings => settings with { ChangePendingFor = TimeSpan.Zero });

    [Fact]
    public async Task A_tree_is_planned_created_viewed_updated_rolled_back_and_deleted_through_the_API()
    {
        var start = await _support.RecordsAsync();
        var checksAtStart = await HealthCheckIdsAsync();
        var (v1Path, v1) = _support.WriteSpec("complex.json");
        var v1Json = await File.ReadAllTextAsync(v1Path);
        var (v2Path, v2) = _support.WriteSpec("complex.json", edit: spec =>
        {
            var regions = spec["root"]!["primary"]!["children"]!.AsArray();
            regions[0]!["children"]![2]!["weight"] = 15;
            regions[1]!["children"]!.AsArray().RemoveAt(1);
        });
        var name = v1.Name;
        var compiledV1 = TreeCompiler.Compile(v1).Records;

        // Dry run: the plan against the zone as it is, and nothing changed or stored.
        var dry = await _api.PostAsync("/trees?dryRun=true", v1Json);
        Assert.True(dry.Status == 200, dry.ToString());
        Assert.True(dry.Json.GetProperty("dryRun").GetBoolean());
        Assert.Equal(["health-checks", "leaf-records", "alias-level-1", "alias-level-2"],
            dry.Json.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
        Assert.Equal((compiledV1.Count, 5), (dry.Json.GetProperty("summary").GetProperty("recordsCreated").GetInt32(),
            dry.Json.GetProperty("summary").GetProperty("healthChecksCreated").GetInt32()));
        Assert.Equal(start.Select(r => r.GetRawText()), (await _support.RecordsAsync()).Select(r => r.GetRawText()));
        Assert.Equal(checksAtStart, await HealthCheckIdsAsync());
        Assert.Equal("tree-not-found", (await _api.GetAsync($"/trees/{name}")).Problem);

        // Create, held in progress: Route 53 keeps the changes PENDING until the test lets them through.
        stack.Stack.Realism.Update(settings => settings with { ChangePendingFor = TimeSpan.FromHours(1) });
        var correlationId = "e2e-" + Guid.NewGuid().ToString("N");
        var created = await _api.PostAsync("/trees", v1Json, correlationId: correlationId);
        Assert.True(created.Status == 202, created.ToString());
        var runId = created.Json.GetProperty("runId").GetString()!;
        var location = created.Header("location")!;
        Assert.Equal($"/runs/{runId}", location);
        Assert.Equal(correlationId, created.Header("x-correlation-id"));
        Assert.Equal(("APPLY", 1, name), (created.Json.GetProperty("kind").GetString(), created.Json.GetProperty("version").GetInt32(),
            created.Json.GetProperty("tree").GetString()));

        // Per-node progress of the running run: every layer submitted, each node with its change, and the run still
        // waiting for Route 53 to report the changes INSYNC (the tree not applied yet).
        var running = await _api.WaitForAsync($"/trees/{name}", tree => tree.GetProperty("lastRun").ValueKind == JsonValueKind.Object
            && Nodes(tree.GetProperty("lastRun")) is { Count: > 0 } all && all.All(n => n.Status == "DONE"));
        Assert.Equal(("APPLYING", JsonValueKind.Null),
            (running.GetProperty("status").GetString(), running.GetProperty("currentVersion").ValueKind));
        Assert.Equal(("RUNNING", runId),
            (running.GetProperty("lastRun").GetProperty("status").GetString(),
            running.GetProperty("lastRun").GetProperty("runId").GetString()));
        Assert.Equal(["alias-level-1", "alias-level-2", "leaf-records"],
            Nodes(running.GetProperty("lastRun")).Select(n => n.Layer).Distinct().Order());
        Assert.All(running.GetProperty("lastRun").GetProperty("nodes").EnumerateArray(),
            node => Assert.StartsWith("C", node.GetProperty("changeId").GetString()));

        // Meanwhile, every other run of the tree is refused, and refusing stores nothing.
        Assert.Equal("run-in-progress", (await _api.PostAsync("/trees", await File.ReadAllTextAsync(v2Path))).Problem);
        Assert.Equal("run-in-progress", (await _api.PostAsync($"/trees/{name}/rollback", """{"version": 1}""")).Problem);
        Assert.Equal("run-in-progress", (await _api.SendAsync(HttpMethod.Delete, $"/trees/{name}")).Problem);
        Assert.Equal([1], Versions(await _api.GetAsync($"/trees/{name}/versions")));

        stack.Stack.Realism.Update(settings => settings with { ChangePendingFor = TimeSpan.Zero });
        var run = await _api.FollowRunAsync(location);
        Assert.True(run.GetProperty("status").GetString() == "SUCCEEDED", run.ToString());
        Assert.All(Nodes(run), node => Assert.Equal("DONE", node.Status));
        Assert.Equal(compiledV1.Select(r => r.NodeId).Distinct().Order(), Nodes(run).Select(n => n.NodeId).Order());
        // The run was an execution of the provisioning state machine, as Step Functions itself tells.
        var execution =
            await _support.AwsJsonAsync("stepfunctions", "describe-execution", "--execution-arn",
            run.GetProperty("executionArn").GetString()!);
        Assert.Equal("SUCCEEDED", execution.GetProperty("status").GetString());
        Assert.EndsWith(":stateMachine:Provisioning", execution.GetProperty("stateMachineArn").GetString());

        // Route 53, read by the AWS CLI: the tree's records and its five health checks are there.
        var afterCreate = await _support.RecordsAsync();
        Assert.Equal(start.Select(WorkflowTestSupport.Key).Concat(compiledV1.Select(r => WorkflowTestSupport.Key(r.RecordSet))).Order(),
            afterCreate.Select(WorkflowTestSupport.Key).Order());
        Assert.Equal(5, (await HealthCheckIdsAsync()).Except(checksAtStart).Count());

        // One correlation id from the request to its run, in the functions' JSON logs.
        var lines = stack.Logs.Lines;
        Assert.All(lines,
            line =>
            Assert.True(line.TryGetProperty("timestamp", out _) && line.TryGetProperty("level", out _)
            && line.TryGetProperty("message", out _)));
        var requestLines = lines.Where(l => l.TryGetProperty("correlation_id", out var c) && c.GetString() == correlationId).ToList();
        Assert.Contains(requestLines,
            l => l.GetProperty("message").GetString() == "run started" && l.GetProperty("run_id").GetString() == runId);
        Assert.Contains(requestLines,
            l => l.GetProperty("message").GetString() == "request handled" && l.GetProperty("status").GetInt32() == 202
            && l.GetProperty("run_id").GetString() == runId && l.GetProperty("path").GetString() == "/trees");
        // The run's steps, invoked by Step Functions, log under the request's correlation id too.
        Assert.Contains(requestLines,
            l => l.GetProperty("message").GetString() == "workflow step" && l.GetProperty("run_id").GetString() == runId);

        // Reads: the tree, the list, the versions, a plan with nothing to do, the diagram, a simulation.
        var tree = (await _api.GetAsync($"/trees/{name}")).Json;
        Assert.Equal(("ACTIVE", 1, runId), (tree.GetProperty("status").GetString(), tree.GetProperty("currentVersion").GetInt32(),
            tree.GetProperty("lastRun").GetProperty("runId").GetString()));
        Assert.Contains(name,
            (await _api.GetAsync("/trees")).Json.GetProperty("trees").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        var plan = await _api.GetAsync($"/trees/{name}/plan");
        Assert.True(plan.Status == 200, plan.ToString());
        Assert.Empty(plan.Json.GetProperty("layers").EnumerateArray());
        var diagram = await _api.GetAsync($"/trees/{name}/diagram");
        Assert.Equal((200, "text/plain"), (diagram.Status, diagram.ContentType));
        Assert.StartsWith("flowchart", diagram.Body);
        foreach (var id in v1.Root.DescendantsAndSelf().Select(n => n.Id)) Assert.Contains($"[\"{id}<br/>", diagram.Body);
        Assert.Contains(MermaidNode(diagram.Body, "use1-web3"), ClassMembers(diagram.Body, "done"));
        var simulated =
            await _api.PostAsync($"/trees/{name}/simulate", """{"unhealthy":["use1-web1","use1-web2","use1-web3"],"region":"us-east-1"}""");
        Assert.True(simulated.Status == 200, simulated.ToString());
        Assert.Equal([("apse2-web1", 0.5), ("apse2-web2", 0.5)], simulated.Json.GetProperty("answers").EnumerateArray()
            .Select(a => (a.GetProperty("nodeId").GetString()!, a.GetProperty("probability").GetDouble())).OrderBy(a => a.Item1));

        // Drift: a record deleted out of band, found by a check now, drawn on the diagram.
        Assert.Equal("drift-report-not-found", (await _api.GetAsync($"/trees/{name}/drift")).Problem);
        await DeleteRecordAsync(afterCreate.Single(r => WorkflowTestSupport.Key(r).EndsWith(" A use1-web3", StringComparison.Ordinal)));
        var checkedNow = await _api.PostAsync($"/trees/{name}/drift-check", "");
        Assert.True(checkedNow.Status == 200, checkedNow.ToString());
        Assert.Equal(1, checkedNow.Json.GetProperty("driftedItems").GetInt32());
        Assert.Equal(1, (await _api.GetAsync($"/trees/{name}/drift")).Json.GetProperty("driftedItems").GetInt32());
        var drifted = (await _api.GetAsync($"/trees/{name}/diagram")).Body;
        Assert.Equal([MermaidNode(drifted, "use1-web3")], ClassMembers(drifted, "driftMissing"));
        // The service's plan, as `failover plan NAME --api URL` prints it, puts the record back.
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(["plan", name, "--api", _api.BaseUrl.ToString(), "--json"], new StringReader(""), stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        var changes = JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("layers").EnumerateArray()
            .SelectMany(l =>
                l.TryGetProperty("changeBatches", out var batches) ? batches.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .SelectMany(b => b.GetProperty("Changes").EnumerateArray())
            .Select(c =>
                (c.GetProperty("Action").GetString(), c.GetProperty("ResourceRecordSet").GetProperty("SetIdentifier").GetString()));
        Assert.Equal([("CREATE", "use1-web3")], changes);

        // Update to version 2 (which also puts the deleted record back, with its new weight).
        var updated = await _api.PostAsync("/trees", await File.ReadAllTextAsync(v2Path));
        Assert.True(updated.Status == 202, updated.ToString());
        Assert.Equal(2, updated.Json.GetProperty("version").GetInt32());
        Assert.Equal("SUCCEEDED", (await _api.FollowRunAsync(updated.Header("location")!)).GetProperty("status").GetString());
        var afterUpdate = await _support.RecordsAsync();
        Assert.Equal(start.Select(WorkflowTestSupport.Key)
            .Concat(TreeCompiler.Compile(v2).Records.Select(r => WorkflowTestSupport.Key(r.RecordSet))).Order(),
            afterUpdate.Select(WorkflowTestSupport.Key).Order());
        Assert.Equal(15,
            afterUpdate.Single(r => WorkflowTestSupport.Key(r).EndsWith(" A use1-web3", StringComparison.Ordinal)).GetProperty("Weight")
            .GetInt32());
        var versions = await _api.GetAsync($"/trees/{name}/versions");
        Assert.Equal([2, 1], Versions(versions));
        Assert.Equal(2, versions.Json.GetProperty("currentVersion").GetInt32());

        // Roll back to version 1: the zone holds version 1 again (health check ids aside: a check v2 deleted is new).
        var rolledBack = await _api.PostAsync($"/trees/{name}/rollback", """{"version": 1}""");
        Assert.True(rolledBack.Status == 202, rolledBack.ToString());
        Assert.Equal(("ROLLBACK", 1), (rolledBack.Json.GetProperty("kind").GetString(), rolledBack.Json.GetProperty("version").GetInt32()));
        Assert.Equal("SUCCEEDED", (await _api.FollowRunAsync(rolledBack.Header("location")!)).GetProperty("status").GetString());
        Assert.Equal(afterCreate.Select(WorkflowTestSupport.Shape), (await _support.RecordsAsync()).Select(WorkflowTestSupport.Shape));
        Assert.Equal(1, (await _api.GetAsync($"/trees/{name}")).Json.GetProperty("currentVersion").GetInt32());

        // Delete: a teardown run; the zone as it started, no health check of the tree left.
        var deleted = await _api.SendAsync(HttpMethod.Delete, $"/trees/{name}");
        Assert.True(deleted.Status == 202, deleted.ToString());
        Assert.Equal("TEARDOWN", deleted.Json.GetProperty("kind").GetString());
        Assert.Equal("SUCCEEDED", (await _api.FollowRunAsync(deleted.Header("location")!)).GetProperty("status").GetString());
        Assert.Equal(start.Select(r => r.GetRawText()), (await _support.RecordsAsync()).Select(r => r.GetRawText()));
        Assert.Equal(checksAtStart, await HealthCheckIdsAsync());
        Assert.Equal("DELETED", (await _api.GetAsync($"/trees/{name}")).Json.GetProperty("status").GetString());
        Assert.Equal("tree-deleted", (await _api.SendAsync(HttpMethod.Delete, $"/trees/{name}")).Problem);
        log.WriteLine($"{lines.Count} log lines; last run {deleted.Json.GetProperty("runId").GetString()}");
    }

    private sealed record NodeView(string NodeId, string Layer, string Status);

    private static List<NodeView> Nodes(JsonElement run) => run.GetProperty("nodes").EnumerateArray()
        .Select(n =>
            new NodeView(n.GetProperty("nodeId").GetString()!, n.GetProperty("layer").GetString()!, n.GetProperty("status").GetString()!))
            .ToList();

    private static List<int> Versions(ApiAnswer answer)
    {
        Assert.True(answer.Status == 200, answer.ToString());
        return answer.Json.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ToList();
    }

    private async Task<List<string>> HealthCheckIdsAsync() =>
        (await _support.HealthChecksAsync()).Select(h => h.GetProperty("Id").GetString()!).Order().ToList();

    private async Task DeleteRecordAsync(JsonElement record)
    {
        var batch =
            new JsonObject { ["Changes"] =
            new JsonArray(new JsonObject { ["Action"] = "DELETE", ["ResourceRecordSet"] = JsonNode.Parse(record.GetRawText()) }) };
        var path = Path.Combine(Path.GetTempPath(), $"failover-api-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, batch.ToJsonString());
        await _support.AwsJsonAsync("route53", "change-resource-record-sets", "--hosted-zone-id", stack.ZoneId, "--change-batch",
            "file://" + path);
    }

    /// <summary>The Mermaid node token whose label starts with the tree node id.</summary>
    private static string MermaidNode(string diagram, string nodeId)
    {
        var line = diagram.Split('\n').Single(l => l.Contains($"[\"{nodeId}<br/>", StringComparison.Ordinal));
        return line.Trim()[..line.Trim().IndexOf('[')];
    }

    /// <summary>The members of a Mermaid <c>class a,b,c name</c> line; empty when there is none.</summary>
    private static List<string> ClassMembers(string diagram, string className) => diagram.Split('\n')
        .Select(l => l.Trim().Split(' '))
        .Where(parts => parts is ["class", _, _] && parts[2] == className)
        .SelectMany(parts => parts[1].Split(','))
        .ToList();
}
