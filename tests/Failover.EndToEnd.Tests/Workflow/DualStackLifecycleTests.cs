using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Failover.EndToEnd.Tests.Workflow;

/// <summary>
/// A dual-stack tree (<c>examples/dual-stack.json</c>) on the local stack: validate, plan, apply through the workflow, read back
/// by the AWS CLI (an A and an AAAA record per node, the two naming one health check), drift reported and repaired after an
/// out-of-band change of an IPv6 address, simulate per type, tear down.
/// </summary>
[Collection(RoutingStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class DualStackLifecycleTests(WorkflowStackFixture stack, ITestOutputHelper log)
{
    private readonly WorkflowTestSupport _support = new(stack, log);

    [Fact]
    public async Task A_dual_stack_tree_goes_from_validate_to_teardown()
    {
        var (path, spec) = _support.WriteSpec("dual-stack.json", "dual-life", json => json["driftPolicy"] = "repair");

        Assert.Equal(0, (await OfflineAsync("validate", path)).Code);
        var plan = await _support.CliAsync("plan", path);
        Assert.True(plan.Code == 0, plan.Error);
        Assert.Contains("8 to create", plan.Out);
        Assert.Contains("health checks: 2 to create", plan.Out);
        var planJson = await _support.CliAsync("plan", path, "--json");
        Assert.Contains("\"Type\": \"AAAA\"", planJson.Out);

        var applied = await _support.CliAsync("apply", path, "--yes");
        Assert.True(applied.Code == 0, applied.Out + applied.Error);
        Assert.Contains("SUCCEEDED", applied.Out);

        // The weighted pair lives at the nested rule's helper name.
        var fleet = "_fleet." + spec.RecordName;
        var webA = (await _support.RecordsAsync()).Where(r => r.GetProperty("Name").GetString()!.TrimEnd('.') == fleet
            && r.TryGetProperty("SetIdentifier", out var id) && id.GetString() == "web-a")
            .ToDictionary(r => r.GetProperty("Type").GetString()!);
        Assert.Equal(["A", "AAAA"], webA.Keys.Order());
        Assert.Equal("2001:db8::10", webA["AAAA"].GetProperty("ResourceRecords")[0].GetProperty("Value").GetString());
        var check = webA["A"].GetProperty("HealthCheckId").GetString();
        Assert.Equal(check, webA["AAAA"].GetProperty("HealthCheckId").GetString());
        Assert.Equal(0, (await _support.CliAsync("drift", spec.Name, "--check", "--direct", "--detailed-exitcode")).Code);

        // Someone changes the IPv6 address by hand: drift names the AAAA record's values; the repair policy puts them back.
        var changed = JsonNode.Parse(webA["AAAA"].GetRawText())!;
        changed["ResourceRecords"] = new JsonArray(new JsonObject { ["Value"] = "2001:db8::99" });
        await _support.AwsJsonAsync("route53", "change-resource-record-sets", "--hosted-zone-id", spec.HostedZoneId, "--change-batch",
            new JsonObject { ["Changes"] = new JsonArray(new JsonObject { ["Action"] = "UPSERT", ["ResourceRecordSet"] = changed }) }
                .ToJsonString());
        var drift = await _support.CliAsync("drift", spec.Name, "--check", "--direct", "--json");
        Assert.Contains("2001:db8::99", drift.Out);
        Assert.Contains("AAAA", drift.Out);
        var repaired = (await _support.RecordsAsync()).Single(r => r.GetProperty("Name").GetString()!.TrimEnd('.') == fleet
            && r.GetProperty("Type").GetString() == "AAAA" && r.TryGetProperty("SetIdentifier", out var id) && id.GetString() == "web-a");
        Assert.Equal("2001:db8::10", repaired.GetProperty("ResourceRecords")[0].GetProperty("Value").GetString());
        Assert.Equal(0, (await _support.CliAsync("drift", spec.Name, "--check", "--direct", "--detailed-exitcode")).Code);

        var aaaa = await OfflineAsync("simulate", path, "--type", "AAAA", "--unhealthy", "web-a,web-b");
        Assert.Contains("2001:db8:1::20", aaaa.Out);
        var a = await OfflineAsync("simulate", path, "--unhealthy", "web-a");
        Assert.Contains("192.0.2.11", a.Out);

        var destroyed = await _support.CliAsync("destroy", spec.Name, "--yes");
        Assert.True(destroyed.Code == 0, destroyed.Out + destroyed.Error);
        Assert.DoesNotContain(await _support.RecordsAsync(), r => r.GetProperty("Name").GetString()!.TrimEnd('.') is var name
            && (name == spec.RecordName || name == fleet));
    }

    /// <summary>validate and simulate read the spec file only: no endpoint.</summary>
    private async Task<(int Code, string Out, string Error)> OfflineAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await Failover.Cli.CliApp.RunAsync(args, new StringReader(""), stdout, stderr);
        log.WriteLine($"failover {string.Join(' ', args)} → {code}\n{stderr}{stdout}");
        return (code, stdout.ToString(), stderr.ToString());
    }
}
