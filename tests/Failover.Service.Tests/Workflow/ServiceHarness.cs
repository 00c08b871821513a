using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Service.Ports;
using Failover.Service.Ports.Route53;
using Failover.Service.Progress;
using Failover.Service.Workflow;
using Failover.Testing.Route53;
using Failover.Testing.Store;
using Failover.Testing.Workflow;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Service.Tests.Workflow;

/// <summary>
/// The service on its ports held in memory: Route 53 and the progress store (<see cref="InMemoryRoute53"/>,
/// <see cref="InMemoryProgressStore"/>), Step Functions' StartExecution recorded, one fake clock for all of them; and
/// the state machine's part played by <see cref="StateMachineDriver"/>. Everything a test asserts is read back from
/// the fakes' state, as a test on moto reads it from moto.
/// </summary>
internal sealed class ServiceHarness
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <param name="options">Changes to the steps' settings (a step budget).</param>
    /// <param name="alarms">CloudWatch's alarms, for a deployment that keeps an alarm per health check (prefix
    /// <see cref="AlarmPrefix"/>); none by default.</param>
    public ServiceHarness(Func<WorkflowOptions, WorkflowOptions>? options = null, IMetricAlarms? alarms = null)
    {
        // Each reading of the clock moves it a millisecond, so runs and their items are ordered as in a real table.
        Time = new FakeTimeProvider(Start) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        Route53 = new InMemoryRoute53(Time);
        Zone = Route53.AddZone("example.com");
        Store = new InMemoryProgressStore(Time);
        Services = new WorkflowServices(Route53, Store, Time,
            (options ?? (o => o))(new WorkflowOptions { SyncPollInterval = TimeSpan.FromSeconds(1) }))
        {
            Alarms = alarms is null ? null : new Failover.Service.Alarms.HealthCheckAlarmSource(alarms, AlarmPrefix),
        };
        Starter = new RunStarter(Store, Executions, "arn:aws:states:us-east-1:123456789012:stateMachine:provisioning", Time);
        Driver = new StateMachineDriver(Services);
    }

    public const string AlarmPrefix = "failover-health-";

    public FakeTimeProvider Time { get; }
    public InMemoryRoute53 Route53 { get; }
    public HostedZone Zone { get; }
    public InMemoryProgressStore Store { get; }
    public WorkflowServices Services { get; }
    public RecordedExecutions Executions { get; } = new();
    public RunStarter Starter { get; }
    public StateMachineDriver Driver { get; }

    public TreeSpec Spec(string tree = "www", string pool = WorkflowTrees.TwoCheckedEndpoints, string secondary = "192.0.2.99",
        string? secondaryNode = null) =>
        WorkflowTrees.FailoverPool(tree, Zone.Id, Zone.Name, pool, secondary, secondaryNode);

    /// <summary>The spec with one more attachment (a name in another zone), loaded as a file is.</summary>
    public static TreeSpec Attached(TreeSpec spec, string zoneId, string zoneName, string recordName)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(SpecJsonWriter.Write(spec))!;
        json["attachments"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
        {
            ["hostedZoneId"] = zoneId, ["zoneName"] = zoneName.TrimEnd('.'), ["recordName"] = recordName,
        });
        var loaded = SpecLoader.Load(json.ToJsonString());
        return loaded.HasErrors ? throw new ArgumentException(string.Join("; ", loaded.Diagnostics), nameof(spec)) : loaded.Spec!;
    }

    /// <summary>Applies the spec through a whole run, as the deployment would.</summary>
    public async Task<StartedRun> AppliedAsync(TreeSpec spec, bool force = false)
    {
        var started = await Starter.ApplyAsync(spec, force);
        var outcome = await Driver.DriveAsync(started.RunId, force);
        return outcome.Status == "SUCCEEDED" ? started : throw new InvalidOperationException($"the apply ended {outcome.Status}");
    }

    /// <summary>The zone's record sets apart from its NS and SOA, one line each, in listing order.</summary>
    public List<string> ZoneLines() => [.. ZoneRecords().Select(Describe)];

    public ZoneSnapshot Snapshot() =>
        new(ZoneRecords(), Route53.HealthChecks.Select(c => c.Id).ToHashSet(StringComparer.Ordinal));

    public List<ResourceRecordSet> ZoneRecords() => [.. Route53.RecordsOf(Zone.Id).Where(r => r.Type is not ("NS" or "SOA"))];

    /// <summary>The health checks whose CallerReference is the tree's (its own and any orphan), with their tags.</summary>
    public async Task<List<(HealthCheck Check, IReadOnlyList<ResourceTag> Tags)>> ChecksOfAsync(string tree)
    {
        var checks = Route53.HealthChecks.Where(c => c.CallerReference.StartsWith(tree + ".", StringComparison.Ordinal)).ToList();
        var result = new List<(HealthCheck, IReadOnlyList<ResourceTag>)>();
        foreach (var check in checks) result.Add((check, await Route53.ListTagsForResourceAsync(check.Id)));
        return result;
    }

    public static string Describe(ResourceRecordSet r) =>
        $"{r.Name} {r.Type} {r.SetIdentifier} w={r.Weight} f={r.Failover} [{string.Join(",", r.ResourceRecords)}] " +
        $"alias={r.AliasTarget?.DnsName} hc={(r.HealthCheckId is null ? "-" : "yes")}";
}

/// <summary>Step Functions' StartExecution as the service sees it: each call recorded, an execution ARN answered.</summary>
internal sealed class RecordedExecutions : IExecutions
{
    private readonly List<(string Name, string Input)> _started = [];

    public IReadOnlyList<(string Name, string Input)> Started => _started;

    public Task<string> StartAsync(string stateMachineArn, string input, string name, CancellationToken cancellationToken = default)
    {
        _started.Add((name, input));
        return Task.FromResult($"{stateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal)}:{name}");
    }
}
