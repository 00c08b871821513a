using Failover.Core.Diagram;
using Failover.Core.Drift;
using Failover.Core.Route53;
using Failover.Service.Ports;
using Failover.Service.Progress;
using Failover.Testing;
using Failover.Core.Contracts;

namespace Failover.Aws.Tests.Api;

/// <summary>
/// The API's response bodies (docs/openapi.yaml), pinned to the golden files the hand-written writers produced before
/// the typed resources replaced them: the same members with the same values (member order aside).
/// </summary>
[Trait("Category", "Unit")]
public sealed class GoldenResponseTests
{
    private const string Folder = "tests/Failover.Aws.Tests/Api/Golden";

    /// <summary>Two versions, a failed run with every node field set, a stored drift report, and a second tree never applied.</summary>
    internal static ApiHarness Populated()
    {
        var api = ApiHarness.WithDrift(new Dictionary<string, DriftState> { ["main"] = DriftState.Changed });
        api.StoreTree();
        var spec = api.StoreTree();
        api.StoreTree("fresh", applied: false);
        var run = api.Store.AddRun("status", "run-1", RunStatus.Failed);
        api.Store.Runs["run-1"] = run with
        {
            Error = "leaf-records: Throttling", ExecutionArn = "arn:aws:states:us-east-1:123456789012:execution:failover:run-1",
        };
        var moment = InMemoryTreeStore.Moment;
        api.Store.Nodes["run-1"] =
        [
            new NodeProgress("run-1", "main", "leaf-records", NodeStatus.Done, [new RecordKey("status.example.com", "AAAA", "main")],
                "hc-1", "C123", null, moment, moment, moment.AddSeconds(5), moment.AddSeconds(30)),
            new NodeProgress("run-1", "standby", "leaf-records", NodeStatus.Failed,
                [new RecordKey("status.example.com", "AAAA", "standby")], null, null, "Throttling: Rate exceeded",
                moment, moment, moment.AddSeconds(6), moment.AddSeconds(31)),
            new NodeProgress("run-1", "root", null, NodeStatus.Pending, [new RecordKey("status.example.com", "AAAA", null)],
                null, null, null, moment, moment, null, null),
        ];
        var report = new DriftReport("status", ApiHarness.AllowedZone, "status.example.com",
            [
                new DriftItem(DriftKind.RecordChanged)
                {
                    Record = new RecordKey("status.example.com", "AAAA", "main"),
                    NodeId = "main",
                    Fields = [new FieldDifference("ttl", "60", "300")],
                },
            ])
        {
            Version = 2,
            CheckedAt = moment.AddMinutes(9),
        };
        var stored = DriftReportJson.Write(report, indented: false);
        api.Store.Drift["status"] = new DriftReportRecord("status", stored, 1, moment.AddMinutes(9));
        api.Store.Events.AddRange(
        [
            new TreeEventRecord("status", "run-1/run-started", "Run Started", moment, "Apply of version 2 started")
            {
                Version = 2, RunId = "run-1", Link = "/runs/run-1",
            },
            new TreeEventRecord("status", "run-1/run-rolled-back", "Run Rolled Back", moment.AddMinutes(1),
                "Apply of version 2 failed and was rolled back: leaf-records: Throttling")
            {
                Version = 2, RunId = "run-1", Link = "/runs/run-1",
            },
            new TreeEventRecord("status", "status/answer/hc-1/1772366700000", "Tree Answer Changed", moment.AddMinutes(5),
                "status.example.com now answers from `standby` (secondary, 2001:db8::2) for every client; unhealthy: main")
            {
                Version = 1, RunId = "run-0", Link = "/trees/status/health",
            },
            new TreeEventRecord("status", "status/drift/1772366940000", "Drift Detected", moment.AddMinutes(9),
                "Drift found: 1 drifted item (recordChanged 1)")
            {
                Version = 2, RunId = "run-1", Link = "/trees/status/drift",
            },
        ]);
        _ = spec;
        return api;
    }

    public static TheoryData<string, string, string, string?> Requests => new()
    {
        { "list-trees", "GET", "/trees", null },
        { "list-trees-page", "GET", "/trees?limit=1", null },
        { "get-tree", "GET", "/trees/status", null },
        { "get-tree-fresh", "GET", "/trees/fresh", null },
        { "list-versions", "GET", "/trees/status/versions", null },
        { "list-events", "GET", "/trees/status/events", null },
        { "get-version", "GET", "/trees/status/versions/1", null },
        { "get-run", "GET", "/runs/run-1", null },
        { "get-plan", "GET", "/trees/status/plan", null },
        { "get-diagram", "GET", "/trees/status/diagram?format=json", null },
        { "simulate", "POST", "/trees/status/simulate", """{"unhealthy":["main"]}""" },
        { "get-drift", "GET", "/trees/status/drift", null },
        { "check-drift", "POST", "/trees/status/drift-check", null },
        { "create-tree-dry-run", "POST", "/trees?dryRun=true", Specs.Failover() },
        { "create-tree", "POST", "/trees", Specs.Failover("newer") },
        { "delete-tree", "DELETE", "/trees/status", null },
        { "rollback", "POST", "/trees/status/rollback", """{"version":1}""" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Responses_mean_what_they_meant(string name, string method, string path, string? body)
    {
        var response = await Populated().SendAsync(method, path, body);

        Assert.True(response.StatusCode is 200 or 202, $"{method} {path}: {response.StatusCode} {response.BodyText}");
        GoldenJson.AssertEquivalent(Folder, name, response.BodyText);
    }
}
