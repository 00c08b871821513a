using Failover.Aws.Route53;
using Failover.Core.Route53;
using Failover.Local.Aws;
using Failover.Service.Ports.Route53;
using Xunit.Abstractions;

namespace Failover.EndToEnd.Tests.Workflow;

/// <summary>
/// An az-affinity tree (<c>examples/az-affinity.json</c>) on the local stack: validate, plan (text and the API's JSON shape),
/// apply through the workflow, read back with every AZAffinity as sent, drift reported and repaired after an out-of-band move
/// of a record to another Availability Zone, simulate, tear down. The zone is read and changed with the project's Route 53
/// client: the AWS CLI on this machine predates AZAffinity and drops it.
/// </summary>
[Collection(RoutingStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class AzAffinityLifecycleTests(WorkflowStackFixture stack, ITestOutputHelper log)
{
    private readonly WorkflowTestSupport _support = new(stack, log);
    private readonly Route53Client _route53 = new(
        new Route53ClientOptions { Endpoint = stack.EdgeUrl, RequestsPerSecond = 1000, Burst = 1000 },
        credentials: LocalAccount.Credentials);

    [Fact]
    public async Task An_az_affinity_tree_goes_from_validate_to_teardown()
    {
        var (path, spec) = _support.WriteSpec("az-affinity.json", "az-life", json => json["driftPolicy"] = "repair");

        Assert.Equal(0, (await OfflineAsync("validate", path)).Code);
        var plan = await _support.CliAsync("plan", path);
        Assert.True(plan.Code == 0, plan.Error);
        Assert.Contains("az-affinity availability-zone use1-az1", plan.Out);
        Assert.Contains("az-affinity global", plan.Out);
        var planJson = await _support.CliAsync("plan", path, "--json");
        Assert.Contains("\"AZAffinity\": {", planJson.Out);
        Assert.Contains("\"LocationType\": \"AvailabilityZoneGroup\"", planJson.Out);

        var applied = await _support.CliAsync("apply", path, "--yes");
        Assert.True(applied.Code == 0, applied.Out + applied.Error);
        Assert.Contains("SUCCEEDED", applied.Out);

        var zone = await RecordsAsync(spec.RecordName);
        Assert.Equal(
            ["anywhere Global global", "commercial Partition aws", "ireland Region eu-west-1", "use1-az1 AvailabilityZone use1-az1",
                "use1-az2 AvailabilityZone use1-az2", "virginia-zones AvailabilityZoneGroup us-east-1-zg-1"],
            zone.Select(r => $"{r.SetIdentifier} {r.AzAffinity?.LocationType} {r.AzAffinity?.LocationId}").Order());
        Assert.All(zone.Where(r => r.SetIdentifier != "anywhere"), r => Assert.NotNull(r.HealthCheckId));
        Assert.Equal(0, (await _support.CliAsync("drift", spec.Name, "--check", "--direct", "--detailed-exitcode")).Code);

        // Someone moves the first zone's record to another Availability Zone by hand: drift names the field; repair puts it back.
        var first = zone.Single(r => r.SetIdentifier == "use1-az1");
        await _route53.ChangeResourceRecordSetsAsync(ZoneId, new ChangeBatch([new RecordChange(ChangeAction.Upsert,
            first with { AzAffinity = new AzAffinity("AvailabilityZone", "use1-az6") })]));
        var drift = await _support.CliAsync("drift", spec.Name, "--check", "--direct", "--json");
        Assert.Contains("azAffinity.locationId", drift.Out);
        Assert.Contains("use1-az6", drift.Out);
        var repaired = (await RecordsAsync(spec.RecordName)).Single(r => r.SetIdentifier == "use1-az1");
        Assert.Equal(new AzAffinity("AvailabilityZone", "use1-az1"), repaired.AzAffinity);
        Assert.Equal(0, (await _support.CliAsync("drift", spec.Name, "--check", "--direct", "--detailed-exitcode")).Code);

        var simulated = await OfflineAsync("simulate", path, "--az", "use1-az2");
        Assert.Contains("use1-az2", simulated.Out);
        var failedOver = await OfflineAsync("simulate", path, "--az", "us-east-1-zg-1", "--unhealthy", "virginia-zones");
        Assert.Contains("commercial", failedOver.Out);
        var unknown = await OfflineAsync("simulate", path);
        Assert.Contains("anywhere", unknown.Out);

        var destroyed = await _support.CliAsync("destroy", spec.Name, "--yes");
        Assert.True(destroyed.Code == 0, destroyed.Out + destroyed.Error);
        Assert.Empty(await RecordsAsync(spec.RecordName));
    }

    private string ZoneId => stack.ZoneId.Split('/').Last();

    private async Task<List<ResourceRecordSet>> RecordsAsync(string name)
    {
        var records = new List<ResourceRecordSet>();
        RecordSetPosition? next = null;
        do
        {
            var page = await _route53.ListResourceRecordSetsAsync(ZoneId, next);
            records.AddRange(page.RecordSets.Where(r => r.Name == name));
            next = page.Next;
        }
        while (next is not null);
        return records;
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
