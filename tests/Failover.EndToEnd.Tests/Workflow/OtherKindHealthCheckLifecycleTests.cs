using System.Text.Json;
using System.Text.Json.Nodes;
using Failover.Testing;
using Xunit.Abstractions;

namespace Failover.EndToEnd.Tests.Workflow;

/// <summary>
/// examples/canary-alarm.json end to end on the local stack: CLOUDWATCH_METRIC, RECOVERY_CONTROL and CALCULATED checks
/// owned by the tree go through validate, plan, apply (the workflow), drift (report, then repair), simulate and
/// teardown, and Route 53 (moto with the project's patches, behind the realism layer) holds exactly their members; so do
/// checks on a nested rule and an alias leaf.
/// </summary>
[Collection(RoutingStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class OtherKindHealthCheckLifecycleTests(WorkflowStackFixture stack, ITestOutputHelper log)
{
    private readonly WorkflowTestSupport _support = new(stack, log);

    [Fact]
    public async Task Alarm_routing_control_and_calculated_checks_apply_drift_repair_simulate_and_tear_down()
    {
        var name = "hc" + Guid.NewGuid().ToString("N")[..8];
        var (path, _) = _support.WriteSpec("canary-alarm.json", name, json => json["driftPolicy"] = "repair");

        var validated = await _support.OfflineCliAsync("validate", path);
        Assert.True(validated.Code == 0, validated.Out + validated.Error);

        var plan = await _support.CliAsync("plan", path);
        Assert.True(plan.Code == 0, plan.Out + plan.Error);
        Assert.Contains("health-checks-2", plan.Out);
        Assert.Contains("CLOUDWATCH_METRIC alarm us-east-1/api-canary-az-a (insufficient data: Unhealthy)", plan.Out);
        Assert.Contains("CALCULATED 1 of [dr-1]", plan.Out);
        var planJson = await _support.CliAsync("plan", path, "--json");
        Assert.Contains("\"AlarmIdentifier\"", planJson.Out);
        Assert.Contains("\"RoutingControlArn\"", planJson.Out);

        var applied = await _support.CliAsync("apply", path, "--yes");
        Assert.True(applied.Code == 0, applied.Out + applied.Error);
        Assert.Contains("SUCCEEDED", applied.Out);

        var checks = await TreeChecksAsync(name);
        Assert.Equal(["az-a", "az-b", "dr-1", "dr-2"], checks.Keys.Order());
        var alarm = checks["az-a"].GetProperty("HealthCheckConfig");
        Assert.Equal("api-canary-az-a", alarm.GetProperty("AlarmIdentifier").GetProperty("Name").GetString());
        Assert.Equal("Unhealthy", alarm.GetProperty("InsufficientDataHealthStatus").GetString());
        Assert.False(alarm.TryGetProperty("IPAddress", out _));
        Assert.StartsWith("arn:aws:route53-recovery-control::",
            checks["dr-1"].GetProperty("HealthCheckConfig").GetProperty("RoutingControlArn").GetString());
        var calculated = checks["dr-2"].GetProperty("HealthCheckConfig");
        Assert.Equal([checks["dr-1"].GetProperty("Id").GetString()],
            calculated.GetProperty("ChildHealthChecks").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(1, calculated.GetProperty("HealthThreshold").GetInt32());
        // The records name them: the private addresses are checked by their alarms.
        var azA = (await _support.RecordsAsync()).Single(r => r.TryGetProperty("SetIdentifier", out var id) && id.GetString() == "az-a");
        Assert.Equal(checks["az-a"].GetProperty("Id").GetString(), azA.GetProperty("HealthCheckId").GetString());

        // Out of band: the alarm check's insufficient-data status, and the routing control check turned upside down.
        // The drift check names both members, then repairs them.
        var azAId = checks["az-a"].GetProperty("Id").GetString()!;
        await _support.AwsJsonAsync("route53", "update-health-check", "--health-check-id", azAId,
            "--insufficient-data-health-status", "Healthy");
        await _support.AwsJsonAsync("route53", "update-health-check", "--health-check-id", checks["dr-1"].GetProperty("Id").GetString()!,
            "--inverted");
        var drift = await _support.CliAsync("drift", name, "--check");
        Assert.Contains("insufficientDataHealthStatus", drift.Out + drift.Error);
        Assert.Contains("inverted false → true", drift.Out + drift.Error);
        Assert.Contains("repair: started", drift.Out + drift.Error);
        // The repair is a workflow run; once it has ended the tree checks clean.
        await Eventually.ReachAsync($"tree {name} checked clean after the repair run",
            _ => _support.CliAsync("drift", name, "--check", "--detailed-exitcode"), check => check.Code == 0,
            TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(1));
        var repaired = await TreeChecksAsync(name);
        Assert.Equal("Unhealthy",
            repaired["az-a"].GetProperty("HealthCheckConfig").GetProperty("InsufficientDataHealthStatus").GetString());
        Assert.False(repaired["dr-1"].GetProperty("HealthCheckConfig").GetProperty("Inverted").GetBoolean());

        // Both canaries alarming and the DR routing control off: the calculated check over it fails too, the sorry page answers.
        var simulated = await _support.OfflineCliAsync("simulate", path, "--unhealthy", "az-a,az-b,dr-1", "--json");
        Assert.True(simulated.Code == 0, simulated.Out + simulated.Error);
        var answers = JsonDocument.Parse(simulated.Out).RootElement.GetProperty("answers").EnumerateArray()
            .Select(a => a.GetProperty("nodeId").GetString()).ToList();
        Assert.Equal(["sorry"], answers);

        var destroyed = await _support.CliAsync("destroy", name, "--yes");
        Assert.True(destroyed.Code == 0, destroyed.Out + destroyed.Error);
        Assert.Empty(await TreeChecksAsync(name));
    }

    /// <summary>
    /// examples/rule-health-check.json: the nested rule's record (failover PRIMARY alias to its group) names a CALCULATED
    /// check over the two AZ alarm checks, the alias leaf names an HTTPS check of the load balancer's name.
    /// </summary>
    [Fact]
    public async Task Checks_on_a_nested_rule_and_an_alias_leaf_apply_drift_repair_simulate_and_tear_down()
    {
        var name = "nh" + Guid.NewGuid().ToString("N")[..8];
        var (path, spec) = _support.WriteSpec("rule-health-check.json", name, json => json["driftPolicy"] = "repair");

        var plan = await _support.CliAsync("plan", path);
        Assert.True(plan.Code == 0, plan.Out + plan.Error);
        Assert.Contains("CALCULATED 2 of [az-a, az-b]", plan.Out);
        Assert.Contains("HTTPS dr.example.com:443/health", plan.Out);

        var applied = await _support.CliAsync("apply", path, "--yes");
        Assert.True(applied.Code == 0, applied.Out + applied.Error);
        var checks = await TreeChecksAsync(name);
        Assert.Equal(["az-a", "az-b", "euw1-alb", "use1"], checks.Keys.Order());
        string IdOf(string node) => checks[node].GetProperty("Id").GetString()!;
        var children = checks["use1"].GetProperty("HealthCheckConfig").GetProperty("ChildHealthChecks");
        Assert.Equal(new[] { IdOf("az-a"), IdOf("az-b") }.Order(), children.EnumerateArray().Select(c => c.GetString()).Order());
        var records = await _support.RecordsAsync();
        JsonElement Record(string setIdentifier) => records.Single(r =>
            r.TryGetProperty("SetIdentifier", out var id) && id.GetString() == setIdentifier
            && r.GetProperty("Name").GetString()!.StartsWith(setIdentifier == "use1" ? spec.RecordName : "_dr.", StringComparison.Ordinal));
        Assert.Equal(IdOf("use1"), Record("use1").GetProperty("HealthCheckId").GetString());
        Assert.True(Record("use1").TryGetProperty("AliasTarget", out _));
        Assert.Equal(IdOf("euw1-alb"), Record("euw1-alb").GetProperty("HealthCheckId").GetString());

        // Out of band: the rule's calculated check asks for one healthy child instead of two, and the alias leaf's record
        // loses its check (Route 53 would then answer with the load balancer whatever dr.example.com's health).
        await _support.AwsJsonAsync("route53", "update-health-check", "--health-check-id", IdOf("use1"), "--health-threshold", "1");
        var bare = JsonNode.Parse(Record("euw1-alb").GetRawText())!.AsObject();
        bare.Remove("HealthCheckId");
        await _support.AwsJsonAsync("route53", "change-resource-record-sets", "--hosted-zone-id", spec.HostedZoneId, "--change-batch",
            new JsonObject { ["Changes"] = new JsonArray(new JsonObject { ["Action"] = "UPSERT", ["ResourceRecordSet"] = bare }) }
                .ToJsonString());
        var drift = await _support.CliAsync("drift", name, "--check", "--json");
        var fields = JsonDocument.Parse(drift.Out).RootElement.GetProperty("items").EnumerateArray()
            .SelectMany(i => i.TryGetProperty("fields", out var f) ? f.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(f => $"{f.GetProperty("field").GetString()} {f.GetProperty("expected")} {f.GetProperty("actual")}").ToList();
        Assert.Contains("healthThreshold 2 1", fields);
        Assert.Contains($"healthCheckId {IdOf("euw1-alb")} ", fields);
        await Eventually.ReachAsync($"tree {name} checked clean after the repair run",
            _ => _support.CliAsync("drift", name, "--check", "--detailed-exitcode"), check => check.Code == 0,
            TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(1));
        records = await _support.RecordsAsync();
        Assert.Equal(IdOf("euw1-alb"), Record("euw1-alb").GetProperty("HealthCheckId").GetString());

        // One AZ canary alarming fails the whole region over to the DR load balancer.
        var simulated = await _support.OfflineCliAsync("simulate", path, "--unhealthy", "az-a", "--json");
        Assert.Equal(["euw1-alb"], JsonDocument.Parse(simulated.Out).RootElement.GetProperty("answers").EnumerateArray()
            .Select(a => a.GetProperty("nodeId").GetString()));

        var destroyed = await _support.CliAsync("destroy", name, "--yes");
        Assert.True(destroyed.Code == 0, destroyed.Out + destroyed.Error);
        Assert.Empty(await TreeChecksAsync(name));
    }


    /// <summary>The tree's checks, by the node their tags name.</summary>
    private async Task<Dictionary<string, JsonElement>> TreeChecksAsync(string tree)
    {
        var all = await _support.HealthChecksAsync();
        var tags = await _support.TagsAsync(all.Select(c => c.GetProperty("Id").GetString()!));
        return all.Where(c => tags.TryGetValue(c.GetProperty("Id").GetString()!, out var t) && t.GetValueOrDefault("failover:tree") == tree)
            .ToDictionary(c => tags[c.GetProperty("Id").GetString()!]["failover:node"], c => c);
    }
}
