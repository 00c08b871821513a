using System.Text.Json;
using Failover.EndToEnd.Tests.Api;
using Failover.EndToEnd.Tests.Drift;
using Failover.EndToEnd.Tests.LocalStack;
using Failover.Service.Progress;
using Failover.Testing;
using Failover.Testing.Stack;

namespace Failover.EndToEnd.Tests.Events;

/// <summary>
/// The CloudWatch alarms the workflow keeps on a tree's health checks, against moto's CloudWatch on a stack that keeps
/// them (as the template's deployment does): one per check after apply, named by the deployment's prefix and the check,
/// watching Route 53's HealthCheckStatus; one deleted out of band is drift (and in the API's plan), and the repair run puts
/// it back; an alarm whose check was deleted out of band is the tree's orphan, which the repair deletes; teardown deletes
/// them with the checks.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class HealthCheckAlarmLifecycleTests : IAsyncLifetime
{
    private const string Prefix = "e2e-stack-health-";
    private const string Tree = "alarmed";
    private TestStack? _stack;

    private TestStack Stack => _stack ?? throw new InvalidOperationException("the stack is not started");

    public async Task InitializeAsync() => _stack = await new TestStackBuilder().WithHealthCheckAlarms(Prefix).StartAsync();

    public async Task DisposeAsync()
    {
        if (_stack is not null) await _stack.DisposeAsync();
    }

    private string Spec() => $$"""
        {
          "name": "{{Tree}}", "hostedZoneId": "{{Stack.ZoneId}}", "zoneName": "example.com", "driftPolicy": "repair",
          "recordName": "alarmed.example.com", "recordType": "A", "ttl": 60,
          "healthCheckDefaults": { "type": "HTTP", "port": 80, "path": "/health" },
          "root": { "id": "root", "routing": "failover",
            "primary": { "id": "pool", "routing": "weighted", "children": [
              { "id": "a", "weight": 10, "endpoint": { "values": ["192.0.2.10"], "healthCheck": {} } },
              { "id": "b", "weight": 10, "endpoint": { "values": ["192.0.2.11"], "healthCheck": {} } } ] },
            "secondary": { "id": "sorry", "endpoint": { "values": ["198.51.100.80"] } } }
        }
        """;

    [Fact]
    public async Task Apply_keeps_one_alarm_per_check_drift_finds_a_deleted_one_the_repair_restores_it_and_teardown_removes_them()
    {
        var path = Path.Combine(Path.GetTempPath(), $"failover-alarms-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, Spec());
        var applied = await DriftStackFixture.CliAsync("apply", path, "--yes", "--endpoint", Stack.EdgeUrl.ToString());
        Assert.True(applied.Code == 0, applied.Out + applied.Error);

        var checks = await ChecksByNodeAsync();
        Assert.Equal(["a", "b"], checks.Keys.Order(StringComparer.Ordinal));
        var alarms = await AlarmsAsync();
        Assert.Equal(checks.Values.Select(id => Prefix + id).Order(StringComparer.Ordinal), alarms.Keys.Order(StringComparer.Ordinal));
        var alarm = alarms[Prefix + checks["a"]];
        Assert.Equal(("AWS/Route53", "HealthCheckStatus", "Minimum", 60, 3, 2, "LessThanThreshold"),
            (alarm.GetProperty("Namespace").GetString(), alarm.GetProperty("MetricName").GetString(),
                alarm.GetProperty("Statistic").GetString(), alarm.GetProperty("Period").GetInt32(),
                alarm.GetProperty("EvaluationPeriods").GetInt32(), alarm.GetProperty("DatapointsToAlarm").GetInt32(),
                alarm.GetProperty("ComparisonOperator").GetString()));
        var dimension = Assert.Single(alarm.GetProperty("Dimensions").EnumerateArray().ToList());
        Assert.Equal(("HealthCheckId", checks["a"]),
            (dimension.GetProperty("Name").GetString(), dimension.GetProperty("Value").GetString()));

        // Out of band: one alarm deleted. The drift check names it; the tree's policy repairs it with a run.
        await AwsJsonAsync("cloudwatch", "delete-alarms", "--alarm-names", Prefix + checks["b"]);
        using var api = new ApiClient(Stack.ApiUrl);
        // The API's preview of the tree's plan reads the alarms too: it puts back only the one that is gone.
        var preview = await api.GetAsync($"/trees/{Tree}/plan");
        Assert.True(preview.Status == 200, preview.ToString());
        var layer = Assert.Single(preview.Json.GetProperty("layers").EnumerateArray().ToList());
        Assert.Equal("health-check-alarms", layer.GetProperty("name").GetString());
        Assert.Equal(["b"], layer.GetProperty("putHealthCheckAlarms").EnumerateArray().Select(a => a.GetProperty("nodeId").GetString()));
        var drift = await api.PostAsync($"/trees/{Tree}/drift-check", "");
        Assert.True(drift.Status == 200, drift.ToString());
        var items = drift.Json.GetProperty("report").GetProperty("items");
        var item = Assert.Single(items.EnumerateArray().ToList());
        Assert.Equal(("healthCheckAlarmMissing", "b", checks["b"]), (item.GetProperty("kind").GetString(),
            item.GetProperty("nodeId").GetString(), item.GetProperty("healthCheckId").GetString()));
        var repair = drift.Json.GetProperty("report").GetProperty("repair").GetProperty("runId").GetString()!;
        var ended = await Eventually.ReachAsync($"repair run {repair} to end", token => Stack.Store.GetRunAsync(repair, token),
            run => run is { Status: not RunStatus.Running }, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(250));
        Assert.Equal(RunStatus.Succeeded, ended!.Status);
        Assert.Equal(alarms.Keys.Order(StringComparer.Ordinal), (await AlarmsAsync()).Keys.Order(StringComparer.Ordinal));

        // Out of band: check a deleted. Its alarm names the tree in its description, so the drift check calls it the
        // tree's orphan; the repair gives node a a new check and alarm, and deletes the orphan (and no check).
        var described = (await AlarmsAsync())[Prefix + checks["a"]].GetProperty("AlarmDescription").GetString();
        Assert.StartsWith($"Kept by the failover service for tree {Tree} (node a)", described);
        await AwsJsonAsync("route53", "delete-health-check", "--health-check-id", checks["a"]);
        var orphaned = await api.PostAsync($"/trees/{Tree}/drift-check", "");
        Assert.True(orphaned.Status == 200, orphaned.ToString());
        var kinds = orphaned.Json.GetProperty("report").GetProperty("items").EnumerateArray().ToList();
        var orphan = Assert.Single(kinds, i => i.GetProperty("kind").GetString() == "healthCheckAlarmOrphaned");
        Assert.Equal((Prefix + checks["a"], checks["a"]),
            (orphan.GetProperty("alarmName").GetString(), orphan.GetProperty("healthCheckId").GetString()));
        var second = orphaned.Json.GetProperty("report").GetProperty("repair").GetProperty("runId").GetString()!;
        var repaired = await Eventually.ReachAsync($"repair run {second} to end", token => Stack.Store.GetRunAsync(second, token),
            run => run is { Status: not RunStatus.Running }, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(250));
        Assert.Equal(RunStatus.Succeeded, repaired!.Status);
        var rebuilt = await ChecksByNodeAsync();
        Assert.NotEqual(checks["a"], rebuilt["a"]);
        Assert.Equal(rebuilt.Values.Select(id => Prefix + id).Order(StringComparer.Ordinal),
            (await AlarmsAsync()).Keys.Order(StringComparer.Ordinal));

        var destroyed = await DriftStackFixture.CliAsync("destroy", Tree, "--yes", "--endpoint", Stack.EdgeUrl.ToString());
        Assert.True(destroyed.Code == 0, destroyed.Out + destroyed.Error);
        Assert.Empty(await ChecksByNodeAsync());
        Assert.Empty(await AlarmsAsync());
    }

    private async Task<IReadOnlyDictionary<string, JsonElement>> AlarmsAsync() =>
        (await AwsJsonAsync("cloudwatch", "describe-alarms", "--alarm-name-prefix", Prefix, "--region", "us-east-1"))
        .GetProperty("MetricAlarms").EnumerateArray().ToDictionary(a => a.GetProperty("AlarmName").GetString()!, a => a);

    private async Task<JsonElement> AwsJsonAsync(params string[] args)
    {
        var result = await AwsCli.RunAsync(Stack.EdgeUrl, [.. args, "--output", "json"]);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)}: {result.Error}");
        return JsonDocument.Parse(result.Output.Length == 0 ? "{}" : result.Output).RootElement.Clone();
    }

    private async Task<IReadOnlyDictionary<string, string>> ChecksByNodeAsync()
    {
        var ids = (await AwsJsonAsync("route53", "list-health-checks")).GetProperty("HealthChecks").EnumerateArray()
            .Select(h => h.GetProperty("Id").GetString()!).ToList();
        var byNode = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var tags = (await AwsJsonAsync("route53", "list-tags-for-resource", "--resource-type", "healthcheck", "--resource-id", id))
                .GetProperty("ResourceTagSet").GetProperty("Tags").EnumerateArray()
                .ToDictionary(t => t.GetProperty("Key").GetString()!, t => t.GetProperty("Value").GetString()!);
            if (tags.GetValueOrDefault("failover:tree") == Tree) byNode[tags["failover:node"]] = id;
        }
        return byNode;
    }
}
