using System.Text.Json;
using Xunit.Abstractions;
using System.Text.Json.Nodes;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Aws.StepFunctions;
using Failover.Core.Compilation;
using Failover.Functions.Handlers;
using Failover.Local.Realism;

namespace Failover.EndToEnd.Tests.Workflow;

/// <summary>
/// The provisioning workflow end to end: the CLI starts runs; moto executes the real definition; its Task states run
/// the real functions through the edge; the functions call Route 53 through the realism layer. Route 53 is read back
/// with the AWS CLI, an independent client.
/// </summary>
[Collection(WorkflowStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class WorkflowRunTests(WorkflowStackFixture stack, ITestOutputHelper log)
{
    private readonly WorkflowTestSupport _support = new(stack, log);

    [Fact]
    public async Task A_tree_is_created_updated_make_before_break_rolled_back_and_torn_down_by_workflow_runs()
    {
        var start = await _support.RecordsAsync();
        var checksAtStart = (await _support.HealthChecksAsync()).Select(h => h.GetProperty("Id").GetString()).ToHashSet();
        var (v1Path, v1) = _support.WriteSpec("complex.json");
        var root = v1.RecordName;

        // Create.
        var created = await _support.CliAsync("apply", v1Path, "--yes");
        Assert.True(created.Code == 0, created.Out + created.Error);
        Assert.Contains("SUCCEEDED", created.Out);
        Assert.Contains("[alias-level-2] done", created.Error);

        var afterCreate = await _support.RecordsAsync();
        var compiled = TreeCompiler.Compile(v1).Records;
        Assert.Equal(start.Select(WorkflowTestSupport.Key).Concat(compiled.Select(r => WorkflowTestSupport.Key(r.RecordSet))).Order(),
            afterCreate.Select(WorkflowTestSupport.Key).Order());
        await AssertAliasesResolveAndChecksAttachedAsync(afterCreate, v1.Name, expectedChecks: 5);

        var status = await StatusAsync(v1.Name);
        var run = status["lastRun"]!;
        Assert.Equal(("SUCCEEDED", 1), (run["status"]!.GetValue<string>(), status["currentVersion"]!.GetValue<int>()));
        // One state per layer: the two alias levels are two entries of AliasLevel.
        var states = await StatesEnteredAsync(run["executionArn"]!.GetValue<string>());
        Assert.Equal(["Plan", "HealthChecks", "LeafRecords", "AliasLevel", "AliasLevel", "CheckChange"], states.Take(6));
        Assert.Equal("Finalize", states[^1]);
        Assert.All(states.Skip(6).SkipLast(1), state => Assert.Contains(state, new[] { "WaitForSync", "CheckChange" }));
        // Nodes: all PENDING once planned, then each only forward, all DONE at the end.
        var history = stack.NodeHistory[run["runId"]!.GetValue<string>()].Where(nodes => nodes.Count > 0).ToList();
        Assert.All(history[0], node => Assert.Equal(NodeStatus.Pending, node.Status));
        foreach (var node in history[0].Select(n => n.NodeId))
        {
            var sequence = history.Select(nodes => nodes.Single(n => n.NodeId == node).Status).ToList();
            Assert.Equal(sequence.Order(), sequence);
        }
        Assert.All(run["nodes"]!.AsArray(), node => Assert.Equal("DONE", node!["status"]!.GetValue<string>()));
        Assert.Equal(compiled.Select(r => r.NodeId).Distinct().Count(), run["nodes"]!.AsArray().Count);

        // Update, make-before-break: a region added, an endpoint removed, a weight changed.
        stack.Zone.Clear();
        var (v2Path, v2) = _support.WriteSpec("complex.json", edit: spec =>
        {
            var regions = spec["root"]!["primary"]!["children"]!.AsArray();
            regions[0]!["children"]![2]!["weight"] = 15;
            regions[1]!["children"]!.AsArray().RemoveAt(1);
            regions.Add(JsonNode.Parse("""
                { "id": "eu-west", "region": "eu-west-1", "routing": "weighted", "children": [
                  { "id": "euw1-web1", "weight": 10, "endpoint": { "values": ["203.0.113.31"], "healthCheck": {} } },
                  { "id": "euw1-web2", "weight": 10, "endpoint": { "values": ["203.0.113.32"], "healthCheck": {} } } ] }
                """));
        });
        var updated = await _support.CliAsync("apply", v2Path, "--yes");
        Assert.True(updated.Code == 0, updated.Out + updated.Error);
        Assert.Contains("[delete-leaf-records]", updated.Error);

        var snapshots = stack.Zone.Snapshots;
        Assert.True(snapshots.Count >= 3, $"{snapshots.Count} change batches");
        Assert.All(snapshots,
            zone => Assert.True(WorkflowTestSupport.Answers(zone, root, "A", stack.ZoneId), "the root had no answer after a batch"));
        var afterUpdate = await _support.RecordsAsync();
        Assert.Equal(start.Select(WorkflowTestSupport.Key)
            .Concat(TreeCompiler.Compile(v2).Records.Select(r => WorkflowTestSupport.Key(r.RecordSet))).Order(),
            afterUpdate.Select(WorkflowTestSupport.Key).Order());
        await AssertAliasesResolveAndChecksAttachedAsync(afterUpdate, v2.Name, expectedChecks: 6);

        // Roll back to version 1: the zone holds version 1 again (a check v2 cleaned up is made anew, so ids aside).
        stack.Zone.Clear();
        var rolledBack = await _support.CliAsync("rollback", v1.Name, "--to-version", "1", "--yes");
        Assert.True(rolledBack.Code == 0, rolledBack.Out + rolledBack.Error);
        Assert.All(stack.Zone.Snapshots,
            zone => Assert.True(WorkflowTestSupport.Answers(zone, root, "A", stack.ZoneId), "the root had no answer after a batch"));
        var afterRollback = await _support.RecordsAsync();
        Assert.Equal(afterCreate.Select(WorkflowTestSupport.Shape), afterRollback.Select(WorkflowTestSupport.Shape));
        await AssertAliasesResolveAndChecksAttachedAsync(afterRollback, v1.Name, expectedChecks: 5);
        var rollbackStatus = await StatusAsync(v1.Name);
        Assert.Equal(("ROLLBACK", 1, 2),
            (rollbackStatus["lastRun"]!["kind"]!.GetValue<string>(), rollbackStatus["currentVersion"]!.GetValue<int>(),
            rollbackStatus["latestVersion"]!.GetValue<int>()));

        // Tear down: the zone as it started, no health check left.
        var destroyed = await _support.CliAsync("destroy", v1.Name, "--yes");
        Assert.True(destroyed.Code == 0, destroyed.Out + destroyed.Error);
        Assert.Equal(start.Select(r => r.GetRawText()), (await _support.RecordsAsync()).Select(r => r.GetRawText()));
        Assert.Equal(checksAtStart.Order(), (await _support.HealthChecksAsync()).Select(h => h.GetProperty("Id").GetString()).Order());
        Assert.Equal("DELETED", (await StatusAsync(v1.Name))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failure_in_the_middle_layer_ends_in_Rollback_and_leaves_the_zone_exactly_as_before()
    {
        var (path, spec) = _support.WriteSpec("complex.json", name: "store");
        var before = (await _support.RecordsAsync()).Select(r => r.GetRawText()).ToList();
        var checksBefore = (await _support.HealthChecksAsync()).Select(h => h.GetProperty("Id").GetString()).Order().ToList();
        // The middle of the three record layers is the first alias level. Just before it runs, someone else writes a
        // record at one of its keys: the layer must not overwrite it, and everything the run did must be undone.
        var (outcome, target, foreign) = await ZoneWrites.ApplyMeetingForeignRecordAsync(stack, _support, path, spec);
        Assert.True(outcome.Code == 1, outcome.Out + outcome.Error);
        Assert.Contains("ROLLED_BACK", outcome.Out);
        Assert.Contains("RecordConflict", outcome.Error);
        var after = await _support.RecordsAsync();
        var foreignKey = $"{target.Name} A {target.SetIdentifier}";
        Assert.Single(after, r => WorkflowTestSupport.Key(r) == foreignKey);
        Assert.Equal(before, after.Where(r => WorkflowTestSupport.Key(r) != foreignKey).Select(r => r.GetRawText()));
        Assert.Equal(checksBefore, (await _support.HealthChecksAsync()).Select(h => h.GetProperty("Id").GetString()).Order());

        var status = await StatusAsync(spec.Name);
        var run = status["lastRun"]!;
        Assert.Equal(("ROLLED_BACK", "FAILED"), (run["status"]!.GetValue<string>(), status["status"]!.GetValue<string>()));
        Assert.StartsWith("RecordConflict: ", run["error"]!.GetValue<string>());
        Assert.All(run["nodes"]!.AsArray(), node => Assert.Equal("FAILED", node!["status"]!.GetValue<string>()));
        var executionArn = run["executionArn"]!.GetValue<string>();
        var execution = await States().DescribeExecutionAsync(executionArn);
        Assert.Equal(("FAILED", "RecordConflict"), (execution.Status, execution.Error));
        Assert.Contains("does not own", execution.Cause);
        var states = await StatesEnteredAsync(executionArn);
        Assert.Equal(["Plan", "HealthChecks", "LeafRecords", "AliasLevel", "Rollback"], states);

        Assert.Equal(0, (await ZoneWrites.ChangeAsync(stack, foreign.Replace("\"CREATE\"", "\"DELETE\""))).ExitCode);
    }

    [Fact]
    public async Task A_layer_whose_answer_was_lost_after_Route_53_applied_it_reads_the_zone_and_goes_on()
    {
        var (path, spec) = _support.WriteSpec("complex.json", name: "cart");
        var invocations = 0;
        // From the first alias level on, every batch goes through but its answer is lost (the connection is cut). The
        // step must not resend it blindly nor fail: it reads the zone, finds the batch applied and goes on.
        stack.BeforeStep = (function, request) =>
        {
            if (function != WorkflowHandlers.ApplyRecordLayer || request.Cursor?.LayerName != "alias-level-1") return Task.CompletedTask;
            Interlocked.Increment(ref invocations);
            stack.Stack.Realism.Update(settings => settings with
            {
                Faults =
                    new FaultSettings { Rate = 1, Kinds = [FaultKind.ResponseLostAfterApplied], Operations = ["ChangeResourceRecordSets"] },
            });
            return Task.CompletedTask;
        };
        var faultsBefore = stack.Stack.Realism.Stats.Get(RealismStats.Faults, nameof(FaultKind.ResponseLostAfterApplied));
        (int Code, string Out, string Error) outcome;
        try
        {
            outcome = await _support.CliAsync("apply", path, "--yes");
        }
        finally
        {
            stack.BeforeStep = null;
            stack.Stack.Realism.Update(settings => settings with { Faults = new FaultSettings() });
        }

        Assert.True(outcome.Code == 0, outcome.Out + outcome.Error);
        Assert.Equal(1, invocations);
        Assert.Equal(2, stack.Stack.Realism.Stats.Get(RealismStats.Faults, nameof(FaultKind.ResponseLostAfterApplied)) - faultsBefore);
        var records = await _support.RecordsAsync();
        Assert.Equal(TreeCompiler.Compile(spec).Records.Select(r => WorkflowTestSupport.Key(r.RecordSet)).Order(),
            records.Select(WorkflowTestSupport.Key).Where(key => key.Contains("cart.")).Order());
        var run = (await StatusAsync(spec.Name))["lastRun"]!;
        var failures = new List<string>();
        await foreach (var item in States().GetFullExecutionHistoryAsync(run["executionArn"]!.GetValue<string>()))
            if (item.Type == "LambdaFunctionFailed") failures.Add(item.LambdaFunctionFailedEventDetails!.Error!);
        Assert.Empty(failures);
        Assert.Equal(["Plan", "HealthChecks", "LeafRecords", "AliasLevel", "AliasLevel", "CheckChange"],
            (await StatesEnteredAsync(run["executionArn"]!.GetValue<string>())).Take(6));

        var destroyed = await _support.CliAsync("destroy", spec.Name, "--yes");
        Assert.True(destroyed.Code == 0, destroyed.Out + destroyed.Error);
    }

    private async Task AssertAliasesResolveAndChecksAttachedAsync(List<JsonElement> records, string tree, int expectedChecks)
    {
        var names = records.Select(r => r.GetProperty("Name").GetString()).ToHashSet();
        foreach (var alias in records.Where(r => r.TryGetProperty("AliasTarget", out _)).Select(r => r.GetProperty("AliasTarget")))
            if (alias.GetProperty("HostedZoneId").GetString()!.EndsWith(stack.ZoneId))
                Assert.Contains(alias.GetProperty("DNSName").GetString(), names);

        var attached = records.Where(r => r.TryGetProperty("HealthCheckId", out _)).ToList();
        Assert.Equal(expectedChecks, attached.Count);
        var checks = (await _support.HealthChecksAsync()).Select(h => h.GetProperty("Id").GetString()!).ToList();
        var tags = await _support.TagsAsync(checks);
        foreach (var record in attached)
        {
            var id = record.GetProperty("HealthCheckId").GetString()!;
            Assert.Contains(id, checks);
            Assert.Equal((tree, record.GetProperty("SetIdentifier").GetString()), (tags[id]["failover:tree"], tags[id]["failover:node"]));
        }
        // No check of the tree is left unattached.
        var ours = checks.Where(id => tags.GetValueOrDefault(id)?.GetValueOrDefault("failover:tree") == tree);
        Assert.Equal(attached.Select(r => r.GetProperty("HealthCheckId").GetString()).Order(), ours.Order());
    }

    [Fact]
    public async Task Server_errors_after_Route_53_applied_every_change_neither_resend_nor_roll_back_a_run()
    {
        // Every change batch is applied and then answered 500 InternalFailure: the client must not resend it (a CREATE
        // that landed would be refused as existing) and the step must read the zone, find it landed and go on.
        var (path, spec) = _support.WriteSpec("complex.json", name: "ambiguous");
        var faultsBefore = stack.Stack.Realism.Stats.Get(RealismStats.Faults, nameof(FaultKind.ServerErrorAfterApplied));
        stack.Stack.Realism.Update(settings => settings with
        {
            Faults = new FaultSettings { Rate = 1, Kinds = [FaultKind.ServerErrorAfterApplied], Operations = ["ChangeResourceRecordSets"] },
        });
        (int Code, string Out, string Error) applied, destroyed;
        JsonNode run;
        try
        {
            applied = await _support.CliAsync("apply", path, "--yes");
            run = (await StatusAsync(spec.Name))["lastRun"]!;
            destroyed = await _support.CliAsync("destroy", spec.Name, "--yes");
        }
        finally
        {
            stack.Stack.Realism.Update(settings => settings with { Faults = new FaultSettings() });
        }

        Assert.True(applied.Code == 0, applied.Out + applied.Error);
        Assert.Equal("SUCCEEDED", run["status"]!.GetValue<string>());
        // Three record layers to apply and three to tear down, one batch each: every one was answered 500.
        Assert.Equal(6, stack.Stack.Realism.Stats.Get(RealismStats.Faults, nameof(FaultKind.ServerErrorAfterApplied)) - faultsBefore);
        var failures = new List<string>();
        await foreach (var item in States().GetFullExecutionHistoryAsync(run["executionArn"]!.GetValue<string>()))
            if (item.Type == "LambdaFunctionFailed") failures.Add(item.LambdaFunctionFailedEventDetails!.Error!);
        Assert.Empty(failures);
        Assert.DoesNotContain("Rollback", await StatesEnteredAsync(run["executionArn"]!.GetValue<string>()));
        Assert.True(destroyed.Code == 0, destroyed.Out + destroyed.Error);
        Assert.DoesNotContain(await _support.RecordsAsync(), record => WorkflowTestSupport.Key(record).Contains("ambiguous."));
    }

    private Task<JsonNode> StatusAsync(string tree) => _support.StatusAsync(tree);

    private StepFunctionsClient States() => _support.States();

    private Task<List<string>> StatesEnteredAsync(string executionArn) => _support.StatesEnteredAsync(executionArn);
}

/// <summary>Someone else writing to the zone: the AWS CLI through the edge.</summary>
internal static class ZoneWrites
{
    /// <summary>A change batch creating someone else's A record at a latency record's key (name, set identifier).</summary>
    public static string ForeignCreate(Core.Route53.ResourceRecordSet target) => $$$"""
        {"Changes":[{"Action":"CREATE","ResourceRecordSet":{"Name":"{{{target.Name}}}.","Type":"A",
        "SetIdentifier":"{{{target.SetIdentifier}}}",
         "Region":"{{{target.Region}}}","TTL":300,"ResourceRecords":[{"Value":"203.0.113.99"}]}}]}
        """;

    /// <summary>
    /// `failover apply` of <paramref name="spec"/> while someone else creates a record at a key of its first alias level
    /// just before that layer runs (once): the run must stop there and roll back. Answers the CLI's outcome, the record
    /// written over and the batch that wrote it (the caller deletes it when done).
    /// </summary>
    public static async Task<((int Code, string Out, string Error) Outcome, Core.Route53.ResourceRecordSet Target, string Foreign)>
        ApplyMeetingForeignRecordAsync(WorkflowStackFixture stack, WorkflowTestSupport support, string path, Core.Spec.TreeSpec spec)
    {
        var target = TreeCompiler.Compile(spec).Records.First(r => r.Level == 1).RecordSet;
        var foreign = ForeignCreate(target);
        var injected = 0;
        stack.BeforeStep = async (function, request) =>
        {
            if (function == WorkflowHandlers.ApplyRecordLayer && request.Cursor?.LayerName == "alias-level-1"
                && Interlocked.Exchange(ref injected, 1) == 0)
                Assert.Equal(0, (await ChangeAsync(stack, foreign)).ExitCode);
        };
        try
        {
            var outcome = await support.CliAsync("apply", path, "--yes");
            Assert.Equal(1, injected);
            return (outcome, target, foreign);
        }
        finally
        {
            stack.BeforeStep = null;
        }
    }

    public static Task<LocalStack.AwsCli.Result> ChangeAsync(WorkflowStackFixture stack, string batch) =>
        LocalStack.AwsCli.RunAsync(stack.EdgeUrl, "route53", "change-resource-record-sets", "--hosted-zone-id", stack.ZoneId,
            "--change-batch", batch);
}
