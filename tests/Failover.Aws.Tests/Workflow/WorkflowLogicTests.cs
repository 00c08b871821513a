using System.Net;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Service.Workflow;
using Failover.Core.Planning;
using Failover.Core.Route53;

namespace Failover.Aws.Tests.Workflow;

/// <summary>The workflow's pure parts: which state runs which layer, node bookkeeping, error names, settings.</summary>
[Trait("Category", "Unit")]
public sealed class WorkflowLogicTests
{
    private static ResourceRecordSet Record(string name, string? id, string value = "192.0.2.1") =>
        new() { Name = name, Type = "A", SetIdentifier = id, Weight = id is null ? null : 1, Ttl = 60, ResourceRecords = [value] };

    private static PlanLayer Records(string name, params RecordChange[] changes) =>
        new(name, PlanLayerKind.Records) { ChangeBatches = [new ChangeBatch(changes)] };

    private static readonly Plan Update = new("t", "Z1",
    [
        new PlanLayer(LayerNames.HealthChecks, PlanLayerKind.HealthChecks)
        {
            HealthChecks = [new PlannedHealthCheck("web3", "t.web3.x", new HealthCheckConfig { Type = "HTTP" })],
        },
        Records(LayerNames.LeafRecords,
            new RecordChange(ChangeAction.Create, Record("_p.t.example.com", "web3"), "web3"),
            new RecordChange(ChangeAction.Upsert, Record("_p.t.example.com", "web1"), "web1")),
        Records("alias-level-1", new RecordChange(ChangeAction.Upsert, Record("t.example.com", "p"), "p")),
        Records("delete-leaf-records", new RecordChange(ChangeAction.Delete, Record("_p.t.example.com", "web2"), "web2")),
        new PlanLayer(LayerNames.HealthCheckCleanup, PlanLayerKind.HealthCheckCleanup)
        {
            HealthCheckDeletions = [new HealthCheckDeletion("hc-2", "web2"), new HealthCheckDeletion("hc-9", null)],
        },
    ]);

    [Fact]
    public void Each_layer_is_run_by_the_state_of_its_kind_and_the_last_leads_to_the_wait_for_sync()
    {
        var steps = new List<string> { LayerSteps.Start(Update).Step };
        for (var layer = 0; layer < Update.Layers.Count; layer++) steps.Add(LayerSteps.After(Update, layer).Step);

        Assert.Equal(["HealthChecks", "LeafRecords", "AliasLevel", "DeleteRecords", "HealthCheckCleanup", "CheckChange"], steps);
        Assert.Equal((4, 5, "health-check-cleanup"),
            (LayerSteps.After(Update, 3).Layer, LayerSteps.After(Update, 3).Layers, LayerSteps.After(Update, 3).LayerName));
    }

    [Fact]
    public void A_plan_with_nothing_to_do_goes_straight_to_Finalize_and_one_of_checks_alone_does_not_wait()
    {
        var checksOnly = Update with { Layers = [Update.Layers[0]] };

        Assert.Equal(LayerSteps.Finalize, LayerSteps.Start(Update with { Layers = [] }).Step);
        Assert.Equal(LayerSteps.Finalize, LayerSteps.After(checksOnly, 0).Step);
    }

    [Fact]
    public void Nodes_are_tracked_from_their_record_layer_and_end_done_or_deleted_after_their_last_layer()
    {
        var nodes = PlanNodes.Of(Update);
        var planned = PlanNodes.Planned(Update).ToDictionary(n => n.NodeId);

        Assert.Equal(["health-check hc-9", "p", "web1", "web2", "web3"], nodes.Keys.Order());
        Assert.Equal([0, 1], nodes["web3"].Layers);
        Assert.Equal(NodeStatus.Done, nodes["web3"].FinalStatus);
        Assert.Equal([3, 4], nodes["web2"].Layers);
        Assert.Equal(NodeStatus.Deleted, nodes["web2"].FinalStatus);
        Assert.Equal(("leaf-records", "delete-leaf-records", "health-check-cleanup"),
            (planned["web3"].Layer, planned["web2"].Layer, planned["health-check hc-9"].Layer));
        Assert.Equal([new RecordKey("_p.t.example.com", "A", "web3")], planned["web3"].Records);
    }

    [Fact]
    public void A_change_without_a_node_is_tracked_under_its_record_key()
    {
        var change = new RecordChange(ChangeAction.Delete, Record("t.example.com", null));

        Assert.Equal("t.example.com A", PlanNodes.IdOf(change));
    }

    [Fact]
    public async Task A_throttled_progress_table_is_a_TransientFailure_because_the_store_speaks_the_service_s_errors()
    {
        using var dynamo = new ThrottledDynamo();
        var store = new Failover.Store.ProgressStore(dynamo, "progress", TimeProvider.System);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => store.GetRunAsync("run-1"));

        Assert.IsType<Failover.Service.Ports.AwsServiceException>(error);
        Assert.Equal(WorkflowErrors.Transient, WorkflowStepException.Classify(error)!.ErrorName);
    }

    /// <summary>A DynamoDB client whose every GetItem is throttled after the SDK's retries (no request is sent).</summary>
    private sealed class ThrottledDynamo() : Amazon.DynamoDBv2.AmazonDynamoDBClient(
        new Amazon.Runtime.BasicAWSCredentials("testing", "testing"), Amazon.RegionEndpoint.USEast1)
    {
        public override Task<Amazon.DynamoDBv2.Model.GetItemResponse> GetItemAsync(
            Amazon.DynamoDBv2.Model.GetItemRequest request, CancellationToken cancellationToken = default) =>
            throw new Amazon.DynamoDBv2.Model.ProvisionedThroughputExceededException("slow down")
            {
                ErrorCode = "ProvisionedThroughputExceededException", StatusCode = HttpStatusCode.BadRequest,
            };
    }

    [Fact]
    public void Retryable_failures_become_TransientFailure_and_the_rest_keep_their_name_or_none()
    {
        var throttled = new Route53ThrottlingException("Throttling", "Rate exceeded", HttpStatusCode.BadRequest, null);
        var invalid = new InvalidChangeBatchException("bad", ["bad"], HttpStatusCode.BadRequest, null);

        Assert.Equal(WorkflowErrors.Transient, WorkflowStepException.Classify(throttled)!.ErrorName);
        Assert.Equal(WorkflowErrors.Transient, WorkflowStepException.Classify(new HttpRequestException("reset"))!.ErrorName);
        Assert.True(WorkflowStepException.Classify(throttled)!.IsRetryable);
        Assert.Null(WorkflowStepException.Classify(invalid));
        Assert.Null(WorkflowStepException.Classify(new InvalidOperationException("bug")));
        var named = new WorkflowStepException(WorkflowErrors.LockLost, "gone");
        Assert.Same(named, WorkflowStepException.Classify(named));
        Assert.False(named.IsRetryable);
    }

    [Fact]
    public void A_caught_lambda_error_reads_as_its_message()
    {
        var (error, cause) = FailureCause.Describe(new CaughtError
        {
            Error = "RecordConflict", Cause = """{"errorType":"RecordConflict","errorMessage":"x.example.com A: not ours"}""",
        });

        Assert.Equal(("RecordConflict", "x.example.com A: not ours"), (error, cause));
        Assert.Equal(("States.Timeout", "plain text"),
            FailureCause.Describe(new CaughtError { Error = "States.Timeout", Cause = "plain text" }));
        Assert.Equal(("Unknown", "no cause given"), FailureCause.Describe(null));
    }

    [Fact]
    public void Settings_come_from_the_environment_and_name_the_variable_when_wrong()
    {
        var environment = new Dictionary<string, string>
        {
            [WorkflowOptions.TableVariable] = "progress", [WorkflowOptions.SyncPollVariable] = "2",
                [WorkflowOptions.SyncTimeoutVariable] = "120",
        };

        var options = WorkflowOptions.FromEnvironment(environment.GetValueOrDefault);
        var error =
            Assert.Throws<ArgumentException>(() =>
            WorkflowOptions.FromEnvironment(name => name == WorkflowOptions.SyncPollVariable ? "soon" : null));
        var tooShort = Assert.Throws<ArgumentException>(() => new WorkflowOptions { SyncTimeout = TimeSpan.FromSeconds(5) }.Validated());

        Assert.Equal(("progress", 2.0, 120.0),
            (options.TableName, options.SyncPollInterval.TotalSeconds, options.SyncTimeout.TotalSeconds));
        Assert.Contains(WorkflowOptions.SyncPollVariable, error.Message);
        Assert.Contains(WorkflowOptions.SyncTimeoutVariable, tooShort.Message);
    }

    [Fact]
    public void Verification_names_what_is_missing_changed_or_still_there()
    {
        var kept = Record("_p.t.example.com", "web1");
        var plan = new Plan("t", "Z1",
        [
            Records(LayerNames.LeafRecords, new RecordChange(ChangeAction.Create, kept, "web1"),
                new RecordChange(ChangeAction.Create, Record("_p.t.example.com", "web3"), "web3")),
            Records("delete-leaf-records", new RecordChange(ChangeAction.Delete, Record("_p.t.example.com", "web2"), "web2")),
        ]);
        var zone = new[] { kept, Record("_p.t.example.com", "web2") };

        var differences = PlanVerifier.Differences(plan, new Dictionary<string, string>(), zone, zone.Select(r => r.Key).ToHashSet());
        var foreign = PlanVerifier.Differences(plan, new Dictionary<string, string>(), zone, new HashSet<RecordKey>());

        Assert.Equal(["_p.t.example.com A [web3]: missing", "_p.t.example.com A [web2]: still there, though deleted"], differences);
        Assert.Equal(["_p.t.example.com A [web3]: missing"], foreign);
    }
}
