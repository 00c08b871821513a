using Failover.Store;
using Failover.Service.Progress;
using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Aws.StepFunctions;
using Failover.Aws.Tests.Progress;
using Failover.Aws.Tests.Route53;
using Failover.Service.Workflow;
using Failover.Service.Workflow.Steps;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Testing.Workflow;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Aws.Tests.Workflow;

/// <summary>
/// The steps of the workflow against moto, with a fresh zone, progress table and (inert) state machine per test, and
/// a driver that plays the state machine's part: it follows each step's cursor to the next, as the definition does.
/// </summary>
internal sealed class WorkflowHarness
{
    private const string Role = "arn:aws:iam::123456789012:role/failover-state-machine";

    private WorkflowHarness(WorkflowServices services, HostedZone zone, RunStarter starter, CountingHandler route53Requests,
        FakeTimeProvider time)
    {
        Time = time;
        Services = services;
        Zone = zone;
        Starter = starter;
        Route53Requests = route53Requests;
        Driver = new StateMachineDriver(services);
    }

    public WorkflowServices Services { get; }
    public ProgressStore Store => (ProgressStore)Services.Store;
    public Route53Client Route53 => (Route53Client)Services.Route53;
    public HostedZone Zone { get; }
    public string ZoneName => Zone.Name.TrimEnd('.');
    public RunStarter Starter { get; }
    public CountingHandler Route53Requests { get; }

    /// <summary>The progress store's clock (lock expiry, timestamps); it moves only when a test moves it.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The state machine's part: follows each step's cursor, as the definition does.</summary>
    public StateMachineDriver Driver { get; }

    /// <summary>Layer steps the driver ran, in order (state names).</summary>
    public List<string> StatesEntered => Driver.StatesEntered;

    /// <param name="options">Changes to the steps' settings (a smaller step budget).</param>
    public static async Task<WorkflowHarness> NewAsync(MotoFixture moto, Func<WorkflowOptions, WorkflowOptions>? options = null)
    {
        var (store, _, time) = await ProgressTestStores.NewAsync(moto);
        var counting = new CountingHandler();
        var route53 = Route53MotoClient.Create(moto, new HttpClient(counting));
        var zone = await Route53MotoClient.NewZoneAsync(route53);
        var states = new StepFunctionsClient(new StepFunctionsClientOptions { Region = "us-east-1", Endpoint = moto.Url });
        // moto records executions of this machine without running them: the test drives the steps itself.
        var machine = await states.CreateStateMachineAsync($"provisioning-{Guid.NewGuid():N}"[..30],
            """{"StartAt":"Done","States":{"Done":{"Type":"Pass","End":true}}}""", Role);
        var services =
            new WorkflowServices(route53, store, TimeProvider.System,
            (options ?? (o => o))(new WorkflowOptions { TableName = store.TableName, SyncPollInterval = TimeSpan.FromSeconds(1) }));
        return new WorkflowHarness(services, zone, new RunStarter(store, states, machine.StateMachineArn, TimeProvider.System),
            counting, time);
    }

    /// <summary>A tree in the test's zone: failover at the root, a weighted pool of two checked endpoints as primary, an endpoint as
    /// secondary.</summary>
    public TreeSpec Spec(string tree, string pool = WorkflowTrees.TwoCheckedEndpoints, string secondary = "192.0.2.99") =>
        WorkflowTrees.FailoverPool(tree, Zone.Id, ZoneName, pool, secondary);

    public static string NewTreeName() => "t" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Runs the steps from Plan to Finalize, calling <paramref name="beforeStep"/> before each layer step.</summary>
    public Task<RunOutcome> DriveAsync(string runId, bool force = false, Func<WorkflowCursor, Task>? beforeStep = null) =>
        Driver.DriveAsync(runId, force, beforeStep);

    /// <summary>Drives a run; a failing step goes to Rollback with what a Catch would pass, as the definition does.</summary>
    public Task<RunOutcome> DriveWithRollbackAsync(string runId, bool force = false, Func<WorkflowCursor, Task>? beforeStep = null) =>
        Driver.DriveWithRollbackAsync(runId, force, beforeStep);

    /// <summary>Every record set of the zone, as the client reads it.</summary>
    public async Task<List<ResourceRecordSet>> ZoneRecordsAsync()
    {
        var records = new List<ResourceRecordSet>();
        await foreach (var record in Route53.ListAllResourceRecordSetsAsync(Zone.Id)) records.Add(record);
        return records;
    }

    /// <summary>The health checks whose CallerReference starts with the tree's name (the tree's own and any orphan).</summary>
    public async Task<List<HealthCheck>> HealthChecksOfAsync(string tree)
    {
        var checks = new List<HealthCheck>();
        await foreach (var check in Route53.ListAllHealthChecksAsync())
            if (check.CallerReference.StartsWith(tree + ".", StringComparison.Ordinal)) checks.Add(check);
        return checks;
    }

    public static string Describe(ResourceRecordSet r) =>
        $"{r.Name} {r.Type} {r.SetIdentifier} w={r.Weight} f={r.Failover} ttl={r.Ttl} [{string.Join(",", r.ResourceRecords)}] " +
        $"alias={r.AliasTarget?.DnsName} hc={r.HealthCheckId}";
}
