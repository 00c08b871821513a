using Failover.Core.Spec;
using Failover.Service.Apply;
using Failover.Service.Tests.Workflow;
using Failover.Service.Workflow;

namespace Failover.Service.Tests.Apply;

/// <summary>
/// A tree that names by id a health check the account does not hold (an endpoint's healthCheckId, a CALCULATED check's
/// childHealthCheckIds): Route 53 refuses the reference (NoSuchHealthCheck), so the plan reports it and the apply stops
/// before any change, instead of failing after it made the tree's other checks.
/// </summary>
[Trait("Category", "Unit")]
public sealed class MissingNamedHealthCheckTests
{
    private const string Missing = "8d4b3d1c-1f2e-4a5b-9c6d-7e8f9a0b1c2d";

    public static TheoryData<string> Namings => new()
    {
        $$"""{ "values": ["192.0.2.11"], "healthCheckId": "{{Missing}}" }""",
        $$"""
        { "values": ["192.0.2.11"], "healthCheck": { "type": "CALCULATED", "children": ["a"], "childHealthCheckIds": ["{{Missing}}"] } }
        """,
    };

    [Theory]
    [MemberData(nameof(Namings))]
    public async Task A_direct_apply_naming_a_check_the_account_lacks_is_refused_before_any_change(string endpoint)
    {
        var h = new ServiceHarness();
        var direct = new DirectApplier(h.Route53, h.Store, h.Time) { SyncPollInterval = TimeSpan.Zero };

        var refused = await Assert.ThrowsAsync<ApplyRefusedException>(() => direct.ApplyAsync(Spec(h, endpoint)));

        Assert.Contains("node 'b'", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"health check {Missing}, which does not exist", refused.Message, StringComparison.Ordinal);
        Assert.Empty(h.ZoneRecords());
        Assert.Empty(h.Route53.HealthChecks);
    }

    [Theory]
    [MemberData(nameof(Namings))]
    public async Task A_workflow_run_naming_a_check_the_account_lacks_stops_at_its_plan(string endpoint)
    {
        var h = new ServiceHarness();
        var started = await h.Starter.ApplyAsync(Spec(h, endpoint));

        var outcome = await h.Driver.DriveWithRollbackAsync(started.RunId);

        Assert.Equal(WorkflowErrors.RecordConflict, outcome.Error);
        Assert.Empty(h.ZoneRecords());
        Assert.Empty(h.Route53.HealthChecks);
    }

    /// <summary>A weighted pair: "a" with a check the tree makes, "b" as <paramref name="endpoint"/> says.</summary>
    private static TreeSpec Spec(ServiceHarness h, string endpoint)
    {
        var loaded = SpecLoader.Load($$"""
            { "name": "www", "hostedZoneId": "{{h.Zone.Id}}", "zoneName": "{{h.Zone.Name}}", "recordName": "www.{{h.Zone.Name}}",
              "recordType": "A", "ttl": 60, "root": { "id": "root", "routing": "weighted", "children": [
                { "id": "a", "weight": 1, "endpoint": { "values": ["192.0.2.10"], "healthCheck": { "type": "HTTP" } } },
                { "id": "b", "weight": 1, "endpoint": {{endpoint}} } ] } }
            """);
        return loaded.Spec ?? throw new InvalidOperationException(string.Join("; ", loaded.Diagnostics));
    }
}
